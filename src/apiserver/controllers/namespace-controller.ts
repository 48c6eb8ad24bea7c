/**
 * Namespace lifecycle inside the server, per logical cluster (kube-controller-manager's
 * namespace controller, `pkg/controller/namespace/deletion`): once a namespace is Terminating,
 * every object in it is deleted (their finalizers are honoured: the namespace waits), the
 * deletion conditions are kept in its status, and when nothing is left its `kubernetes`
 * finalizer is removed through `/finalize`, which removes the namespace.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import type { LogicalCluster } from '../clusters.js';
import { ApiError } from '../http/status.js';
import { type ResourceType, storageVersion } from '../registry/types.js';
import { type ResourceScope, storageResource } from '../storage/codec.js';
import type { CommittedWrite, GenericStore } from '../storage/generic-store.js';
import { listObjects } from '../storage/list.js';
import type { WorkQueue } from './work-queue.js';

/** The finalizer of `spec.finalizers` this controller owns. */
export const NAMESPACE_FINALIZER = 'kubernetes';

export interface NamespaceKey {
  readonly cluster: LogicalCluster;
  readonly name: string;
}

export interface NamespaceControllerOptions {
  readonly store: GenericStore;
  readonly queue: (process: (key: NamespaceKey) => Promise<void>) => WorkQueue<NamespaceKey>;
}

interface Remaining {
  /** `<resource>.<group>` → count. */
  readonly byResource: Map<string, number>;
  readonly byFinalizer: Map<string, number>;
  total: number;
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof ApiError && (error.httpCode === 404 || error.httpCode === 409)) return undefined;
  throw error;
}

/** The namespace condition types this controller maintains, with their "all good" reason and message. */
const CONDITIONS: readonly (readonly [type: string, okReason: string, okMessage: string])[] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'],
];

function remainingConditions(remaining: Remaining): Map<string, { reason: string; message: string }> {
  const found = new Map<string, { reason: string; message: string }>();
  if (remaining.byResource.size > 0) {
    const parts = [...remaining.byResource].map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
    found.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` });
  }
  if (remaining.byFinalizer.size > 0) {
    const parts = [...remaining.byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort();
    found.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}` });
  }
  return found;
}

/** updateConditions: each owned condition is set, True with the problem or False with its "ok" text. */
function applyConditions(ns: KubeObject, remaining: Remaining, now: string): void {
  const status = (isPlainObject(ns.status) ? ns.status : (ns.status = {}));
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Record<string, unknown>[]) : [];
  const problems = remainingConditions(remaining);
  for (const [type, okReason, okMessage] of CONDITIONS) {
    const problem = problems.get(type);
    const wanted = { type, status: problem ? 'True' : 'False', reason: problem?.reason ?? okReason, message: problem?.message ?? okMessage };
    const existing = conditions.find((c) => c.type === type);
    if (!existing) conditions.push({ ...wanted, lastTransitionTime: now });
    else {
      if (existing.status !== wanted.status) existing.lastTransitionTime = now;
      Object.assign(existing, wanted);
    }
  }
  status.conditions = conditions;
}

function specFinalizers(ns: KubeObject): string[] {
  return isPlainObject(ns.spec) && Array.isArray(ns.spec.finalizers) ? (ns.spec.finalizers as string[]) : [];
}

export class NamespaceController {
  readonly queue: WorkQueue<NamespaceKey>;
  readonly #store: GenericStore;
  /** Terminating namespaces per cluster: writes in them wake the controller. */
  readonly #terminating = new WeakMap<LogicalCluster, Set<string>>();

  constructor(options: NamespaceControllerOptions) {
    this.#store = options.store;
    this.queue = options.queue((key) => this.#sync(key));
  }

  #terminatingIn(cluster: LogicalCluster): Set<string> {
    let set = this.#terminating.get(cluster);
    if (!set) this.#terminating.set(cluster, (set = new Set()));
    return set;
  }

