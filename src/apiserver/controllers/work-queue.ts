/**
 * The queue behind the in-server controllers (garbage collector, namespace lifecycle, CRD
 * cleanup), in the spirit of client-go's rate-limited work queue with its workers: keys are
 * de-duplicated, a key is never processed twice at once (one added while it runs is processed again afterwards), a
 * failure is retried with backoff, and `idle()` tells when everything queued has been done,
 * which is how tests wait for controllers without sleeping.
 *
 * @module
 */
import { Backoff, type Clock, type Logger, type TimerHandle } from '../../util/index.js';

export interface WorkQueueOptions<T> {
  /** A stable identity of an item (items with the same key are one piece of work). */
  readonly key: (item: T) => string;
  /** Does the work; a rejection retries the item after a backoff. */
  readonly process: (item: T) => Promise<void>;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Name in log lines. */
  readonly name: string;
  /** Items processed at once (never two with the same key). Defaults to 1. */
  readonly concurrency?: number;
}

export class WorkQueue<T> {
  readonly #options: WorkQueueOptions<T>;
  readonly #queued = new Map<string, T>();
  readonly #running = new Set<string>();
  /** Keys added again while they were running. */
  readonly #dirty = new Map<string, T>();
  readonly #retries = new Map<string, { backoff: Backoff; timer?: TimerHandle }>();
  #idleWaiters: (() => void)[] = [];
  #workers = 0;
  readonly #concurrency: number;
  #stopped = false;

  constructor(options: WorkQueueOptions<T>) {
    this.#options = options;
    this.#concurrency = options.concurrency ?? 1;
  }

  /** Queues an item (a no-op when it is already queued). */
  add(item: T): void {
    if (this.#stopped) return;
    const key = this.#options.key(item);
    if (this.#running.has(key)) {
      this.#dirty.set(key, item);
      return;
    }
    this.#queued.set(key, item);
    this.#drain();
  }

  /** Resolves once nothing is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops everything queued and stops accepting work (retries are cancelled). */
  stop(): void {
    this.#stopped = true;
    this.#queued.clear();
    this.#dirty.clear();
    for (const { timer } of this.#retries.values()) if (timer) this.#options.clock.clearTimeout(timer);
    this.#retries.clear();
    this.#notifyIdle();
  }

  /** Accepts work again after {@link stop}. */
  resume(): void {
    this.#stopped = false;
  }

  /** True when nothing is queued, running or waiting for a retry. */
  get isIdle(): boolean {
    return this.#isIdle();
  }

  #isIdle(): boolean {
    return this.#queued.size === 0 && this.#running.size === 0 && ![...this.#retries.values()].some((r) => r.timer !== undefined);
  }

  /** Starts workers for queued items, up to the concurrency. */
  #drain(): void {
    const wanted = Math.min(this.#concurrency, this.#queued.size) - this.#workers;
    for (let i = 0; i < wanted; i++) {
      this.#workers++;
      setImmediate(() => void this.#work());
    }
  }

  async #work(): Promise<void> {
    for (;;) {
      const next = this.#queued.entries().next();
      if (next.done || this.#stopped) break;
      const [key, item] = next.value;
      this.#queued.delete(key);
      this.#running.add(key);
      await this.#processOne(key, item);
      this.#running.delete(key);
      const again = this.#dirty.get(key);
      if (again !== undefined) {
        this.#dirty.delete(key);
        this.#queued.set(key, again);
      }
    }
    this.#workers--;
    this.#notifyIdle();
  }

  async #processOne(key: string, item: T): Promise<void> {
    try {
      await this.#options.process(item);
      this.#retries.delete(key);
    } catch (error) {
      const retry = this.#retries.get(key) ?? { backoff: new Backoff({ initialMs: 100, maxMs: 30_000 }) };
      const delay = retry.backoff.next();
      this.#options.logger?.warn({ err: error, key, delayMs: delay, queue: this.#options.name }, 'in-server controller failed; retrying');
      retry.timer = this.#options.clock.setTimeout(() => {
        retry.timer = undefined;
        this.add(item);
        this.#notifyIdle();
      }, delay);
      this.#retries.set(key, retry);
    }
  }

  #notifyIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
