/**
 * Logical clusters: isolated Kubernetes API surfaces (objects, namespaces, CRDs) in one process
 * and one store, addressed by the URL prefix `/clusters/<name>/…`. The root path serves the
 * management cluster, named {@link ROOT_CLUSTER}.
 *
 * A cluster is cheap: a name, a key prefix in the store and a {@link ResourceRegistry} that
 * shares the built-in types; idle clusters hold no watches and no caches. Cluster records live
 * in the store under `/_system/clusters/`, so they survive restarts.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Backend } from '../store/index.js';
import { FlotillaError, type Clock } from '../util/index.js';
import { type BuiltinTypes, ResourceRegistry } from './registry/registry.js';

/** The management cluster, served at the root path. Not a valid name for a created cluster. */
export const ROOT_CLUSTER = 'root';

const CLUSTER_RECORDS = '/_system/clusters/';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** One logical cluster. */
export class LogicalCluster {
  readonly registry: ResourceRegistry;

  constructor(readonly name: string, readonly uid: string, builtins: BuiltinTypes) {
    this.registry = new ResourceRegistry(builtins);
  }

  /** Every key of this cluster starts with this prefix. */
  get keyPrefix(): string {
    return `/${this.name}/`;
  }
}

/** Called once for each newly created cluster (for example, to create its default namespaces). */
export type ClusterInitializer = (cluster: LogicalCluster) => Promise<void>;

/** Options of {@link LogicalClusters.open}. */
export interface LogicalClustersOptions {
  readonly backend: Backend;
  readonly builtins: BuiltinTypes;
  readonly clock: Clock;
  /** Runs for the root cluster on first start and for every cluster created later. */
  readonly initialize?: ClusterInitializer;
  /** Runs for every cluster loaded or created (for example, to register its CRDs' types). */
  readonly attach?: (cluster: LogicalCluster) => void;
}

export class ClusterError extends FlotillaError {}

interface ClusterRecord {
  readonly name: string;
  readonly uid: string;
  readonly creationTimestamp: string;
}

/** The set of logical clusters, with a small typed API for the embedding code. */
export class LogicalClusters {
  readonly #options: LogicalClustersOptions;
  readonly #clusters = new Map<string, LogicalCluster>();

  private constructor(options: LogicalClustersOptions) {
    this.#options = options;
  }

  /** Loads the clusters recorded in the store, creating the root cluster on first start. */
  static async open(options: LogicalClustersOptions): Promise<LogicalClusters> {
    const clusters = new LogicalClusters(options);
    for (const kv of options.backend.list({ prefix: CLUSTER_RECORDS }).kvs) {
      const record = JSON.parse(Buffer.from(kv.value).toString('utf8')) as ClusterRecord;
      clusters.#add(record);
    }
    if (!clusters.#clusters.has(ROOT_CLUSTER)) await clusters.#create(ROOT_CLUSTER);
    return clusters;
  }

  /** The management cluster. */
  get root(): LogicalCluster {
    return this.#clusters.get(ROOT_CLUSTER)!;
  }

  get(name: string): LogicalCluster | undefined {
    return this.#clusters.get(name);
  }

  /** Names of every cluster, root included, sorted. */
  names(): string[] {
    return [...this.#clusters.keys()].sort();
  }

  get size(): number {
    return this.#clusters.size;
  }

  /**
   * Creates a cluster with its default namespaces.
   * @throws ClusterError `CLUSTER_INVALID` for a bad name, `CLUSTER_EXISTS` when it exists.
   */
  async create(name: string): Promise<LogicalCluster> {
    if (!DNS_LABEL.test(name) || name.length > 63 || name === ROOT_CLUSTER) {
      throw new ClusterError('CLUSTER_INVALID', `invalid logical cluster name "${name}": must be a DNS label (lower case alphanumerics and '-', at most 63 characters) other than "${ROOT_CLUSTER}"`);
    }
    if (this.#clusters.has(name)) throw new ClusterError('CLUSTER_EXISTS', `logical cluster "${name}" already exists`);
    return this.#create(name);
  }

  /**
   * Deletes a cluster and every object in it. Watches on it see the deletions.
   * @throws ClusterError `CLUSTER_NOT_FOUND`, or `CLUSTER_INVALID` for the root cluster.
   */
  async delete(name: string): Promise<void> {
    if (name === ROOT_CLUSTER) throw new ClusterError('CLUSTER_INVALID', 'the root cluster cannot be deleted');
    const cluster = this.#clusters.get(name);
    if (!cluster) throw new ClusterError('CLUSTER_NOT_FOUND', `logical cluster "${name}" not found`);
    const { backend } = this.#options;
    this.#clusters.delete(name);
    // Issued in the same turn, the record and the range commit together: a crash never leaves a
    // cluster record without its objects, nor objects without their record.
    await Promise.all([backend.delete(CLUSTER_RECORDS + name), backend.deletePrefix(cluster.keyPrefix)]);
  }

  async #create(name: string): Promise<LogicalCluster> {
    const record: ClusterRecord = { name, uid: randomUUID(), creationTimestamp: new Date(this.#options.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    const cluster = this.#add(record);
    await this.#options.initialize?.(cluster);
    await this.#options.backend.create(CLUSTER_RECORDS + name, Buffer.from(JSON.stringify(record)));
    return cluster;
  }

  #add(record: ClusterRecord): LogicalCluster {
    const cluster = new LogicalCluster(record.name, record.uid, this.#options.builtins);
    this.#clusters.set(record.name, cluster);
    this.#options.attach?.(cluster);
    return cluster;
  }
}
