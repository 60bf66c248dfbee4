/** A latency distribution, in milliseconds. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The nearest-rank percentile (`p` from 0 to 100) of the sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** p50, p99 and max of a set of durations. */
export function summarizeLatency(durations: readonly number[] | Float64Array): Latency {
  if (durations.length === 0) throw new Error('latency of nothing');
  const sorted = Float64Array.from(durations).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}
