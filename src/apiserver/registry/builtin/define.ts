/**
 * A compact way to declare built-in types with kube-apiserver's defaults for built-ins.
 *
 * @module
 */
import { ALL_VERBS, type ResourceStrategy, type ResourceType } from '../types.js';

export interface BuiltinSpec {
  readonly group?: string;
  readonly version?: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly status?: boolean;
  /** Serves `/finalize` (namespaces). */
  readonly finalize?: boolean;
  readonly tracksGeneration?: boolean;
  readonly nameRule?: 'subdomain' | 'label';
  readonly storageResource?: string;
  readonly strategy?: ResourceStrategy;
}

/** A built-in type: one version, every verb, unconditional updates allowed, DELETE answers a Status. */
export function builtin(spec: BuiltinSpec): ResourceType {
  return {
    group: spec.group ?? '',
    versions: [{ name: spec.version ?? 'v1', served: true, storage: true }],
    names: {
      plural: spec.plural,
      singular: spec.kind.toLowerCase(),
      kind: spec.kind,
      listKind: `${spec.kind}List`,
      shortNames: spec.shortNames ?? [],
      categories: spec.categories ?? [],
    },
    namespaced: spec.namespaced,
    verbs: ALL_VERBS,
    subresources: { status: spec.status ?? false, ...(spec.finalize ? { finalize: true } : {}) },
    tracksGeneration: spec.tracksGeneration ?? false,
    allowUnconditionalUpdate: true,
    deleteReturnsObject: false,
    origin: { kind: 'builtin' },
    ...(spec.nameRule ? { nameRule: spec.nameRule } : {}),
    ...(spec.storageResource ? { storageResource: spec.storageResource } : {}),
    strategy: spec.strategy ?? {},
  };
}
