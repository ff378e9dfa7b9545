/** Median, 95th and 99th percentile of durations in milliseconds. */
export function summarize(samples: number[]): { median: number; p95: number; p99: number } {
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export const ms = (value: number) => `${value.toFixed(3)} ms`;
