/**
 * A compact way to declare built-in types with kube-apiserver's defaults for built-ins.
 *
 * @module
 */
import type { JsonSchema } from '../../schema/types.js';
import type { TablePrinter } from '../../table/columns.js';
import { ALL_VERBS, type ResourceStrategy, type ResourceType, type ReviewHandler, type Verb } from '../types.js';

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
  readonly printer?: TablePrinter;
  readonly schema?: JsonSchema;
  /** A review kind: create-only, never stored. */
  readonly review?: ReviewHandler;
}

const REVIEW_VERBS: readonly Verb[] = ['create'];

function optionalParts(spec: BuiltinSpec): Partial<ResourceType> {
  return {
    ...(spec.nameRule ? { nameRule: spec.nameRule } : {}),
    ...(spec.storageResource ? { storageResource: spec.storageResource } : {}),
    ...(spec.printer ? { printer: spec.printer } : {}),
    ...(spec.review ? { review: spec.review } : {}),
  };
}

/** A built-in type: one version, every verb, unconditional updates allowed, DELETE answers a Status. */
export function builtin(spec: BuiltinSpec): ResourceType {
  return {
    group: spec.group ?? '',
    versions: [{ name: spec.version ?? 'v1', served: true, storage: true, ...(spec.schema ? { schema: spec.schema } : {}) }],
    names: {
      plural: spec.plural,
      singular: spec.kind.toLowerCase(),
      kind: spec.kind,
      listKind: `${spec.kind}List`,
      shortNames: spec.shortNames ?? [],
      categories: spec.categories ?? [],
    },
    namespaced: spec.namespaced,
    verbs: spec.review ? REVIEW_VERBS : ALL_VERBS,
    subresources: { status: spec.status ?? false, ...(spec.finalize ? { finalize: true } : {}) },
    tracksGeneration: spec.tracksGeneration ?? false,
    allowUnconditionalUpdate: true,
    deleteReturnsObject: false,
    origin: { kind: 'builtin' },
    ...optionalParts(spec),
    strategy: spec.strategy ?? {},
  };
}
