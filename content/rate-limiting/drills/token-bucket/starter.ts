export type TokenBucketOptions = {
  capacity: number;
  refillPerSecond: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export function createTokenBucket(options: TokenBucketOptions) {
  return {
    tryTake(cost = 1): boolean {
      // Your code here
      return false;
    },
  };
}