  onCommitted(write: CommittedWrite): void {
    const { cluster, type, object } = write;
    const terminating = this.#terminatingIn(cluster);
    if (type.group === '' && type.names.plural === 'namespaces') {
      const name = object.metadata?.name ?? '';
      if (write.deleted) terminating.delete(name);
      else if (object.metadata?.deletionTimestamp) {
        terminating.add(name);
        this.queue.add({ cluster, name });
      }
      return;
    }
    const namespace = object.metadata?.namespace;
    if (type.namespaced && namespace !== undefined && terminating.has(namespace)) this.queue.add({ cluster, name: namespace });
  }

  /** Resumes the termination of namespaces that were terminating when the server stopped. */
  attach(cluster: LogicalCluster): void {
    const type = cluster.registry.get('namespaces');
    if (!type) return;
    for (const kv of this.#store.backend.list({ prefix: `${cluster.keyPrefix}namespaces/` }).kvs) {
      const ns = this.#store.codec.decode(kv, type);
      if (!ns.metadata?.deletionTimestamp) continue;
      this.#terminatingIn(cluster).add(ns.metadata.name ?? '');
      this.queue.add({ cluster, name: ns.metadata.name ?? '' });
    }
  }

  #nsScope(cluster: LogicalCluster): ResourceScope {
    return { cluster, type: cluster.registry.get('namespaces')!, version: 'v1' };
  }

  async #sync({ cluster, name }: NamespaceKey): Promise<void> {
    const ns = await this.#store.get(this.#nsScope(cluster), name).catch(ignoreNotFound);
    if (!ns?.metadata?.deletionTimestamp) return;
    if (specFinalizers(ns).length === 0) {
      // Finalized (by us or through /finalize): delete it for good, as deleteNamespaceWhenDone does.
      await this.#store.delete(this.#nsScope(cluster), name, { preconditions: { uid: ns.metadata.uid ?? '' } }).catch(ignoreNotFound);
      return;
    }
    if (!specFinalizers(ns).includes(NAMESPACE_FINALIZER)) return;
    const remaining = await this.#deleteContent(cluster, name);
    await this.#updateConditions(cluster, name, remaining);
    if (remaining.total > 0) return;
    await this.#store.update(this.#nsScope(cluster), name, (current) => {
      (current.spec as Record<string, unknown>).finalizers = specFinalizers(current).filter((f) => f !== NAMESPACE_FINALIZER);
      return current;
    }, { subresource: 'finalize' }).catch(ignoreNotFound);
  }

  /** Namespaced types, one per storage (events of both APIs are the same objects). */
  #namespacedTypes(cluster: LogicalCluster): ResourceType[] {
    const seen = new Set<string>();
    return cluster.registry.all().filter((t) => {
      if (!t.namespaced || seen.has(storageResource(t))) return false;
      seen.add(storageResource(t));
      return true;
    });
  }

  /** Deletes everything in the namespace and counts what is still there (held by finalizers). */
  async #deleteContent(cluster: LogicalCluster, namespace: string): Promise<Remaining> {
    const remaining: Remaining = { byResource: new Map(), byFinalizer: new Map(), total: 0 };
    for (const type of this.#namespacedTypes(cluster)) {
      const scope: ResourceScope = { cluster, type, version: storageVersion(type), namespace };
      for (const obj of (await listObjects(this.#store, scope, {})).items) {
        if (!obj.metadata?.deletionTimestamp) await this.#store.delete(scope, obj.metadata!.name!, { propagationPolicy: 'Background' }).catch(ignoreNotFound);
      }
      const left = (await listObjects(this.#store, scope, {})).items;
      if (left.length === 0) continue;
      remaining.total += left.length;
      remaining.byResource.set(`${type.names.plural}.${type.group}`, left.length);
      for (const f of left.flatMap((o) => o.metadata?.finalizers ?? [])) remaining.byFinalizer.set(f, (remaining.byFinalizer.get(f) ?? 0) + 1);
    }
    return remaining;
  }

  async #updateConditions(cluster: LogicalCluster, name: string, remaining: Remaining): Promise<void> {
    const scope = this.#nsScope(cluster);
    await this.#store.update(scope, name, (ns) => {
      applyConditions(ns, remaining, this.#store.context(scope).now);
      return ns;
    }, { subresource: 'status' }).catch(ignoreNotFound);
  }
}
