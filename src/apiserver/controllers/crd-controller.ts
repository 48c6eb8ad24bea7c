/**
 * The in-server CRD controller of each logical cluster: apiextensions' naming, establishing and
 * finalizer controllers plus the CRD handler's serving, in one place.
 *
 * - On every committed CRD write (awaited before the write's response, so a client that created a
 *   CRD can use it at once): accept its names unless another CRD of the group holds them, set
 *   NamesAccepted and Established, and register every served version in the cluster's registry
 *   (discovery and routing follow the registry at once).
 * - When a CRD is deleted: it gets the cleanup finalizer and a Terminating condition (in its
 *   strategy); here, asynchronously, all its objects are deleted (honouring their finalizers),
 *   then the finalizer is removed and the CRD disappears, which unregisters its type and frees
 *   its names for other CRDs of the group.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import type { Logger } from '../../util/index.js';
import type { LogicalCluster } from '../clusters.js';
import { CRD_CLEANUP_FINALIZER, normalizeCrdStatus, setCondition } from '../crd/crd-codec.js';
import { conditionTrue, crdView } from '../crd/crd-view.js';
import { type CustomResourceDeps, customResourceType } from '../crd/custom-resource.js';
import { ApiError } from '../http/status.js';
import { type ResourceType, groupResource, storageVersion } from '../registry/types.js';
import type { ResourceScope } from '../storage/codec.js';
import type { CommittedWrite, GenericStore } from '../storage/generic-store.js';
import { listObjects } from '../storage/list.js';
import { decideNames, namesInUse } from './crd-names.js';
import type { WorkQueue } from './work-queue.js';

export const CRD_RESOURCE = 'customresourcedefinitions.apiextensions.k8s.io';

/** A piece of CRD work: one CRD of one cluster. */
export interface CrdKey {
  readonly cluster: LogicalCluster;
  readonly name: string;
}

export interface CrdControllerOptions extends CustomResourceDeps {
  readonly store: GenericStore;
  readonly logger?: Logger;
  /** Queue for the asynchronous part (instance cleanup of deleted CRDs). */
  readonly queue: (process: (key: CrdKey) => Promise<void>) => WorkQueue<CrdKey>;
}

function notFoundToUndefined(error: unknown): undefined {
  if (error instanceof ApiError && error.httpCode === 404) return undefined;
  throw error;
}

export class CrdController {
  readonly queue: WorkQueue<CrdKey>;
  readonly #options: CrdControllerOptions;
  /** What each registered custom type was built from, to rebuild only when that changes. */
  readonly #built = new WeakMap<LogicalCluster, Map<string, string>>();

  constructor(options: CrdControllerOptions) {
    this.#options = options;
    this.queue = options.queue((key) => this.#cleanup(key));
  }

  #crdScope(cluster: LogicalCluster): ResourceScope {
    return { cluster, type: cluster.registry.get(CRD_RESOURCE)!, version: 'v1' };
  }

  /** Reacts to a committed write (CRDs, and objects of terminating CRDs). Never throws. */
  async onCommitted(write: CommittedWrite): Promise<void> {
    const { cluster, type, object } = write;
    if (type.origin.kind === 'crd') {
      if (write.deleted && type.customResource?.terminating) this.queue.add({ cluster, name: type.origin.crdName });
      return;
    }
    if (groupResource(type) !== CRD_RESOURCE) return;
    const name = object.metadata?.name ?? '';
    if (write.deleted) {
      this.#unregister(cluster, name);
      await this.#establishGroup(cluster, crdView(object).group);
      return;
    }
    await this.establish(cluster, name);
    if (object.metadata?.deletionTimestamp) this.queue.add({ cluster, name });
  }

  /**
   * Registers the types of a cluster's stored CRDs before returning (start-up, new clusters),
   * then resumes unfinished work: names not yet accepted, deletions not yet finished.
   */
  attach(cluster: LogicalCluster): Promise<void> {
    const { store } = this.#options;
    const type = cluster.registry.get(CRD_RESOURCE);
    if (!type) return Promise.resolve();
    const crds = store.backend.list({ prefix: `${cluster.keyPrefix}${CRD_RESOURCE}/` }).kvs.map((kv) => store.codec.decode(kv, type));
    for (const crd of crds) this.#register(cluster, crd);
    return (async () => {
      for (const crd of crds) {
        const name = crd.metadata?.name ?? '';
        await this.establish(cluster, name);
        if (crd.metadata?.deletionTimestamp) this.queue.add({ cluster, name });
      }
    })();
  }

