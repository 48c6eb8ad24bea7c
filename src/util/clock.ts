/**
 * Time as a dependency. Code that waits, schedules or stamps takes a {@link Clock}; production
 * passes {@link systemClock}, tests pass a {@link ManualClock} and advance it explicitly, so no
 * test sleeps on the wall clock for its logic.
 *
 * @module
 */

/** Opaque handle of a scheduled callback. */
export type TimerHandle = { readonly id: number } | ReturnType<typeof setTimeout>;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Resolves after `ms`; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

/** Shared by both clocks: sleep in terms of setTimeout/clearTimeout. */
function sleepWith(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortReason(signal!));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock. Its timers do not keep the process alive on their own (`unref`). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  sleep(ms, signal) {
    return sleepWith(systemClock, ms, signal);
  },
};

interface PendingTimer {
  readonly handle: { readonly id: number };
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A clock that moves only when told to. `advance` fires due timers in time order and lets
 * promise continuations run between them, so async code driven by the clock makes progress.
 *
 * @example
 * const clock = new ManualClock(0);
 * const done = clock.sleep(1000);
 * await clock.advance(1000); // `done` is now resolved
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = { id: this.#nextId++ };
    this.#timers.push({ handle, due: this.#now + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.handle !== handle);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.#earliestDueBy(target);
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.fn();
      await flushMicrotasks();
    }
    this.#now = target;
  }

  #earliestDueBy(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.due <= target && (!best || t.due < best.due)) best = t;
    }
    return best;
  }
}

/** Lets pending promise continuations (and their follow-ups) run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
