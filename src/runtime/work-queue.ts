/**
 * The controller work queue, with client-go's `workqueue` semantics:
 *
 * - **De-duplication:** an item added while it waits is stored once (`dirty`).
 * - **Per-key exclusivity:** an item added while a worker processes it is not handed to another
 *   worker; it is queued again when the first worker calls `done`. One key never runs twice at once.
 * - **Delayed adds:** `addAfter` holds an item until its time; a sooner request for the same item wins.
 * - **Rate-limited retries:** `addRateLimited` asks the {@link RateLimiter}; `forget` resets it.
 * - **Shutdown:** `shutdown` stops handing out items; `drain` waits for items being processed.
 *
 * Items are identified by a string key (`keyOf`), so structured requests de-duplicate by value.
 * Time comes from the injected clock.
 *
 * @module
 */
import type { Clock, TimerHandle } from '../util/index.js';
import type { QueueMetrics } from './metrics.js';
import { type RateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions<T> {
  readonly clock: Clock;
  /** The identity of an item. */
  readonly keyOf: (item: T) => string;
  /** Defaults to controller-runtime's default limiter on `clock`. */
  readonly rateLimiter?: RateLimiter;
  /** Binds metrics; see RuntimeMetrics.queue(). */
  readonly metrics?: QueueMetrics;
}

interface Waiting<T> {
  readonly item: T;
  readonly readyAt: number;
  readonly timer: TimerHandle;
}

/** A de-duplicating, delaying, rate-limited work queue. */
export class WorkQueue<T> {
  readonly #clock: Clock;
  readonly #keyOf: (item: T) => string;
  readonly #limiter: RateLimiter;
  readonly #metrics: QueueMetrics | undefined;
  /** FIFO of keys ready to hand out, from `#head` on. */
  #order: string[] = [];
  #head = 0;
  /** Items that need processing (queued, or re-added while processing), with the time they were added. */
  readonly #dirty = new Map<string, { item: T; addedAt: number }>();
  /** Keys being processed, with their start time. */
  readonly #processing = new Map<string, number>();
  readonly #waiting = new Map<string, Waiting<T>>();
  #getters: ((item: T | undefined) => void)[] = [];
  #drained: (() => void)[] = [];
  #shuttingDown = false;

  constructor(options: WorkQueueOptions<T>) {
    this.#clock = options.clock;
    this.#keyOf = options.keyOf;
    this.#limiter = options.rateLimiter ?? defaultControllerRateLimiter(options.clock);
    this.#metrics = options.metrics;
  }

  /** Marks an item as needing processing. No-op when it already waits or after shutdown. */
  add(item: T): void {
    if (this.#shuttingDown) return;
    const key = this.#keyOf(item);
    if (this.#dirty.has(key)) return;
    this.#metrics?.added();
    this.#dirty.set(key, { item, addedAt: this.#clock.now() });
    if (this.#processing.has(key)) return;
    this.#push(key);
  }

  /** Adds the item after `delayMs`; an earlier pending delay for the same item is kept. */
  addAfter(item: T, delayMs: number): void {
    if (this.#shuttingDown) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    this.#metrics?.retried();
    const key = this.#keyOf(item);
    const readyAt = this.#clock.now() + delayMs;
    const existing = this.#waiting.get(key);
    if (existing) {
      if (existing.readyAt <= readyAt) return;
      this.#clock.clearTimeout(existing.timer);
    }
    const timer = this.#clock.setTimeout(() => {
      this.#waiting.delete(key);
      this.add(item);
    }, delayMs);
    this.#waiting.set(key, { item, readyAt, timer });
  }

  /** Adds the item after the rate limiter's delay (a retry after a failure). */
  addRateLimited(item: T): void {
    this.addAfter(item, this.#limiter.when(this.#keyOf(item)));
  }

  /** Resets the item's retry count (after a success). */
  forget(item: T): void {
    this.#limiter.forget(this.#keyOf(item));
  }

  /** Retries counted for the item since its last `forget`. */
  numRequeues(item: T): number {
    return this.#limiter.numRequeues(this.#keyOf(item));
  }

  /** The next item without waiting, or undefined when none is ready (or the queue shut down). */
  poll(): T | undefined {
    if (this.#shuttingDown || this.#head >= this.#order.length) return undefined;
    const key = this.#order[this.#head++]!;
    if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
    return this.#takeKey(key, true);
  }

  /** The next item; waits for one. Resolves undefined once the queue shuts down. */
  get(): Promise<T | undefined> {
    const ready = this.poll();
    if (ready !== undefined || this.#shuttingDown) return Promise.resolve(ready);
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  /** Ends the processing of an item; if it was added meanwhile, it is queued again. */
  done(item: T): void {
    const key = this.#keyOf(item);
    const started = this.#processing.get(key);
    if (started === undefined) return;
    this.#processing.delete(key);
    this.#metrics?.worked((this.#clock.now() - started) / 1000);
    if (this.#dirty.has(key) && !this.#shuttingDown) this.#push(key);
    if (this.#processing.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  /** Stops handing out items and accepting adds; pending `get` calls resolve undefined. */
  shutdown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    for (const w of this.#waiting.values()) this.#clock.clearTimeout(w.timer);
    this.#waiting.clear();
    this.#metrics?.depth(-(this.#order.length - this.#head));
    for (const resolve of this.#getters.splice(0)) resolve(undefined);
  }

  /** Shuts down, then resolves once no item is being processed. */
  async drain(): Promise<void> {
    this.shutdown();
    if (this.#processing.size === 0) return;
    await new Promise<void>((resolve) => this.#drained.push(resolve));
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Items ready to be handed out. */
  get length(): number {
    return this.#shuttingDown ? 0 : this.#order.length - this.#head;
  }

  /** Items waiting for a delayed add. */
  get waitingCount(): number {
    return this.#waiting.size;
  }

  /** Items being processed. */
  get processingCount(): number {
    return this.#processing.size;
  }

  /** Work in progress, for the unfinished-work metrics. */
  inProgress(): { unfinishedSeconds: number; longestSeconds: number } {
    const now = this.#clock.now();
    let unfinished = 0;
    let longest = 0;
    for (const started of this.#processing.values()) {
      const seconds = (now - started) / 1000;
      unfinished += seconds;
      longest = Math.max(longest, seconds);
    }
    return { unfinishedSeconds: unfinished, longestSeconds: longest };
  }

  #push(key: string): void {
    const getter = this.#getters.shift();
    if (getter) {
      getter(this.#takeKey(key, false));
      return;
    }
    this.#order.push(key);
    this.#metrics?.depth(1);
  }

  /** Moves a key from dirty to processing and returns its item; `wasQueued` when it counted in the depth. */
  #takeKey(key: string, wasQueued: boolean): T {
    const entry = this.#dirty.get(key)!;
    this.#dirty.delete(key);
    const now = this.#clock.now();
    this.#processing.set(key, now);
    if (this.#metrics) {
      if (wasQueued) this.#metrics.depth(-1);
      this.#metrics.queued((now - entry.addedAt) / 1000);
    }
    return entry.item;
  }
}
