/**
 * How a resource type is described to the API server. Every built-in kind and every served
 * version of every CRD becomes one {@link ResourceType}; the HTTP layer, discovery, storage and
 * (in part 2) OpenAPI and Table output are all generated from these descriptions, so adding a
 * type is adding a description, never touching the request pipeline.
 *
 * The {@link ResourceStrategy} hooks mirror kube-apiserver's `rest.RESTCreateStrategy`,
 * `RESTUpdateStrategy` and friends (`pkg/registry/generic/registry/store.go`): the generic
 * store calls them at fixed points of every write, in this order:
 *
 *   create:  decode → prepareForCreate → (metadata defaults: uid, timestamps, generation) → validate → convert to storage → store
 *   update:  decode → prepareForUpdate(new, old) → generation rule → validateUpdate → convert to storage → store
 *   status:  decode → (everything but status kept from old) → validateStatusUpdate → convert to storage → store
 *   read:    load → normalizeStored → convert to the requested version → encode
 *
 * Every hook of a write sees the object in the version of the request (as kube-apiserver runs
 * a custom resource's strategy on the request's version); conversion to the storage version
 * happens last, just before encoding.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import type { JsonSchema } from '../schema/types.js';
import type { TablePrinter } from '../table/columns.js';

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
export type Verb = (typeof ALL_VERBS)[number];

/** A field-level validation failure, rendered into an `Invalid` (422) Status like apimachinery's field.Error. */
export interface FieldError {
  /** apimachinery's field.ErrorType (the `reason` of a Status cause). */
  readonly type:
    | 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueTypeInvalid' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany'
    | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'InternalError';
  /** JSON path of the field, as Kubernetes prints it (`metadata.name`, `data[key]`). */
  readonly field: string;
  /** The full detail text after the field, e.g. `Invalid value: "x": must be ...`. */
  readonly message: string;
}

/** Names of a type, as in a CRD's `spec.names`. */
export interface ResourceNames {
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
}

/** A column of `kubectl get` output (a CRD's additionalPrinterColumns; used by Table output in part 2). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  /** JSONPath, as in additionalPrinterColumns (`.spec.replicas`). */
  readonly jsonPath: string;
}

/** Context passed to strategy hooks. */
export interface StrategyContext {
  /** The logical cluster the request addresses. */
  readonly cluster: string;
  /** Version the client sent/asked for. */
  readonly version: string;
  /** Current time, RFC 3339 with second precision (the server stamps with it). */
  readonly now: string;
}

/**
 * Per-type behaviour. Every hook is optional; the defaults are those of a CRD without schema.
 * Hooks mutate the object they are given (it is always a private copy).
 */
export interface ResourceStrategy {
  /**
   * What decoding into kube's internal type does to a request body (Secret: typed fields checked,
   * `stringData` folded into `data`, `type` defaulted). Runs before a write is recorded in
   * managedFields, as kube decodes and defaults before its field manager sees the object; may
   * throw kube's 400 decoding error.
   */
  normalize?(obj: KubeObject, ctx: StrategyContext): void;
  /** Normalises a new object before validation (Secret: fold `stringData` into `data`). */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Normalises an update; `old` is the stored object. For types with a status subresource, the default resets `status`. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Type-specific validation of a new object (metadata is validated by the generic store). */
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** Type-specific validation of an update (immutable fields and so on). */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Validation of a `/status` write; defaults to {@link validateUpdate}. */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /**
   * Whether this write changes the object's spec, so `metadata.generation` must be bumped.
   * Default: anything outside `metadata` and `status` changed. Types without generation
   * (Secret, ConfigMap) set {@link ResourceType.tracksGeneration} to false instead.
   */
  specChanged?(obj: KubeObject, old: KubeObject): boolean;
  /** Field selector support beyond `metadata.name`/`metadata.namespace`: label → value getter. */
  readonly selectableFields?: Readonly<Record<string, (obj: KubeObject) => string | undefined>>;
  /** Converts an object to `apiVersion` (conversion None: swap apiVersion; CRDs may call a webhook). */
  convert?(obj: KubeObject, apiVersion: string): KubeObject | Promise<KubeObject>;
  /**
   * Applied to every object read from storage, in its stored version, before conversion (custom
   * resources: pruning and defaulting with the stored version's schema). Returns the object to
   * use and never modifies its input, which watch fan-out shares between watchers.
   */
  normalizeStored?(obj: KubeObject): KubeObject;
  /** Called on the stored object before a DELETE proceeds; may throw an ApiError (undeletable namespaces). */
  beforeDelete?(obj: KubeObject, ctx: StrategyContext): void;
  /** Finalizers the first DELETE adds (a CRD's `customresourcecleanup.apiextensions.k8s.io`). */
  finalizersOnDelete?(obj: KubeObject): readonly string[];
  /** Adjusts an object that starts being deleted (Namespace: `status.phase: Terminating`). */
  prepareForDeletion?(obj: KubeObject, ctx: StrategyContext): void;
  /**
   * True while an object being deleted must stay even without `metadata.finalizers`
   * (a Namespace with `spec.finalizers`, kube's ShouldDeleteNamespaceDuringUpdate).
   */
  retainsWhileDeleting?(obj: KubeObject): boolean;
  /**
   * The paths of fields in a request body that the type's schema does not know and a write
   * would drop (`spec.bogus`, `metadata.foo`), for `fieldValidation=Strict|Warn`. Custom
   * resources compute them from their schema; undefined means the type cannot tell.
   */
  unknownFields?(obj: KubeObject): string[];
}

