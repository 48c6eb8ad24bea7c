/**
 * The manager (controller-runtime `pkg/manager`): owns the management cluster's informer cache,
 * the remote clusters, the controllers and other runnables, the probe/metrics endpoint and
 * leader election, and starts and stops them in a fixed order.
 *
 * Start: probe/metrics server → informer cache (wait for sync; `/readyz` reports it) → runnables
 * that need no leadership → leader election (when configured) → controllers and leader runnables.
 * Stop (the start signal aborts, e.g. SIGTERM): controllers stop dispatching and drain in-flight
 * reconciles → leader runnables stop → the lease is released → other runnables stop → informers
 * and remote clusters stop → events are flushed → the server closes. Losing the lease stops
 * everything the same way and makes `start` reject with `LEADER_ELECTION_LOST`: the process must
 * not keep reconciling without it.
 *
 * @module
 */
import type { KubeClient } from '../kube/index.js';
import { type Clock, FlotillaError, type Logger, type Redactor, errorMessage, systemClock } from '../util/index.js';
import { InformerCache, type InformerDefaults } from './cache.js';
import { ClusterRegistry } from './clusters.js';
import type { Controller } from './controller.js';
import { EventRecorder } from './events.js';
import { CheckSet, HealthServer } from './health-server.js';
import { type LeaderElectionOptions, LeaderElector } from './leader-election.js';
import { RuntimeMetrics } from './metrics.js';

/** Something the manager runs: `start` runs until the signal aborts. */
export interface Runnable {
  start(signal: AbortSignal): Promise<void> | void;
  /** Run only while leader. Defaults to true, as controller-runtime. */
  readonly needLeaderElection?: boolean;
}

export interface ManagerOptions {
  /** Client of the management cluster. */
  readonly client: KubeClient;
  readonly log: Logger;
  readonly clock?: Clock;
  /** Defaults to a new RuntimeMetrics with its own registry. */
  readonly metrics?: RuntimeMetrics;
  /** Where to serve /healthz, /readyz and /metrics; omit to serve nothing. */
  readonly health?: { readonly host: string; readonly port: number };
  /** Lease settings; omit to run without leader election. */
  readonly leaderElection?: Omit<LeaderElectionOptions, 'client' | 'clock' | 'log'>;
  /** Time in-flight reconciles get on stop before their signal aborts. Defaults to 30 s. */
  readonly gracefulShutdownMs?: number;
  readonly informerDefaults?: InformerDefaults;
  /** Remote clusters; defaults to an empty registry on the same clock. */
  readonly clusters?: ClusterRegistry;
  /** Scrubs secret values from event messages. */
  readonly redactor?: Redactor;
}

/** Runs controllers against one management cluster (and any number of remote ones). */
export class Manager {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: RuntimeMetrics;
  readonly cache: InformerCache;
  readonly clusters: ClusterRegistry;
  readonly healthz = new CheckSet();
  readonly readyz = new CheckSet();
  readonly elector: LeaderElector | undefined;
  readonly #o: ManagerOptions;
  readonly #controllers = new Map<string, Controller>();
  readonly #runnables: Runnable[] = [];
  readonly #recorders: EventRecorder[] = [];
  #server: HealthServer | undefined;
  #address: { host: string; port: number } | undefined;
  #started = false;
  #leading = false;

  constructor(options: ManagerOptions) {
    this.#o = options;
    this.client = options.client;
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.metrics = options.metrics ?? new RuntimeMetrics();
    this.cache = new InformerCache({
      client: options.client, clock: this.clock, log: this.log, ...(options.informerDefaults ? { defaults: options.informerDefaults } : {}),
      onError: (error, selection) => this.log.warn({ err: errorMessage(error), kind: selection.gvk.kind }, 'list/watch failed'),
    });
    this.clusters = options.clusters ?? new ClusterRegistry({ clock: this.clock, log: this.log, ...(options.informerDefaults ? { informerDefaults: options.informerDefaults } : {}) });
    this.elector = options.leaderElection ? new LeaderElector({ ...options.leaderElection, client: options.client, clock: this.clock, log: this.log }) : undefined;
    this.healthz.add('ping', () => undefined);
    this.readyz.add('informers', () => {
      if (!this.cache.hasSynced) throw new Error('informers have not synced');
    });
  }

