// SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_YEAR...) as ranges of days, start inclusive, end exclusive.
// Salesforce's current SOQL guide defines each range from 00:00:00 UTC; weeks start on Sunday (the en_US
// locale of the emulator's users); the org's fiscal year is the calendar year (Salesforce's default).

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC). */
export interface DayRange {
  start: number;
  end: number;
}

type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

const FIXED: Record<string, [Unit, number] | ['N', string, number]> = {
  YESTERDAY: ['DAY', -1],
  TODAY: ['DAY', 0],
  TOMORROW: ['DAY', 1],
  LAST_WEEK: ['WEEK', -1],
  THIS_WEEK: ['WEEK', 0],
  NEXT_WEEK: ['WEEK', 1],
  LAST_MONTH: ['MONTH', -1],
  THIS_MONTH: ['MONTH', 0],
  NEXT_MONTH: ['MONTH', 1],
  LAST_QUARTER: ['QUARTER', -1],
  THIS_QUARTER: ['QUARTER', 0],
  NEXT_QUARTER: ['QUARTER', 1],
  LAST_YEAR: ['YEAR', -1],
  THIS_YEAR: ['YEAR', 0],
  NEXT_YEAR: ['YEAR', 1],
  LAST_90_DAYS: ['N', 'LAST_N_DAYS', 90],
  NEXT_90_DAYS: ['N', 'NEXT_N_DAYS', 90],
};

/** The range a literal names at `now`, or undefined for a name SOQL does not have. */
export function dateLiteralRange(literal: string, now: number): DayRange | undefined {
  const upper = literal.toUpperCase().replace('_FISCAL_', '_');
  const [name, count] = upper.split(':');
  const fixed = FIXED[name];
  const today = Math.floor(now / DAY_MS);
  if (fixed && count === undefined) {
    if (fixed[0] === 'N') return relativeRange(fixed[1], fixed[2], today);
    return periodRange(fixed[0], fixed[1], 1, today);
  }
  const n = Number(count);
  if (!Number.isInteger(n) || n < 0) return undefined;
  return relativeRange(name, n, today);
}

/** LAST_N_DAYS:n includes today (n + 1 days); NEXT_N_DAYS:n starts tomorrow; *_AGO:n is one period. */
function relativeRange(name: string, n: number, today: number): DayRange | undefined {
  const match = /^(LAST|NEXT)_N_(DAY|WEEK|MONTH|QUARTER|YEAR)S$|^N_(DAY|WEEK|MONTH|QUARTER|YEAR)S_AGO$/.exec(
    name,
  );
  if (!match) return undefined;
  if (match[3]) return periodRange(match[3] as Unit, -n, 1, today);
  const unit = match[2] as Unit;
  if (unit === 'DAY')
    return match[1] === 'LAST'
      ? { start: today - n, end: today + 1 }
      : { start: today + 1, end: today + 1 + n };
  return match[1] === 'LAST' ? periodRange(unit, -n, n, today) : periodRange(unit, 1, n, today);
}

/** `count` whole periods starting `offset` periods from the current one. */
function periodRange(unit: Unit, offset: number, count: number, today: number): DayRange {
  if (unit === 'DAY') return { start: today + offset, end: today + offset + count };
  if (unit === 'WEEK') {
    const sunday = today - new Date(today * DAY_MS).getUTCDay();
    return { start: sunday + 7 * offset, end: sunday + 7 * (offset + count) };
  }
  const date = new Date(today * DAY_MS);
  const months = unit === 'MONTH' ? 1 : unit === 'QUARTER' ? 3 : 12;
  const year = date.getUTCFullYear();
  const first = unit === 'YEAR' ? 0 : Math.floor(date.getUTCMonth() / months) * months;
  const monthStart = (k: number) => Date.UTC(year, first + k * months, 1) / DAY_MS;
  return { start: monthStart(offset), end: monthStart(offset + count) };
}

export const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
