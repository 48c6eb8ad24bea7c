/**
 * A typed view of a decoded `apiextensions.k8s.io/v1` CustomResourceDefinition (see
 * {@link ./crd-codec.ts}), and the layout kube-apiserver's internal version gives it: when every
 * version carries the same schema, subresources, printer columns or selectable fields, the
 * internal object holds them once at the top (`spec.validation`, `spec.subresources`, ...),
 * which is the path validation errors then name.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { stableStringify } from '../../util/index.js';
import type { PrinterColumn, ResourceNames } from '../registry/types.js';

/** A CRD's `spec.names` or `status.acceptedNames` (absent fields as empty strings and lists). */
export type CrdNames = ResourceNames;

/** A printer column with kube's zero values filled in. */
export type PrinterColumnSpec = Required<PrinterColumn>;

export interface ScaleSpec {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** The version's `schema` object as written (undefined when absent). */
  readonly schemaField?: Readonly<Record<string, unknown>>;
  readonly openAPIV3Schema?: Readonly<Record<string, unknown>>;
  readonly subresources?: { readonly status: boolean; readonly scale?: ScaleSpec };
  readonly additionalPrinterColumns: readonly PrinterColumnSpec[];
  readonly selectableFields: readonly string[];
}

export interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly path?: string;
  readonly port: number;
}

export interface ConversionSpec {
  readonly strategy: string;
  readonly webhook?: {
    readonly conversionReviewVersions: readonly string[];
    readonly clientConfig?: { readonly url?: string; readonly service?: ServiceRef; readonly caBundle?: string };
  };
}

export interface CrdCondition {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface CrdView {
  readonly name: string;
  readonly group: string;
  readonly names: CrdNames;
  readonly scope: string;
  readonly versions: readonly CrdVersion[];
  readonly conversion?: ConversionSpec;
  readonly preserveUnknownFields: boolean;
  readonly conditions: readonly CrdCondition[];
  readonly acceptedNames: CrdNames;
  readonly storedVersions: readonly string[];
  readonly deleting: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (isPlainObject(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objs = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

export function namesOf(v: unknown): CrdNames {
  const n = obj(v);
  return { plural: str(n.plural), singular: str(n.singular), shortNames: strs(n.shortNames), kind: str(n.kind), listKind: str(n.listKind), categories: strs(n.categories) };
}

function columnsOf(v: unknown): PrinterColumnSpec[] {
  return objs(v).map((c) => ({
    name: str(c.name), type: str(c.type), format: str(c.format), description: str(c.description),
    priority: typeof c.priority === 'number' ? c.priority : 0, jsonPath: str(c.jsonPath),
  }));
}

function subresourcesOf(v: unknown): CrdVersion['subresources'] {
  if (!isPlainObject(v)) return undefined;
  const scale = isPlainObject(v.scale)
    ? { specReplicasPath: str(v.scale.specReplicasPath), statusReplicasPath: str(v.scale.statusReplicasPath), ...(typeof v.scale.labelSelectorPath === 'string' ? { labelSelectorPath: v.scale.labelSelectorPath } : {}) }
    : undefined;
  return { status: isPlainObject(v.status), ...(scale ? { scale } : {}) };
}

function versionOf(v: Json): CrdVersion {
  const schemaField = isPlainObject(v.schema) ? v.schema : undefined;
  const subresources = subresourcesOf(v.subresources);
  return {
    name: str(v.name), served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true,
    ...(typeof v.deprecationWarning === 'string' ? { deprecationWarning: v.deprecationWarning } : {}),
    ...(schemaField ? { schemaField } : {}),
    ...(schemaField && isPlainObject(schemaField.openAPIV3Schema) ? { openAPIV3Schema: schemaField.openAPIV3Schema } : {}),
    ...(subresources ? { subresources } : {}),
    additionalPrinterColumns: columnsOf(v.additionalPrinterColumns),
    selectableFields: objs(v.selectableFields).map((f) => str(f.jsonPath)),
  };
}

function serviceOf(v: unknown): ServiceRef | undefined {
  if (!isPlainObject(v)) return undefined;
  return { namespace: str(v.namespace), name: str(v.name), ...(typeof v.path === 'string' ? { path: v.path } : {}), port: typeof v.port === 'number' ? v.port : 443 };
}

function conversionOf(v: unknown): ConversionSpec | undefined {
  if (!isPlainObject(v)) return undefined;
  const webhook = isPlainObject(v.webhook) ? v.webhook : undefined;
  const cc = webhook && isPlainObject(webhook.clientConfig) ? webhook.clientConfig : undefined;
  const service = serviceOf(cc?.service);
  const clientConfig = cc ? {
    ...(typeof cc.url === 'string' ? { url: cc.url } : {}), ...(service ? { service } : {}), ...(typeof cc.caBundle === 'string' ? { caBundle: cc.caBundle } : {}),
  } : undefined;
  return {
    strategy: str(v.strategy),
    ...(webhook ? { webhook: { conversionReviewVersions: strs(webhook.conversionReviewVersions), ...(clientConfig ? { clientConfig } : {}) } } : {}),
  };
}

/** Reads the view of a decoded CRD. */
export function crdView(crd: KubeObject): CrdView {
  const spec = obj(crd.spec);
  const status = obj(crd.status);
  const conversion = conversionOf(spec.conversion);
  return {
    name: crd.metadata?.name ?? '',
    group: str(spec.group),
    names: namesOf(spec.names),
    scope: str(spec.scope),
    versions: objs(spec.versions).map(versionOf),
    ...(conversion ? { conversion } : {}),
    preserveUnknownFields: spec.preserveUnknownFields === true,
    conditions: objs(status.conditions).map((c) => ({ ...c, type: str(c.type), status: str(c.status) })),
    acceptedNames: namesOf(status.acceptedNames),
    storedVersions: strs(status.storedVersions),
    deleting: crd.metadata?.deletionTimestamp !== undefined,
  };
}

/** Where a per-version field lives in the internal object: once at the top, or in each version. */
export interface InternalLayout {
  readonly schema: boolean;
  readonly subresources: boolean;
  readonly columns: boolean;
  readonly selectableFields: boolean;
}

function identical(values: readonly unknown[]): boolean {
  const first = stableStringify(values[0] ?? null);
  return values.every((v) => stableStringify(v ?? null) === first);
}

const emptyAsNull = (list: readonly unknown[]): unknown => (list.length === 0 ? null : list);

/** Which per-version fields the internal version hoists to the top (all versions equal, nil and empty alike). */
export function internalLayout(view: CrdView): InternalLayout {
  const vs = view.versions;
  if (vs.length === 0) return { schema: false, subresources: false, columns: false, selectableFields: false };
  return {
    schema: identical(vs.map((v) => v.schemaField)),
    subresources: identical(vs.map((v) => v.subresources)),
    columns: identical(vs.map((v) => emptyAsNull(v.additionalPrinterColumns))),
    selectableFields: identical(vs.map((v) => emptyAsNull(v.selectableFields))),
  };
}

/** The condition of a type, if set. */
export function findCondition(view: Pick<CrdView, 'conditions'>, type: string): CrdCondition | undefined {
  return view.conditions.find((c) => c.type === type);
}

/** True when the condition is set to True. */
export function conditionTrue(view: Pick<CrdView, 'conditions'>, type: string): boolean {
  return findCondition(view, type)?.status === 'True';
}