  /** Registers a controller (the builder does this). @throws FlotillaError on a duplicate name. */
  addController(controller: Controller): void {
    if (this.#controllers.has(controller.name)) {
      throw new FlotillaError('CONTROLLER_NAME_TAKEN', `controller with name ${controller.name} already exists. Controller names must be unique`);
    }
    this.#controllers.set(controller.name, controller);
    if (this.#started && this.#leading) controller.start();
  }

  /** Registers a runnable; must be called before start. */
  add(runnable: Runnable): void {
    if (this.#started) throw new FlotillaError('MANAGER_STARTED', 'runnables must be added before the manager starts');
    this.#runnables.push(runnable);
  }

  /** An event recorder for a component (usually the controller name). */
  eventRecorder(component: string): EventRecorder {
    const recorder = new EventRecorder({ client: this.client, component, clock: this.clock, log: this.log, ...(this.#o.redactor ? { redactor: this.#o.redactor } : {}) });
    this.#recorders.push(recorder);
    return recorder;
  }

  /** Grace period of controllers built for this manager. */
  get gracefulShutdownMs(): number | undefined {
    return this.#o.gracefulShutdownMs;
  }

  /** The probe server's address once started. */
  get address(): { host: string; port: number } | undefined {
    return this.#address;
  }

  /** True while controllers run (always, without leader election). */
  get isLeader(): boolean {
    return this.#leading;
  }

  /**
   * Runs until `signal` aborts, then stops everything in order and resolves.
   * @throws FlotillaError `LEADER_ELECTION_LOST` when the lease is lost; everything is stopped first.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new FlotillaError('MANAGER_STARTED', 'the manager was already started');
    this.#started = true;
    const leaderStop = new AbortController();
    const otherStop = new AbortController();
    let holding: Promise<'released' | 'lost'> | undefined;
    const running: Promise<void>[] = [];
    let lost: boolean;
    try {
      await this.#startServer();
      this.cache.start();
      await this.cache.waitForSync(signal).catch(() => undefined);
      for (const r of this.#runnables.filter((x) => x.needLeaderElection === false)) running.push(this.#run(r, otherStop.signal));
      if (this.elector && !signal.aborted && !(await this.elector.acquire(signal))) return;
      if (signal.aborted) return;
      lost = false;
      this.#leading = true;
      if (this.elector) holding = this.elector.hold(leaderStop.signal);
      for (const c of this.#controllers.values()) c.start();
      for (const r of this.#runnables.filter((x) => x.needLeaderElection !== false)) running.push(this.#run(r, leaderStop.signal));
      lost = (await Promise.race([whenAborted(signal), holding ?? new Promise<never>(() => undefined)])) === 'lost';
    } finally {
      await this.#stop({ leaderStop, otherStop, holding, running });
    }
    if (lost) throw new FlotillaError('LEADER_ELECTION_LOST', 'leader election lost: the lease could not be renewed within the renew deadline');
  }

  async #stop(s: { leaderStop: AbortController; otherStop: AbortController; holding: Promise<unknown> | undefined; running: Promise<void>[] }): Promise<void> {
    this.log.info('stopping: draining controllers');
    await Promise.all([...this.#controllers.values()].map((c) => c.stop()));
    s.leaderStop.abort();
    await s.holding;
    this.#leading = false;
    s.otherStop.abort();
    await Promise.all(s.running);
    await this.cache.stop();
    await this.clusters.close();
    await Promise.all(this.#recorders.map((r) => r.flush()));
    await this.#server?.close();
    this.log.info('stopped');
  }

  async #run(runnable: Runnable, signal: AbortSignal): Promise<void> {
    try {
      await runnable.start(signal);
    } catch (error) {
      this.log.error({ err: errorMessage(error) }, 'runnable failed');
    }
  }

  async #startServer(): Promise<void> {
    if (!this.#o.health) return;
    this.#server = new HealthServer({ ...this.#o.health, healthz: this.healthz, readyz: this.readyz, metrics: this.metrics, log: this.log });
    const address = await this.#server.listen();
    this.#address = { host: address.address, port: address.port };
  }
}

function whenAborted(signal: AbortSignal): Promise<'stopped'> {
  if (signal.aborted) return Promise.resolve('stopped');
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
}
