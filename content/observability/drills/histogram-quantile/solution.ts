/** One classic-histogram bucket: the cumulative count of observations ≤ le. */
export type Bucket = { le: number; count: number };

export function histogramQuantile(q: number, buckets: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;

  // Copies, so the caller's array and objects stay as they were.
  const bs = buckets.map((b) => ({ le: b.le, count: b.count })).sort((a, b) => a.le - b.le);
  if (bs.length === 0 || bs[bs.length - 1]!.le !== Infinity) return NaN;
  if (bs.length < 2) return NaN;

  // Force monotonicity: a cumulative count can never be below the one before it.
  let max = bs[0]!.count;
  for (const b of bs) {
    if (b.count < max) b.count = max;
    else max = b.count;
  }

  const total = bs[bs.length - 1]!.count;
  if (total === 0) return NaN;

  let rank = q * total;
  const i = bs.findIndex((b) => b.count >= rank);
  if (i === bs.length - 1) return bs[bs.length - 2]!.le;
  if (i === 0 && bs[0]!.le <= 0) return bs[0]!.le;

  const upper = bs[i]!.le;
  let lower = 0;
  let count = bs[i]!.count;
  if (i > 0) {
    lower = bs[i - 1]!.le;
    count -= bs[i - 1]!.count;
    rank -= bs[i - 1]!.count;
  }
  return lower + (upper - lower) * (rank / count);
}
