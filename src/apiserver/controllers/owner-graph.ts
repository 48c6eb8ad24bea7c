/**
 * The garbage collector's view of ownership in one logical cluster (kube's GC dependency
 * graph, reduced to what the embedded server needs): which objects name which owner uids, and
 * the uids seen deleted (kube's absentOwnerCache). Only objects with ownerReferences take
 * memory, so idle clusters cost nothing.
 *
 * @module
 */
import type { KubeObject, OwnerReference } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import type { ResourceType } from '../registry/types.js';

/** How the GC finds an object again. */
export interface ObjectRef {
  readonly type: ResourceType;
  readonly namespace?: string;
  readonly name: string;
}

/** The object's ownerReferences that name an owner (malformed entries never pass validation). */
export function ownerReferences(obj: KubeObject): OwnerReference[] {
  const refs = obj.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs.filter((r): r is OwnerReference => isPlainObject(r) && typeof r.uid === 'string') : [];
}

/** A stable key of an object within a cluster. */
export function refKey(ref: ObjectRef): string {
  return `${ref.type.group}/${ref.type.names.plural}/${ref.namespace ?? ''}/${ref.name}`;
}

const ABSENT_CACHE_SIZE = 10_000;

export class OwnerGraph {
  /** owner uid → dependents by key. */
  readonly #dependents = new Map<string, Map<string, ObjectRef>>();
  /** dependent key → the owner uids it names. */
  readonly #owners = new Map<string, readonly string[]>();
  /** Recently deleted uids, oldest first. */
  readonly #absent = new Set<string>();

  /** Records the owners an object names now; returns true when it names an owner it did not name before. */
  setOwners(ref: ObjectRef, uids: readonly string[]): boolean {
    const key = refKey(ref);
    const before = this.#owners.get(key) ?? [];
    for (const uid of before) if (!uids.includes(uid)) this.#unlink(uid, key);
    for (const uid of uids) {
      const deps = this.#dependents.get(uid) ?? new Map<string, ObjectRef>();
      deps.set(key, ref);
      this.#dependents.set(uid, deps);
    }
    if (uids.length > 0) this.#owners.set(key, [...uids]);
    else this.#owners.delete(key);
    return uids.some((uid) => !before.includes(uid));
  }

  /** Forgets a deleted object as a dependent and remembers its uid as absent. */
  removed(ref: ObjectRef, uid: string | undefined): void {
    this.setOwners(ref, []);
    if (!uid) return;
    this.#absent.add(uid);
    if (this.#absent.size > ABSENT_CACHE_SIZE) this.#absent.delete(this.#absent.values().next().value!);
  }

  #unlink(uid: string, key: string): void {
    const deps = this.#dependents.get(uid);
    deps?.delete(key);
    if (deps?.size === 0) this.#dependents.delete(uid);
  }

  /** The objects that name `uid` as an owner. */
  dependentsOf(uid: string): ObjectRef[] {
    return [...(this.#dependents.get(uid)?.values() ?? [])];
  }

  /** True when `uid` was seen deleted. */
  isAbsent(uid: string): boolean {
    return this.#absent.has(uid);
  }
}
