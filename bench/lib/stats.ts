// Small statistics and timing helpers: medians resist the noise of a shared machine better than means.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds one call of `work` takes, as the median of `times` sequential calls. */
export async function medianMs(times: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Milliseconds per call of a fast synchronous `work`, timed over batches of `batch` calls (median batch). */
export function perCallMs(batches: number, batch: number, work: () => unknown): number {
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) work();
    samples.push((performance.now() - started) / batch);
  }
  return median(samples);
}
