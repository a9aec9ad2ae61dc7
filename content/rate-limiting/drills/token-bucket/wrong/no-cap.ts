// Plausible but wrong: forgets to cap the bucket, so a long idle period allows a huge burst.
export function createTokenBucket({ capacity, refillPerSecond, now }: { capacity: number; refillPerSecond: number; now: () => number }) {
  let tokens = capacity;
  let last = now();
  return {
    tryTake(cost = 1): boolean {
      const t = now();
      tokens += ((t - last) / 1000) * refillPerSecond;
      last = t;
      if (cost > tokens) return false;
      tokens -= cost;
      return true;
    },
  };
}
