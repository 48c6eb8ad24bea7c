/**
 * Remote clusters known to the manager (the fleet Sveltos distributes to). Each cluster gets its
 * own client (own keep-alive agent and QPS budget, from kube's ClientPool) and its own informer
 * cache; controllers that watch remote clusters register an engage hook that runs for every
 * cluster already present and every cluster added later. Removing a cluster stops its informers
 * and closes its connections. Nothing is shared between clusters, so one that fails (refuses,
 * hangs, answers errors) only backs off its own reflectors and holds its own requests.
 *
 * @module
 */
import { type ClientSettings, ClientPool, type ClusterConnection, type KubeClient } from '../kube/index.js';
import { type Clock, type Logger, errorMessage } from '../util/index.js';
import { InformerCache, type InformerDefaults } from './cache.js';

/** One remote cluster. */
export interface RemoteCluster {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly client: KubeClient;
  readonly cache: InformerCache;
}

/** Runs for each cluster as it joins; may return a function run when it leaves. */
export type EngageHook = (cluster: RemoteCluster) => void | (() => void);

export interface ClusterRegistryOptions {
  readonly clock: Clock;
  readonly log?: Logger;
  /** Client settings of every remote cluster (QPS, burst, timeouts…). */
  readonly clientSettings?: ClientSettings;
  readonly informerDefaults?: InformerDefaults;
}

interface Entry {
  readonly cluster: RemoteCluster;
  readonly disengage: (() => void)[];
}

/** The set of remote clusters, with start/stop of their clients and informers. */
export class ClusterRegistry {
  readonly #o: ClusterRegistryOptions;
  readonly #pool: ClientPool;
  readonly #entries = new Map<string, Entry>();
  readonly #hooks = new Set<EngageHook>();

  constructor(options: ClusterRegistryOptions) {
    this.#o = options;
    this.#pool = new ClientPool({ clock: options.clock, ...options.clientSettings });
  }

  /** Adds (or replaces) a cluster, starts its cache and engages every hook with it. */
  async add(name: string, connection: ClusterConnection, options: { labels?: Record<string, string>; clientSettings?: ClientSettings } = {}): Promise<RemoteCluster> {
    if (this.#entries.has(name)) await this.remove(name);
    const client = this.#pool.add(name, connection, options.clientSettings);
    const log = this.#o.log?.child({ cluster: name });
    const cache = new InformerCache({
      client, clock: this.#o.clock, ...(log ? { log } : {}), ...(this.#o.informerDefaults ? { defaults: this.#o.informerDefaults } : {}),
      onError: (error, selection) => log?.warn({ err: errorMessage(error), kind: selection.gvk.kind }, 'remote cluster list/watch failed'),
    });
    const cluster: RemoteCluster = { name, labels: { ...options.labels }, client, cache };
    const entry: Entry = { cluster, disengage: [] };
    this.#entries.set(name, entry);
    for (const hook of this.#hooks) this.#engage(entry, hook);
    cache.start();
    return cluster;
  }

  /** Stops a cluster's informers and closes its client; unknown names are ignored. */
  async remove(name: string): Promise<void> {
    const entry = this.#entries.get(name);
    if (!entry) return;
    this.#entries.delete(name);
    for (const disengage of entry.disengage) disengage();
    const stopped = entry.cluster.cache.stop();
    // Closing the transport ends requests still hanging on a dead server, so the stop cannot hang.
    this.#pool.remove(name);
    await stopped;
  }

  get(name: string): RemoteCluster | undefined {
    return this.#entries.get(name)?.cluster;
  }

  list(): RemoteCluster[] {
    return [...this.#entries.values()].map((e) => e.cluster);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Registers a hook for every present and future cluster; returns its removal function. */
  onEngage(hook: EngageHook): () => void {
    this.#hooks.add(hook);
    for (const entry of this.#entries.values()) this.#engage(entry, hook);
    return () => void this.#hooks.delete(hook);
  }

  /** Removes every cluster. */
  async close(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((name) => this.remove(name)));
    this.#pool.close();
  }

  #engage(entry: Entry, hook: EngageHook): void {
    try {
      const disengage = hook(entry.cluster);
      if (disengage) entry.disengage.push(disengage);
    } catch (error) {
      this.#o.log?.error({ err: errorMessage(error), cluster: entry.cluster.name }, 'engaging a remote cluster failed');
    }
  }
}
