/**
 * A token bucket, as golang.org/x/time/rate's `Limiter` that client-go uses for client QPS/burst
 * and for the work queue's overall retry limit: `qps` tokens per second refill a bucket that holds
 * at most `burst`. A caller reserves a token and is told how long to wait for it; reservations may
 * drive the bucket negative, so waiting callers are served in order and never starve.
 *
 * @module
 */
import type { Clock } from './clock.js';

export interface TokenBucketOptions {
  /** Tokens added per second. `Infinity` disables limiting. */
  readonly qps: number;
  /** Bucket size: how many calls may go at once after a quiet period. */
  readonly burst: number;
  readonly clock: Clock;
}

/** A rate limiter: `reserve()` takes a token now and returns the wait (ms) before using it. */
export class TokenBucket {
  readonly #qps: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(options: TokenBucketOptions) {
    this.#qps = options.qps;
    this.#burst = Math.max(1, options.burst);
    this.#clock = options.clock;
    this.#tokens = this.#burst;
    this.#last = options.clock.now();
  }

  /** Takes one token; returns how many milliseconds the caller must wait before acting (0: at once). */
  reserve(): number {
    if (this.#qps === Infinity) return 0;
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.#qps) * 1000);
  }

  /** Takes a token only if one is available now (golang.org/x/time/rate `Allow`). */
  tryTake(): boolean {
    if (this.#qps === Infinity) return true;
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Waits for a token. Rejects with the signal's reason when it aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.#clock.sleep(wait, signal);
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
  }
}
