/**
 * The controller engine (controller-runtime `pkg/internal/controller`): a work queue of
 * {@link Request}s, a reconciler, and a dispatcher that runs up to `maxConcurrentReconciles`
 * reconciles at once, never two for one key (the queue guarantees it), and at most
 * `maxConcurrentReconcilesPerCluster` for one remote cluster, so a cluster whose API server hangs
 * holds a bounded share of the workers and the others keep going.
 *
 * Results follow controller-runtime's `reconcileHandler` (see reconcile.ts). Stopping stops
 * dispatch, lets in-flight reconciles finish for `gracefulShutdownMs`, then aborts their signal
 * and waits for them. Requests still queued are dropped: reconciles are level-based, and the next
 * start (or the next leader) lists everything again.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { type Clock, type Logger, errorMessage } from '../util/index.js';
import type { ControllerMetrics, RuntimeMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limiter.js';
import { type ReconcileContext, type Reconciler, type Request, type Result, TerminalError, requestKey } from './reconcile.js';
import { WorkQueue } from './work-queue.js';

export interface ControllerOptions {
  /** Unique; names the metrics and log lines. */
  readonly name: string;
  readonly reconciler: Reconciler;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics?: RuntimeMetrics;
  /** Defaults to 1, as controller-runtime. */
  readonly maxConcurrentReconciles?: number;
  /** Cap for requests of one remote cluster. Defaults to `maxConcurrentReconciles` (no extra cap). */
  readonly maxConcurrentReconcilesPerCluster?: number;
  /** Defaults to controller-runtime's default rate limiter. */
  readonly rateLimiter?: RateLimiter;
  /** How long in-flight reconciles may run on after stop before their signal aborts. Defaults to 30 s. */
  readonly gracefulShutdownMs?: number;
}

/** True when `error`, or an error in its `cause` chain, is a TerminalError (Go's errors.Is). */
export function isTerminal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof TerminalError) return true;
  }
  return false;
}

/** One controller: queue, reconciler, dispatcher. */
export class Controller {
  readonly name: string;
  readonly queue: WorkQueue<Request>;
  readonly #o: ControllerOptions;
  readonly #metrics: ControllerMetrics | undefined;
  readonly #max: number;
  readonly #maxPerCluster: number;
  readonly #abort = new AbortController();
  readonly #perCluster = new Map<string, number>();
  readonly #parked = new Map<string, Request[]>();
  readonly #inflight = new Set<Promise<void>>();
  #active = 0;
  #slotFreed: (() => void) | undefined;
  #dispatching: Promise<void> | undefined;
  #stopping = false;

  constructor(options: ControllerOptions) {
    this.#o = options;
    this.name = options.name;
    this.#max = Math.max(1, options.maxConcurrentReconciles ?? 1);
    this.#maxPerCluster = Math.max(1, options.maxConcurrentReconcilesPerCluster ?? this.#max);
    const probe = { inProgress: () => this.queue.inProgress() };
    const queueMetrics = options.metrics?.queue(options.name, probe);
    this.queue = new WorkQueue<Request>({
      clock: options.clock, keyOf: requestKey,
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}), ...(queueMetrics ? { metrics: queueMetrics } : {}),
    });
    this.#metrics = options.metrics?.controller(options.name, this.#max);
  }

  /** Adds a request to the queue. */
  readonly enqueue = (request: Request): void => this.queue.add(request);

  /** Starts dispatching reconciles. */
  start(): void {
    this.#dispatching ??= this.#dispatch();
  }

  /** Reconciles currently running. */
  get activeReconciles(): number {
    return this.#active;
  }

  /** Stops dispatching, drains in-flight reconciles (aborting them after the grace period) and resolves when none runs. */
  async stop(): Promise<void> {
    if (this.#stopping) return this.#dispatching;
    this.#stopping = true;
    this.queue.shutdown();
    this.#slotFreed?.();
    const grace = this.#o.clock.setTimeout(() => this.#abort.abort(new Error(`controller ${this.name} is shutting down`)), this.#o.gracefulShutdownMs ?? 30_000);
    await this.#dispatching;
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
    this.#o.clock.clearTimeout(grace);
    for (const parked of this.#parked.values()) for (const r of parked) this.queue.done(r);
    this.#parked.clear();
    this.#o.metrics?.forgetQueue(this.name);
  }

  async #dispatch(): Promise<void> {
    while (!this.#stopping) {
      if (this.#active >= this.#max) {
        await new Promise<void>((resolve) => (this.#slotFreed = resolve));
        this.#slotFreed = undefined;
        continue;
      }
      const request = this.queue.poll() ?? (await this.queue.get());
      if (request === undefined) return;
      if (request.cluster !== undefined && (this.#perCluster.get(request.cluster) ?? 0) >= this.#maxPerCluster) {
        let parked = this.#parked.get(request.cluster);
        if (!parked) this.#parked.set(request.cluster, (parked = []));
        parked.push(request);
        continue;
      }
      this.#launch(request);
    }
  }

  #launch(request: Request): void {
    this.#active++;
    if (request.cluster !== undefined) this.#perCluster.set(request.cluster, (this.#perCluster.get(request.cluster) ?? 0) + 1);
    this.#metrics?.activeWorkers(1);
    const run = this.#reconcileHandler(request).finally(() => {
      this.#inflight.delete(run);
      this.#active--;
      this.#metrics?.activeWorkers(-1);
      this.queue.done(request);
      if (request.cluster !== undefined) this.#releaseCluster(request.cluster);
      this.#slotFreed?.();
    });
    this.#inflight.add(run);
  }

  /** Frees a slot of `cluster`; a request of that cluster parked for it takes it at once. */
  #releaseCluster(cluster: string): void {
    const n = (this.#perCluster.get(cluster) ?? 1) - 1;
    if (n === 0) this.#perCluster.delete(cluster);
    else this.#perCluster.set(cluster, n);
    const parked = this.#parked.get(cluster);
    const next = parked?.shift();
    if (parked?.length === 0) this.#parked.delete(cluster);
    if (next === undefined) return;
    if (this.#stopping) this.queue.done(next);
    else this.#launch(next);
  }

  async #reconcileHandler(request: Request): Promise<void> {
    const { clock } = this.#o;
    const started = clock.now();
    const context = this.#context(request);
    let result: Result | undefined;
    let failure: unknown;
    let failed = false;
    try {
      result = await this.#o.reconciler.reconcile(request, context);
    } catch (error) {
      failure = error;
      failed = true;
    }
    const seconds = (clock.now() - started) / 1000;
    if (failed) {
      const terminal = isTerminal(failure);
      if (!terminal) this.queue.addRateLimited(request);
      this.#metrics?.errored(terminal);
      this.#metrics?.reconciled('error', seconds);
      context.log.error({ err: errorMessage(failure), terminal }, 'Reconciler error');
    } else if (result?.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
      this.queue.forget(request);
      this.queue.addAfter(request, result.requeueAfterMs);
      this.#metrics?.reconciled('requeue_after', seconds);
    } else {
      this.queue.forget(request);
      this.#metrics?.reconciled('success', seconds);
    }
  }

  /** The per-pass context; the child logger is built only if the reconciler logs. */
  #context(request: Request): ReconcileContext {
    const base = this.#o.log;
    const name = this.name;
    const reconcileId = randomUUID();
    let log: Logger | undefined;
    return {
      signal: this.#abort.signal,
      reconcileId,
      clock: this.#o.clock,
      get log() {
        log ??= base.child({ controller: name, request: requestKey(request), reconcileID: reconcileId });
        return log;
      },
    };
  }
}
