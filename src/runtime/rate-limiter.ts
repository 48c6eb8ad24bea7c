/**
 * Retry rate limiters for the work queue, as client-go's `workqueue` package: a per-item
 * exponential backoff, a shared token bucket, and the max of several. controller-runtime's
 * default is the max of 5 ms·2^n (capped at 1000 s) per item and a 10 qps / 100 burst bucket.
 *
 * @module
 */
import { type Clock, TokenBucket } from '../util/index.js';

/** Decides how long an item waits before its next retry. */
export interface RateLimiter {
  /** Delay before retrying `key`; each call counts one more failure. */
  when(key: string): number;
  /** Clears the failures of `key` (after a success). */
  forget(key: string): void;
  /** Failures counted for `key` since it was last forgotten. */
  numRequeues(key: string): number;
}

/** `baseMs`·2^failures, capped at `maxMs`, counted per item. */
export function itemExponentialRateLimiter(baseMs: number, maxMs: number): RateLimiter {
  const failures = new Map<string, number>();
  return {
    when(key) {
      const n = failures.get(key) ?? 0;
      failures.set(key, n + 1);
      return Math.min(maxMs, baseMs * 2 ** n);
    },
    forget: (key) => void failures.delete(key),
    numRequeues: (key) => failures.get(key) ?? 0,
  };
}

/** One token bucket shared by every item: bounds the overall retry rate. */
export function bucketRateLimiter(options: { qps: number; burst: number; clock: Clock }): RateLimiter {
  const bucket = new TokenBucket(options);
  return { when: () => bucket.reserve(), forget: () => undefined, numRequeues: () => 0 };
}

/** The longest delay of all limiters; failures count in each. */
export function maxOfRateLimiter(...limiters: RateLimiter[]): RateLimiter {
  return {
    when: (key) => Math.max(...limiters.map((l) => l.when(key))),
    forget: (key) => limiters.forEach((l) => l.forget(key)),
    numRequeues: (key) => Math.max(...limiters.map((l) => l.numRequeues(key))),
  };
}

/** controller-runtime's default: per-item 5 ms … 1000 s exponential, and 10 qps / 100 burst overall. */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return maxOfRateLimiter(itemExponentialRateLimiter(5, 1_000_000), bucketRateLimiter({ qps: 10, burst: 100, clock }));
}
