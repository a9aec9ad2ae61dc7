// Plausible but wrong: refills only whole tokens per elapsed whole second and restarts the
// interval on every call, so frequent callers never earn a token back.
export function createTokenBucket({ capacity, refillPerSecond, now }: { capacity: number; refillPerSecond: number; now: () => number }) {
  let tokens = capacity;
  let last = now();
  return {
    tryTake(cost = 1): boolean {
      const t = now();
      tokens = Math.min(capacity, tokens + Math.floor((t - last) / 1000) * refillPerSecond);
      last = t;
      if (cost > tokens) return false;
      tokens -= cost;
      return true;
    },
  };
}
