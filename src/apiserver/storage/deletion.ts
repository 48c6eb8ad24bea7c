/**
 * Which finalizers a DELETE leaves on an object: the garbage collector's `orphan` and
 * `foregroundDeletion` (kube-apiserver's `deletionFinalizersForGarbageCollection`, with the
 * decisions of `shouldOrphanDependents` and `shouldDeleteDependentsInForeground` in
 * `registry/generic/registry/store.go`) plus the finalizers a type adds on its first deletion
 * (a CRD's `customresourcecleanup.apiextensions.k8s.io`).
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import type { ResourceType } from '../registry/types.js';

/** metav1.FinalizerOrphanDependents. */
export const ORPHAN_FINALIZER = 'orphan';
/** metav1.FinalizerDeleteDependents. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** The DeleteOptions fields that choose how dependents are handled. */
export interface PropagationOptions {
  readonly propagationPolicy?: string;
  readonly orphanDependents?: boolean;
}

type Policy = 'Orphan' | 'Foreground' | 'Background';

/**
 * How dependents are handled: an explicit choice in the options wins (orphanDependents, then
 * propagationPolicy), else a GC finalizer already on the object, else Background.
 */
function effectivePolicy(options: PropagationOptions, finalizers: readonly string[]): Policy {
  if (options.orphanDependents !== undefined) return options.orphanDependents ? 'Orphan' : 'Background';
  const explicit = options.propagationPolicy;
  if (explicit === 'Orphan' || explicit === 'Foreground' || explicit === 'Background') return explicit;
  const decided = finalizers.find((f) => f === ORPHAN_FINALIZER || f === FOREGROUND_FINALIZER);
  if (decided === ORPHAN_FINALIZER) return 'Orphan';
  return decided === FOREGROUND_FINALIZER ? 'Foreground' : 'Background';
}

/** The finalizers the object should carry once this DELETE is applied, and whether they changed. */
export interface DeletionPlan {
  readonly finalizers: readonly string[];
  readonly changed: boolean;
}

/** Computes the finalizers after a DELETE of `current` with `options`. */
export function planDeletion(type: ResourceType, current: KubeObject, options: PropagationOptions): DeletionPlan {
  const meta = current.metadata ?? {};
  const existing = meta.finalizers ?? [];
  const next = existing.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  const policy = effectivePolicy(options, existing);
  if (policy === 'Orphan') next.push(ORPHAN_FINALIZER);
  if (policy === 'Foreground') next.push(FOREGROUND_FINALIZER);
  if (!meta.deletionTimestamp) {
    for (const f of type.strategy.finalizersOnDelete?.(current) ?? []) if (!next.includes(f)) next.push(f);
  }
  const before = new Set(existing);
  const changed = before.size !== new Set(next).size || next.some((f) => !before.has(f));
  return { finalizers: changed ? next : existing, changed };
}

/** Whether an object being deleted with these finalizers must stay (kube's ShouldDeleteDuringUpdate, inverted). */
export function deletionPending(type: ResourceType, obj: KubeObject): boolean {
  return (obj.metadata?.finalizers ?? []).length > 0 || type.strategy.retainsWhileDeleting?.(obj) === true;
}
