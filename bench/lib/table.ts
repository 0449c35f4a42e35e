// One Markdown table row per measure (so a run pastes straight into the README): the figure, its baseline measured
// in the same run, the ratio, and the goal it must meet.

export interface Row {
  measure: string;
  figure: string;
  baseline: string;
  ratio: number;
  /**
   * The ratio must be at least (`min`) or at most (`max`) this; or the figure itself at most `figureMax`. A row
   * with `none` explains another and has no goal of its own.
   */
  goal: { min: number } | { max: number } | { figureMax: number; text: string } | { none: true };
  /** The figure as a number, for a `figureMax` goal. */
  figureValue?: number;
  /** How the ratio reads: "0.81" for throughput, "1.3×" for a cost. */
  unit?: '×' | '';
}

export function meets(row: Row): boolean {
  if ('none' in row.goal) return true;
  if ('figureMax' in row.goal) return (row.figureValue ?? Infinity) <= row.goal.figureMax;
  return 'min' in row.goal ? row.ratio >= row.goal.min : row.ratio <= row.goal.max;
}

export function header(): string {
  return '| measure | figure | baseline in the same run | ratio | goal | met |\n|---|---|---|---|---|---|';
}

export function formatRow(row: Row): string {
  const unit = row.unit ?? '';
  if ('none' in row.goal)
    return `| ${row.measure} | ${row.figure} | ${row.baseline} | ${row.ratio.toFixed(2)}${unit} | — | — |`;
  const goal =
    'figureMax' in row.goal
      ? row.goal.text
      : 'min' in row.goal
        ? `≥ ${row.goal.min}${unit}`
        : `≤ ${row.goal.max}${unit}`;
  const ratio = `${row.ratio.toFixed(2)}${unit}`;
  return `| ${row.measure} | ${row.figure} | ${row.baseline} | ${ratio} | ${goal} | ${meets(row) ? 'yes' : 'NO'} |`;
}

export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;
export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
