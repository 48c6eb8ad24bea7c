/**
 * ownerReferences garbage collection inside the server, per logical cluster, with
 * kube-controller-manager's semantics (`pkg/controller/garbagecollector`):
 *
 * - an object none of whose owners exists any more (matched by uid; a namespaced owner is looked
 *   up in the dependent's namespace) is deleted; owners still there keep it, and references to
 *   owners that are gone are removed from it;
 * - Background: the owner is gone at once, its dependents follow;
 * - Foreground (`foregroundDeletion` finalizer): dependents are deleted first and the owner
 *   stays until none with `blockOwnerDeletion: true` remains;
 * - Orphan (`orphan` finalizer): the owner's references are removed from its dependents, then the
 *   finalizer, so the dependents stay.
 *
 * @module
 */
import type { KubeObject, OwnerReference } from '../../api/object.js';
import { parseApiVersion } from '../../api/object.js';
import type { KeyValue } from '../../store/index.js';
import type { Logger } from '../../util/index.js';
import type { LogicalCluster } from '../clusters.js';
import { ApiError } from '../http/status.js';
import { type ResourceType, groupResource, storageVersion } from '../registry/types.js';
import { type ResourceScope, storageResource } from '../storage/codec.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../storage/deletion.js';
import type { CommittedWrite, GenericStore } from '../storage/generic-store.js';
import { type ObjectRef, OwnerGraph, ownerReferences } from './owner-graph.js';
import type { WorkQueue } from './work-queue.js';

/** GC work: check a dependent's owners, or finish an owner's orphan/foreground deletion. */
export interface GcItem {
  readonly cluster: LogicalCluster;
  readonly role: 'dependent' | 'owner';
  readonly ref: ObjectRef;
}

export interface GarbageCollectorOptions {
  readonly store: GenericStore;
  readonly logger?: Logger;
  readonly queue: (process: (item: GcItem) => Promise<void>) => WorkQueue<GcItem>;
}

/** Sets a metadata list, leaving it out when empty (Go's omitempty). */
function setList(meta: NonNullable<KubeObject['metadata']>, key: 'ownerReferences' | 'finalizers', list: unknown[]): void {
  if (list.length > 0) meta[key] = list as never;
  else delete meta[key];
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof ApiError && (error.httpCode === 404 || error.httpCode === 409)) return undefined;
  throw error;
}

type OwnerState = 'solid' | 'dangling' | 'waiting';

function hasGcFinalizer(obj: KubeObject): boolean {
  const finalizers = obj.metadata?.finalizers ?? [];
  return finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER);
}

/** An owner present with the uid the reference names: solid, or waiting when it deletes its dependents first. */
function presentOwnerState(found: KubeObject | undefined, uid: string): OwnerState {
  if (!found || found.metadata?.uid !== uid) return 'dangling';
  return found.metadata.deletionTimestamp && (found.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER) ? 'waiting' : 'solid';
}

export class GarbageCollector {
  readonly queue: WorkQueue<GcItem>;
  readonly #store: GenericStore;
  readonly #graphs = new WeakMap<LogicalCluster, OwnerGraph>();

  constructor(options: GarbageCollectorOptions) {
    this.#store = options.store;
    this.queue = options.queue((item) => (item.role === 'owner' ? this.#processOwner(item) : this.#processDependent(item)));
  }

  #graph(cluster: LogicalCluster): OwnerGraph {
    let graph = this.#graphs.get(cluster);
    if (!graph) this.#graphs.set(cluster, (graph = new OwnerGraph()));
    return graph;
  }

  #scope(cluster: LogicalCluster, ref: ObjectRef): ResourceScope {
    const type = cluster.registry.get(groupResource(ref.type)) ?? ref.type;
    return { cluster, type, version: storageVersion(type), ...(ref.namespace ? { namespace: ref.namespace } : {}) };
  }

