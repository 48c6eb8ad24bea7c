/**
 * Exponential backoff with jitter, as client-go's `wait.Backoff`: the delay grows by `factor`
 * from `initialMs` up to `maxMs`, then up to `jitter` × delay is added at random so that many
 * clients failing together do not retry in lockstep.
 *
 * @module
 */

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialMs: number;
  /** Upper bound of the delay before jitter. */
  readonly maxMs: number;
  /** Growth per attempt. Defaults to 2. */
  readonly factor?: number;
  /** Fraction of the delay added at random, 0 for none. Defaults to 0.1. */
  readonly jitter?: number;
  /** Source of randomness in [0, 1). Defaults to Math.random; tests pass a fixed one. */
  readonly random?: () => number;
}

/** Delay in ms before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const { initialMs, maxMs, factor = 2, jitter = 0.1, random = Math.random } = options;
  const base = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt));
  return Math.round(base + base * jitter * random());
}

/** A stateful backoff for one failing thing: `next()` after each failure, `reset()` on success. */
export class Backoff {
  #attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Delay before the next retry; each call counts as one more failure. */
  next(): number {
    return backoffDelay(this.#attempt++, this.options);
  }

  /** Failures counted since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }

  reset(): void {
    this.#attempt = 0;
  }
}