/** One served version of a type. */
export interface ResourceVersion {
  readonly name: string;
  readonly served: boolean;
  /** Exactly one version of a type is stored; objects are converted on the way in and out. */
  readonly storage: boolean;
  /** The version's OpenAPI v3 schema (built-in schemas, or a CRD's `openAPIV3Schema`): OpenAPI, explain, field validation, SSA. */
  readonly schema?: JsonSchema;
  /** A CRD version's `additionalPrinterColumns` (Table output). */
  readonly printerColumns?: readonly PrinterColumn[];
}

/** What a CRD defines for one of its versions (kept for OpenAPI, `kubectl explain` and Table output). */
export interface CustomResourceVersionInfo {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** The version's `openAPIV3Schema` as written in the CRD. */
  readonly openAPIV3Schema?: Readonly<Record<string, unknown>>;
  readonly printerColumns: readonly PrinterColumn[];
  readonly selectableFields: readonly string[];
  readonly subresources: { readonly status: boolean; readonly scale?: { readonly specReplicasPath: string; readonly statusReplicasPath: string; readonly labelSelectorPath?: string } };
}

/** The CRD behind a custom type. */
export interface CustomResourceInfo {
  readonly crdName: string;
  readonly crdUid: string;
  /** The CRD's metadata.generation this type was built from. */
  readonly generation: number;
  /** True once the CRD is being deleted: existing objects are served, new ones are refused. */
  readonly terminating: boolean;
  readonly versions: readonly CustomResourceVersionInfo[];
}

/** A resource type served by a logical cluster. */
export interface ResourceType {
  readonly group: string;
  readonly versions: readonly ResourceVersion[];
  readonly names: ResourceNames;
  readonly namespaced: boolean;
  readonly verbs: readonly Verb[];
  /**
   * `status` makes `/status` a subresource with Kubernetes' isolation rules; `finalize` serves
   * `/finalize` (namespaces: only `spec.finalizers` and metadata change).
   */
  readonly subresources: { readonly status: boolean; readonly finalize?: boolean };
  /** How `metadata.name` is validated: DNS subdomain (default) or DNS label (namespaces). */
  readonly nameRule?: 'subdomain' | 'label';
  /** Whether `metadata.generation` is maintained (false for Secret, ConfigMap, ...). */
  readonly tracksGeneration: boolean;
  /** PUT without `metadata.resourceVersion` allowed (true for most built-ins, false for CRs → 422). */
  readonly allowUnconditionalUpdate: boolean;
  /** A successful DELETE answers with the object (CRs) instead of a Success Status (built-ins). */
  readonly deleteReturnsObject: boolean;
  /** Where the type comes from: compiled in, or the CRD with this name. */
  readonly origin: { readonly kind: 'builtin' } | { readonly kind: 'crd'; readonly crdName: string };
  /**
   * Storage key segment when it differs from `plural.group`: two APIs serving one stored kind
   * (core/v1 and events.k8s.io/v1 Events share `events`, converted by the strategy).
   */
  readonly storageResource?: string;
  /** apiVersion of stored objects when it is another API's (events.k8s.io Events are stored as core/v1). */
  readonly storageApiVersion?: string;
  /** Server-side printing (Table) of a built-in kind; custom resources print from their printer columns. */
  readonly printer?: TablePrinter;
  /** Not stored: a create answers a computed object (SelfSubjectAccessReview and the other reviews). */
  readonly review?: ReviewHandler;
  /** For custom types, what their CRD says per version. */
  readonly customResource?: CustomResourceInfo;
  readonly strategy: ResourceStrategy;
}

/** Who made a request, as the reviews see it (authentication.k8s.io UserInfo). */
export interface RequestUser {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
}

/** Computes the answer of a review kind's create (status filled in). */
export type ReviewHandler = (obj: KubeObject, ctx: ReviewContext) => KubeObject;

/** What a review is evaluated against. */
export interface ReviewContext {
  readonly user: RequestUser;
  readonly cluster: string;
  /** Verifies a bearer token for the cluster (TokenReview); absent when the server has no token authority. */
  readonly authenticateToken?: (token: string) => RequestUser | undefined;
}

/** `<plural>.<group>` (or just the plural for core): the key of a type within a cluster, as CRD names are. */
export function groupResource(type: Pick<ResourceType, 'group' | 'names'>): string {
  return type.group === '' ? type.names.plural : `${type.names.plural}.${type.group}`;
}

/** The storage version of a type. */
export function storageVersion(type: ResourceType): string {
  const version = type.versions.find((v) => v.storage) ?? type.versions[0];
  if (!version) throw new Error(`resource ${groupResource(type)} has no versions`);
  return version.name;
}
