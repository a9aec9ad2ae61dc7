// Plausible but wrong: treats every bucket alike. The +Inf bucket is interpolated like any other
// (its "upper bound" is Infinity, so the estimate becomes Infinity), and the lowest bucket always
// starts at 0, even when its bound is negative (interpolating from 0 down to -0.2).
export function histogramQuantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const bs = buckets.map((b) => ({ ...b })).sort((a, b) => a.le - b.le);
  if (bs.length < 2 || bs[bs.length - 1]!.le !== Infinity) return NaN;
  let max = 0;
  for (const b of bs) b.count = max = Math.max(max, b.count);
  const total = bs[bs.length - 1]!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  const i = bs.findIndex((b) => b.count >= rank);
  const lower = i > 0 ? bs[i - 1]!.le : 0;
  const below = i > 0 ? bs[i - 1]!.count : 0;
  return lower + (bs[i]!.le - lower) * ((rank - below) / (bs[i]!.count - below));
}