  #get(cluster: LogicalCluster, ref: ObjectRef): Promise<KubeObject | undefined> {
    return this.#store.get(this.#scope(cluster, ref), ref.name).catch(ignoreNotFound);
  }

  /** Keeps the graph in step with every committed write and queues what the write affects. */
  onCommitted(write: CommittedWrite): void {
    const { cluster, object, type } = write;
    const ref: ObjectRef = { type, name: object.metadata?.name ?? '', ...(type.namespaced ? { namespace: object.metadata?.namespace ?? '' } : {}) };
    this.#observe(cluster, ref, object, write.deleted);
  }

  #observe(cluster: LogicalCluster, ref: ObjectRef, object: KubeObject, deleted: boolean): void {
    if (deleted) {
      this.#observeDeletion(cluster, ref, object);
      return;
    }
    if (this.#graph(cluster).setOwners(ref, ownerReferences(object).map((o) => o.uid))) this.queue.add({ cluster, role: 'dependent', ref });
    if (object.metadata?.deletionTimestamp && hasGcFinalizer(object)) this.queue.add({ cluster, role: 'owner', ref });
  }

  #observeDeletion(cluster: LogicalCluster, ref: ObjectRef, object: KubeObject): void {
    const graph = this.#graph(cluster);
    const uid = object.metadata?.uid;
    graph.removed(ref, uid);
    if (uid) for (const dependent of graph.dependentsOf(uid)) this.queue.add({ cluster, role: 'dependent', ref: dependent });
    // An owner deleting in the foreground may have been waiting for this dependent.
    for (const owner of ownerReferences(object)) this.#queueOwner(cluster, ref, owner);
  }

  #queueOwner(cluster: LogicalCluster, dependent: ObjectRef, owner: OwnerReference): void {
    const type = cluster.registry.byKind(parseApiVersion(owner.apiVersion).group, owner.kind);
    if (!type) return;
    this.queue.add({ cluster, role: 'owner', ref: { type, name: owner.name, ...(type.namespaced ? { namespace: dependent.namespace ?? '' } : {}) } });
  }

  /** Builds the graph of a loaded cluster and queues the checks kube's GC makes at start-up. */
  attach(cluster: LogicalCluster): void {
    const byStorage = new Map<string, ResourceType>();
    for (const type of cluster.registry.all()) if (!byStorage.has(storageResource(type))) byStorage.set(storageResource(type), type);
    // Page through the cluster's keys: a large store is never held in memory at once.
    for (let startAfter = ''; ;) {
      const page = this.#store.backend.list({ prefix: cluster.keyPrefix, limit: 500, startAfter });
      for (const kv of page.kvs) this.#observeStored(cluster, byStorage, kv);
      if (!page.more || page.kvs.length === 0) return;
      startAfter = page.kvs[page.kvs.length - 1]!.key;
    }
  }

  #observeStored(cluster: LogicalCluster, byStorage: ReadonlyMap<string, ResourceType>, kv: KeyValue): void {
    const parts = kv.key.slice(cluster.keyPrefix.length).split('/');
    const type = byStorage.get(parts[0]!);
    if (!type) return;
    const object = this.#store.codec.decode(kv, type);
    const ref: ObjectRef = { type, name: parts[parts.length - 1]!, ...(type.namespaced ? { namespace: parts[1] ?? '' } : {}) };
    this.#observe(cluster, ref, object, false);
  }

  async #ownerState(cluster: LogicalCluster, dependent: ObjectRef, owner: OwnerReference): Promise<OwnerState> {
    const type = cluster.registry.byKind(parseApiVersion(owner.apiVersion).group, owner.kind);
    // Owners of kinds this cluster does not serve (and that were not seen deleted) are left alone.
    if (!type) return this.#graph(cluster).isAbsent(owner.uid) ? 'dangling' : 'solid';
    // A cluster-scoped dependent cannot name a namespaced owner: kube never collects it.
    if (type.namespaced && !dependent.type.namespaced) return 'solid';
    const found = await this.#get(cluster, { type, name: owner.name, ...(type.namespaced ? { namespace: dependent.namespace ?? '' } : {}) });
    return presentOwnerState(found, owner.uid);
  }

  /** attemptToDeleteItem. */
  async #processDependent({ cluster, ref }: GcItem): Promise<void> {
    const item = await this.#get(cluster, ref);
    if (!item) return;
    if (item.metadata?.deletionTimestamp) {
      if ((item.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) this.queue.add({ cluster, role: 'owner', ref });
      return;
    }
    const owners = ownerReferences(item);
    if (owners.length === 0) return;
    const states = await Promise.all(owners.map((o) => this.#ownerState(cluster, ref, o)));
    if (states.includes('solid')) {
      if (!states.every((s) => s === 'solid')) await this.#trimOwners(cluster, ref, item, states);
      return;
    }
    await this.#deleteOrphaned(cluster, ref, item, states.includes('waiting'));
  }

  /** Deletes a dependent whose owners are all gone (or deleting in the foreground). */
  async #deleteOrphaned(cluster: LogicalCluster, ref: ObjectRef, item: KubeObject, ownerWaiting: boolean): Promise<void> {
    const uid = item.metadata?.uid ?? '';
    const policy = ownerWaiting && this.#graph(cluster).dependentsOf(uid).length > 0 ? 'Foreground' : this.#policyOf(item);
    await this.#store.delete(this.#scope(cluster, ref), ref.name, { propagationPolicy: policy, preconditions: { uid } }).catch(ignoreNotFound);
  }

  #policyOf(item: KubeObject): string {
    const finalizers = item.metadata?.finalizers ?? [];
    if (finalizers.includes(ORPHAN_FINALIZER)) return 'Orphan';
    return finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
  }

  /** Removes references to owners that are gone, and unblocks owners waiting for their dependents. */
  async #trimOwners(cluster: LogicalCluster, ref: ObjectRef, item: KubeObject, states: readonly OwnerState[]): Promise<void> {
    const uid = item.metadata?.uid;
    const verdicts = new Map(ownerReferences(item).map((o, i) => [o.uid, states[i]!]));
    await this.#store.update(this.#scope(cluster, ref), ref.name, (current) => {
      if (current.metadata?.uid !== uid) return current;
      const kept = ownerReferences(current).filter((o) => verdicts.get(o.uid) !== 'dangling');
      setList(current.metadata!, 'ownerReferences', kept.map((o) => (verdicts.get(o.uid) === 'waiting' ? { ...o, blockOwnerDeletion: false } : o)));
      return current;
    }).catch(ignoreNotFound);
  }

  /** An owner being deleted with the orphan or foregroundDeletion finalizer. */
  async #processOwner({ cluster, ref }: GcItem): Promise<void> {
    const owner = await this.#get(cluster, ref);
    if (!owner?.metadata?.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN_FINALIZER)) await this.#orphanDependents(cluster, ref, owner);
    else if (finalizers.includes(FOREGROUND_FINALIZER)) await this.#deleteDependentsFirst(cluster, ref, owner);
  }

  async #orphanDependents(cluster: LogicalCluster, ref: ObjectRef, owner: KubeObject): Promise<void> {
    const uid = owner.metadata!.uid!;
    for (const dependent of this.#graph(cluster).dependentsOf(uid)) {
      await this.#store.update(this.#scope(cluster, dependent), dependent.name, (current) => {
        setList(current.metadata!, 'ownerReferences', ownerReferences(current).filter((o) => o.uid !== uid));
        return current;
      }).catch(ignoreNotFound);
    }
    await this.#removeFinalizer(cluster, ref, uid, ORPHAN_FINALIZER);
  }

  async #deleteDependentsFirst(cluster: LogicalCluster, ref: ObjectRef, owner: KubeObject): Promise<void> {
    const uid = owner.metadata!.uid!;
    let blocking = 0;
    for (const dependent of this.#graph(cluster).dependentsOf(uid)) {
      const current = await this.#get(cluster, dependent);
      if (!current) continue;
      if (ownerReferences(current).some((o) => o.uid === uid && o.blockOwnerDeletion === true)) blocking++;
      this.queue.add({ cluster, role: 'dependent', ref: dependent });
    }
    if (blocking === 0) await this.#removeFinalizer(cluster, ref, uid, FOREGROUND_FINALIZER);
  }

  async #removeFinalizer(cluster: LogicalCluster, ref: ObjectRef, uid: string, finalizer: string): Promise<void> {
    await this.#store.update(this.#scope(cluster, ref), ref.name, (current) => {
      if (current.metadata?.uid !== uid) return current;
      setList(current.metadata, 'finalizers', (current.metadata.finalizers ?? []).filter((f) => f !== finalizer));
      return current;
    }).catch(ignoreNotFound);
  }
}
