export type TokenBucketOptions = {
  capacity: number;
  refillPerSecond: number;
  now: () => number;
};

export function createTokenBucket({ capacity, refillPerSecond, now }: TokenBucketOptions) {
  let tokens = capacity;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * refillPerSecond);
    last = t;
  };
  return {
    tryTake(cost = 1): boolean {
      refill();
      if (cost > tokens) return false;
      tokens -= cost;
      return true;
    },
  };
}
