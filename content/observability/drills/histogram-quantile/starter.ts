/** One classic-histogram bucket: the cumulative count of observations ≤ le. */
export type Bucket = { le: number; count: number };

export function histogramQuantile(q: number, buckets: Bucket[]): number {
  // Your code here
  return NaN;
}
