// Plausible but wrong: assumes the buckets arrive sorted by le and already cumulative-monotonic,
// as they do in a single clean scrape. Series from a query come in no guaranteed order, and
// sum(rate(...)) or a non-atomic scrape can make a count dip below the bucket before it.
export function histogramQuantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const n = buckets.length;
  if (n < 2 || buckets[n - 1]!.le !== Infinity) return NaN;
  const total = buckets[n - 1]!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  const i = buckets.findIndex((b) => b.count >= rank);
  if (i === n - 1) return buckets[n - 2]!.le;
  if (i === 0 && buckets[0]!.le <= 0) return buckets[0]!.le;
  const lower = i > 0 ? buckets[i - 1]!.le : 0;
  const below = i > 0 ? buckets[i - 1]!.count : 0;
  return lower + (buckets[i]!.le - lower) * ((rank - below) / (buckets[i]!.count - below));
}
