/**
 * One client per cluster, created on demand and closed when the cluster goes away. Each cluster
 * has its own transport (keep-alive agent, QPS/burst bucket) and discovery cache, so a slow or
 * dead cluster uses up only its own connections and its own rate budget.
 *
 * @module
 */
import { type Clock, FlotillaError, systemClock } from '../util/index.js';
import { KubeClient } from './client.js';
import { Discovery } from './discovery.js';
import type { ClusterConnection } from './kubeconfig.js';
import { Transport, type TransportOptions } from './transport.js';

/** Per-cluster client settings; every field has the default of {@link TransportOptions}. */
export interface ClientSettings extends Omit<TransportOptions, 'connection'> {
  /** Default field manager of writes. */
  readonly fieldManager?: string;
}

/**
 * A client for one cluster: its own transport and discovery cache.
 * @example
 * const client = createClient(loadKubeconfig({ path }), { qps: 50, burst: 100 });
 * const cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'x', { namespace: 'default' });
 */
export function createClient(connection: ClusterConnection, settings: ClientSettings = {}): KubeClient {
  const clock: Clock = settings.clock ?? systemClock;
  const transport = new Transport({ ...settings, connection, clock });
  return new KubeClient({ transport, discovery: new Discovery({ transport, clock }), ...(settings.fieldManager ? { fieldManager: settings.fieldManager } : {}) });
}

/** Clients by cluster name. */
export class ClientPool {
  readonly #settings: ClientSettings;
  readonly #clients = new Map<string, KubeClient>();

  constructor(settings: ClientSettings = {}) {
    this.#settings = settings;
  }

  /** Creates the client of a cluster, replacing (and closing) any previous one of that name. */
  add(name: string, connection: ClusterConnection, settings: ClientSettings = {}): KubeClient {
    this.remove(name);
    const client = createClient(connection, { ...this.#settings, ...settings });
    this.#clients.set(name, client);
    return client;
  }

  get(name: string): KubeClient | undefined {
    return this.#clients.get(name);
  }

  /** @throws FlotillaError `KUBE_CLUSTER_UNKNOWN` when no client of that name exists. */
  require(name: string): KubeClient {
    const client = this.#clients.get(name);
    if (!client) throw new FlotillaError('KUBE_CLUSTER_UNKNOWN', `no client for cluster "${name}"`);
    return client;
  }

  /** Closes and forgets the client of a cluster; unknown names are ignored. */
  remove(name: string): void {
    this.#clients.get(name)?.transport.close();
    this.#clients.delete(name);
  }

  names(): string[] {
    return [...this.#clients.keys()];
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Closes every client. */
  close(): void {
    for (const name of [...this.#clients.keys()]) this.remove(name);
  }
}