  /** Accepts names, sets conditions and (un)registers the CRD's type. */
  async establish(cluster: LogicalCluster, name: string): Promise<void> {
    const scope = this.#crdScope(cluster);
    const current = await this.#options.store.get(scope, name).catch(notFoundToUndefined);
    if (!current) return;
    const view = crdView(current);
    if (!conditionTrue(view, 'Established') || JSON.stringify(view.names) !== JSON.stringify(view.acceptedNames)) {
      const group = await this.#group(cluster, view.group);
      const decision = decideNames(view, namesInUse(group));
      const updated = await this.#options.store.update(scope, name, (crd) => {
        const now = this.#options.store.context(scope).now;
        (crd.status as Record<string, unknown>).acceptedNames = decision.acceptedNames;
        setCondition(crd, decision.namesAccepted, now);
        setCondition(crd, decision.established, now);
        normalizeCrdStatus(crd);
        return crd;
      }, { subresource: 'status' }).catch(notFoundToUndefined);
      if (!updated) return;
      this.#register(cluster, updated);
      return;
    }
    this.#register(cluster, current);
  }

  async #group(cluster: LogicalCluster, group: string): Promise<ReturnType<typeof crdView>[]> {
    const page = await listObjects(this.#options.store, this.#crdScope(cluster), {});
    return page.items.map(crdView).filter((v) => v.group === group);
  }

  /** Names freed by a deleted CRD may now go to another CRD of its group. */
  async #establishGroup(cluster: LogicalCluster, group: string): Promise<void> {
    for (const view of await this.#group(cluster, group)) {
      if (!conditionTrue(view, 'NamesAccepted')) await this.establish(cluster, view.name);
    }
  }

  #register(cluster: LogicalCluster, crd: KubeObject): void {
    const name = crd.metadata?.name ?? '';
    const view = crdView(crd);
    const signature = JSON.stringify([crd.metadata?.uid, crd.metadata?.generation, view.deleting, view.acceptedNames, view.conditions.map((c) => [c.type, c.status])]);
    const built = this.#built.get(cluster) ?? new Map<string, string>();
    this.#built.set(cluster, built);
    if (built.get(name) === signature) return;
    built.set(name, signature);
    const type = customResourceType(crd, this.#options);
    if (!type) {
      cluster.registry.unregister(name);
      return;
    }
    try {
      cluster.registry.register(type);
    } catch (error) {
      // A CRD may not shadow a built-in type; kube-apiserver serves the built-in one too.
      this.#options.logger?.warn({ err: error, crd: name }, 'CRD names a built-in resource; not served');
    }
  }

  #unregister(cluster: LogicalCluster, name: string): void {
    this.#built.get(cluster)?.delete(name);
    cluster.registry.unregister(name);
  }

  /** The CRD finalizer: delete every object, then release the CRD. */
  async #cleanup({ cluster, name }: CrdKey): Promise<void> {
    const { store } = this.#options;
    const scope = this.#crdScope(cluster);
    const crd = await store.get(scope, name).catch(notFoundToUndefined);
    if (!crd?.metadata?.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) return;
    await this.#setTerminating(scope, name, { status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
    const type = cluster.registry.get(name);
    const established = conditionTrue(crdView(crd), 'Established');
    if (established && type?.origin.kind === 'crd') {
      const remaining = await this.#deleteInstances(cluster, type);
      if (remaining > 0) return;
      await this.#setTerminating(scope, name, { status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' });
    } else {
      await this.#setTerminating(scope, name, { status: 'False', reason: 'NeverEstablished', message: 'resource was never established' });
    }
    await store.update(scope, name, (current) => {
      const finalizers = (current.metadata!.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
      if (finalizers.length > 0) current.metadata!.finalizers = finalizers;
      else delete current.metadata!.finalizers;
      return current;
    }).catch(notFoundToUndefined);
  }

  async #setTerminating(scope: ResourceScope, name: string, condition: { status: string; reason: string; message: string }): Promise<void> {
    await this.#options.store.update(scope, name, (crd) => {
      setCondition(crd, { type: 'Terminating', ...condition }, this.#options.store.context(scope).now);
      normalizeCrdStatus(crd);
      return crd;
    }, { subresource: 'status' }).catch(notFoundToUndefined);
  }

  /** Deletes every object of the type; returns how many are still there (held by finalizers). */
  async #deleteInstances(cluster: LogicalCluster, type: ResourceType): Promise<number> {
    const { store } = this.#options;
    const scope: ResourceScope = { cluster, type, version: storageVersion(type) };
    const page = await listObjects(store, scope, {});
    for (const obj of page.items) {
      if (obj.metadata?.deletionTimestamp) continue;
      const itemScope = { ...scope, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}) };
      await store.delete(itemScope, obj.metadata!.name!, { propagationPolicy: 'Background' }).catch(notFoundToUndefined);
    }
    return (await listObjects(store, scope, {})).items.length;
  }
}
