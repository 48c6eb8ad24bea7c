/**
 * Prometheus metrics under controller-runtime's names and labels (`pkg/internal/controller/metrics`
 * and `pkg/internal/metrics/workqueue.go`), so dashboards and alerts written for Go controllers
 * work unchanged. One {@link RuntimeMetrics} per process, constructed in cli/ around a
 * prom-client `Registry` and passed down: no global registry.
 *
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** controller-runtime's reconcile-time buckets (seconds). */
const RECONCILE_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
  1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];
/** client-go's workqueue buckets: ExponentialBuckets(10e-9, 10, 12). */
const QUEUE_BUCKETS = Array.from({ length: 12 }, (_, i) => Number((1e-8 * 10 ** i).toPrecision(1)));

/** Result label values of `controller_runtime_reconcile_total`. */
export type ReconcileResultLabel = 'success' | 'error' | 'requeue' | 'requeue_after';

/** What a work queue reports about itself at scrape time. */
export interface QueueProbe {
  /** Seconds of work in progress not yet observed by work_duration, and the longest single one. */
  inProgress(): { unfinishedSeconds: number; longestSeconds: number };
}

/** The metrics one work queue updates (children bound to its name). */
export interface QueueMetrics {
  added(): void;
  depth(delta: number): void;
  queued(seconds: number): void;
  worked(seconds: number): void;
  retried(): void;
}

/** The metrics one controller updates. */
export interface ControllerMetrics {
  reconciled(result: ReconcileResultLabel, seconds: number): void;
  errored(terminal: boolean): void;
  activeWorkers(delta: number): void;
}

export interface RuntimeMetricsOptions {
  /** Defaults to a new, private registry. */
  readonly registry?: Registry;
  /** Also export Node's process metrics (`process_*`, `nodejs_*`), as controller-runtime exports Go's. Defaults to false. */
  readonly processMetrics?: boolean;
}

/** The metric families of the controller runtime. */
export class RuntimeMetrics {
  readonly registry: Registry;
  readonly #probes = new Map<string, QueueProbe>();
  readonly #reconcileTotal: Counter<'controller' | 'result'>;
  readonly #reconcileErrors: Counter<'controller'>;
  readonly #terminalErrors: Counter<'controller'>;
  readonly #reconcileTime: Histogram<'controller'>;
  readonly #maxConcurrent: Gauge<'controller'>;
  readonly #activeWorkers: Gauge<'controller'>;
  readonly #depth: Gauge<'name' | 'controller' | 'priority'>;
  readonly #adds: Counter<'name' | 'controller'>;
  readonly #latency: Histogram<'name' | 'controller'>;
  readonly #workDuration: Histogram<'name' | 'controller'>;
  readonly #retries: Counter<'name' | 'controller'>;

  constructor(options: RuntimeMetricsOptions = {}) {
    const registry = options.registry ?? new Registry();
    this.registry = registry;
    const registers = [registry];
    if (options.processMetrics) collectDefaultMetrics({ register: registry });
    this.#reconcileTotal = new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', labelNames: ['controller', 'result'], registers });
    this.#reconcileErrors = new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', labelNames: ['controller'], registers });
    this.#terminalErrors = new Counter({ name: 'controller_runtime_terminal_reconcile_errors_total', help: 'Total number of terminal reconciliation errors per controller', labelNames: ['controller'], registers });
    this.#reconcileTime = new Histogram({ name: 'controller_runtime_reconcile_time_seconds', help: 'Length of time per reconciliation per controller', labelNames: ['controller'], buckets: RECONCILE_BUCKETS, registers });
    this.#maxConcurrent = new Gauge({ name: 'controller_runtime_max_concurrent_reconciles', help: 'Maximum number of concurrent reconciles per controller', labelNames: ['controller'], registers });
    this.#activeWorkers = new Gauge({ name: 'controller_runtime_active_workers', help: 'Number of currently used workers per controller', labelNames: ['controller'], registers });
    this.#depth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue by workqueue and priority', labelNames: ['name', 'controller', 'priority'], registers });
    this.#adds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name', 'controller'], registers });
    this.#latency = new Histogram({ name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested', labelNames: ['name', 'controller'], buckets: QUEUE_BUCKETS, registers });
    this.#workDuration = new Histogram({ name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes.', labelNames: ['name', 'controller'], buckets: QUEUE_BUCKETS, registers });
    this.#retries = new Counter({
      name: 'workqueue_retries_total', labelNames: ['name', 'controller'], registers,
      help: 'Total number of items added to the workqueue with a non-zero delay (rate-limited requeues, explicit RequeueAfter or AddAfter calls)',
    });
    const probes = this.#probes;
    new Gauge({
      name: 'workqueue_unfinished_work_seconds', labelNames: ['name', 'controller'], registers,
      help: "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
      collect() {
        for (const [name, probe] of probes) this.set({ name, controller: name }, probe.inProgress().unfinishedSeconds);
      },
    });
    new Gauge({
      name: 'workqueue_longest_running_processor_seconds', labelNames: ['name', 'controller'], registers,
      help: 'How many seconds has the longest running processor for workqueue been running.',
      collect() {
        for (const [name, probe] of probes) this.set({ name, controller: name }, probe.inProgress().longestSeconds);
      },
    });
  }

  /** Binds the work-queue metrics of the queue `name` (controller-runtime labels name and controller alike). */
  queue(name: string, probe: QueueProbe): QueueMetrics {
    this.#probes.set(name, probe);
    const labels = { name, controller: name };
    const depth = this.#depth.labels({ ...labels, priority: '' });
    const adds = this.#adds.labels(labels);
    const latency = this.#latency.labels(labels);
    const work = this.#workDuration.labels(labels);
    const retries = this.#retries.labels(labels);
    depth.set(0);
    return {
      added: () => adds.inc(),
      depth: (delta) => depth.inc(delta),
      queued: (s) => latency.observe(s),
      worked: (s) => work.observe(s),
      retried: () => retries.inc(),
    };
  }

  /** Binds the reconcile metrics of the controller `name`. */
  controller(name: string, maxConcurrentReconciles: number): ControllerMetrics {
    const labels = { controller: name };
    this.#maxConcurrent.set(labels, maxConcurrentReconciles);
    this.#activeWorkers.set(labels, 0);
    const totals = {
      success: this.#reconcileTotal.labels({ controller: name, result: 'success' }),
      error: this.#reconcileTotal.labels({ controller: name, result: 'error' }),
      requeue: this.#reconcileTotal.labels({ controller: name, result: 'requeue' }),
      requeue_after: this.#reconcileTotal.labels({ controller: name, result: 'requeue_after' }),
    };
    for (const counter of Object.values(totals)) counter.inc(0);
    const time = this.#reconcileTime.labels(labels);
    const errors = this.#reconcileErrors.labels(labels);
    const terminal = this.#terminalErrors.labels(labels);
    errors.inc(0);
    terminal.inc(0);
    const active = this.#activeWorkers.labels(labels);
    return {
      reconciled(result, seconds) {
        totals[result].inc();
        time.observe(seconds);
      },
      errored(isTerminal) {
        errors.inc();
        if (isTerminal) terminal.inc();
      },
      activeWorkers: (delta) => active.inc(delta),
    };
  }

  /** Stops reporting a queue that was shut down. */
  forgetQueue(name: string): void {
    this.#probes.delete(name);
  }

  /** The exposition text of every metric. */
  expose(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
