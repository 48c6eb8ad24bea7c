/**
 * The resource type a CustomResourceDefinition defines, with apiextensions' custom resource
 * strategy (`registry/customresource/strategy.go` and the schema coercer of
 * `customresource_handler.go`):
 *
 * - requests are decoded against the request version's schema (metadata as ObjectMeta, pruning,
 *   defaults), validated (schema, embedded resources, list types; updates ratchet), and
 *   converted to the storage version last;
 * - stored objects are read back pruned and defaulted with their own version's schema, then
 *   converted (None or webhook) to the version asked for, and pruned with that version's schema;
 * - generation moves on any change outside metadata (status is kept from the stored object when
 *   the status subresource is on); selectable fields follow the CRD; a terminating CRD refuses
 *   new objects with kube's Forbidden.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject, parseApiVersion } from '../../api/object.js';
import { stableStringify } from '../../util/index.js';
import { badRequest, forbidden, unknownError } from '../http/status.js';
import type { CustomResourceVersionInfo, FieldError, ResourceStrategy, ResourceType } from '../registry/types.js';
import { ALL_VERBS } from '../registry/types.js';
import { type ConvertFn, createConverter } from './conversion/converter.js';
import { ConversionError, type ServiceResolver } from './conversion/webhook.js';
import { type CrdView, conditionTrue, crdView } from './crd-view.js';
import { CoercionError, ResourceSchema } from './schema/resource-schema.js';

/** What building custom types needs besides the CRD. */
export interface CustomResourceDeps {
  readonly resolveService: ServiceResolver;
  readonly webhookTimeoutMs?: number;
}

function versionInfo(view: CrdView): CustomResourceVersionInfo[] {
  return view.versions.map((v) => ({
    name: v.name, served: v.served, storage: v.storage, deprecated: v.deprecated,
    ...(v.deprecationWarning !== undefined ? { deprecationWarning: v.deprecationWarning } : {}),
    ...(v.openAPIV3Schema ? { openAPIV3Schema: v.openAPIV3Schema } : {}),
    printerColumns: v.additionalPrinterColumns.map((c) => ({
      name: c.name, type: c.type, jsonPath: c.jsonPath, ...(c.format ? { format: c.format } : {}),
      ...(c.description ? { description: c.description } : {}), ...(c.priority ? { priority: c.priority } : {}),
    })),
    selectableFields: v.selectableFields,
    subresources: { status: v.subresources?.status === true, ...(v.subresources?.scale ? { scale: v.subresources.scale } : {}) },
  }));
}

/** The value at a simple JSONPath (`.spec.color`), printed like a field selector value (fmt.Sprint). */
function pathValue(obj: KubeObject, jsonPath: string): string {
  let current: unknown = obj;
  for (const part of jsonPath.slice(1).split('.')) current = isPlainObject(current) ? current[part] : undefined;
  if (current === undefined || current === null) return '';
  if (typeof current === 'string') return current;
  return typeof current === 'number' || typeof current === 'boolean' ? String(current) : JSON.stringify(current);
}

function nonMetadata(obj: KubeObject): string {
  const { metadata: _m, ...rest } = obj;
  return stableStringify(rest);
}

class CustomResourceStrategy implements ResourceStrategy {
  readonly selectableFields: Readonly<Record<string, (obj: KubeObject) => string | undefined>>;
  readonly #schemas: ReadonlyMap<string, ResourceSchema>;
  readonly #convert: ConvertFn;
  readonly #view: CrdView;

  constructor(view: CrdView, deps: CustomResourceDeps) {
    this.#view = view;
    this.#schemas = new Map(view.versions.map((v) => [v.name, new ResourceSchema(v.openAPIV3Schema)]));
    this.#convert = createConverter({ ...(view.conversion ? { conversion: view.conversion } : {}), ...deps });
    const paths = new Set(view.versions.flatMap((v) => v.selectableFields));
    this.selectableFields = Object.fromEntries([...paths].map((p) => [p.slice(1), (obj: KubeObject) => pathValue(obj, p)]));
  }

  #schema(obj: KubeObject): ResourceSchema | undefined {
    return this.#schemas.get(parseApiVersion(obj.apiVersion ?? '').version);
  }

  /** The request decode of kube's unstructured schema coercer, then the version's defaults. */
  #decodeRequest(obj: KubeObject): void {
    const schema = this.#schema(obj);
    if (!schema) return;
    try {
      schema.coerceRequest(obj);
    } catch (error) {
      if (error instanceof CoercionError) throw badRequest(`${this.#view.names.kind} in version "${parseApiVersion(obj.apiVersion ?? '').version}" cannot be handled as a ${this.#view.names.kind}: ${error.message}`);
      throw error;
    }
    schema.default(obj);
  }

  unknownFields(obj: KubeObject): string[] {
    try {
      return this.#schema(obj)?.coerceRequest(structuredClone(obj)) ?? [];
    } catch (error) {
      if (error instanceof CoercionError) return [];
      throw error;
    }
  }

  prepareForCreate(obj: KubeObject): void {
    if (this.#view.deleting) {
      const gr = { group: this.#view.group, resource: this.#view.names.plural };
      throw forbidden(gr, obj.metadata?.name ?? '', 'create not allowed while custom resource definition is terminating');
    }
    this.#decodeRequest(obj);
  }

  prepareForUpdate(obj: KubeObject): void {
    this.#decodeRequest(obj);
  }

  validate(obj: KubeObject): FieldError[] {
    return this.#schema(obj)?.validate(obj) ?? [];
  }

  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return this.#schema(obj)?.validate(obj, old) ?? [];
  }

  validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return this.#schema(obj)?.validateStatus(obj, old) ?? [];
  }

  /** Custom resources count every change outside metadata (status included when it is not a subresource). */
  specChanged(obj: KubeObject, old: KubeObject): boolean {
    return nonMetadata(obj) !== nonMetadata(old);
  }

  /** A pruned and defaulted copy: the stored object may be shared (watch fan-out decodes an event once). */
  normalizeStored(obj: KubeObject): KubeObject {
    const schema = this.#schema(obj);
    if (!schema) return obj;
    const copy = structuredClone(obj);
    schema.coerceStored(copy);
    schema.default(copy);
    return copy;
  }

  async convert(obj: KubeObject, apiVersion: string): Promise<KubeObject> {
    let converted: KubeObject;
    try {
      converted = await this.#convert(obj, apiVersion);
    } catch (error) {
      if (error instanceof ConversionError) throw unknownError(error.message);
      throw error;
    }
    const schema = this.#schemas.get(parseApiVersion(apiVersion).version);
    if (schema && converted !== obj) schema.coerceStored(converted);
    return converted;
  }
}

/** The type a CRD defines, or undefined while it serves nothing (not yet named, or malformed). */
export function customResourceType(crd: KubeObject, deps: CustomResourceDeps): ResourceType | undefined {
  const view = crdView(crd);
  const servable = conditionTrue(view, 'NamesAccepted') || conditionTrue(view, 'Established');
  if (!servable || view.versions.length === 0 || view.group === '') return undefined;
  const names = view.acceptedNames.plural !== '' ? view.acceptedNames : view.names;
  const versions = versionInfo(view);
  return {
    group: view.group,
    // Schema and printer columns on the served versions too: OpenAPI, explain, SSA and Table output read them there.
    versions: versions.map(({ name, served, storage, openAPIV3Schema, printerColumns }) => ({
      name, served, storage, printerColumns, ...(openAPIV3Schema ? { schema: openAPIV3Schema } : {}),
    })),
    names: {
      plural: names.plural, singular: names.singular || names.kind.toLowerCase(), kind: names.kind,
      listKind: names.listKind || `${names.kind}List`, shortNames: names.shortNames, categories: names.categories,
    },
    namespaced: view.scope !== 'Cluster',
    verbs: ALL_VERBS,
    subresources: { status: view.versions.some((v) => v.subresources?.status === true) },
    tracksGeneration: true,
    allowUnconditionalUpdate: false,
    deleteReturnsObject: true,
    origin: { kind: 'crd', crdName: view.name },
    customResource: {
      crdName: view.name, crdUid: crd.metadata?.uid ?? '', generation: crd.metadata?.generation ?? 0, terminating: view.deleting, versions,
    },
    strategy: new CustomResourceStrategy(view, deps),
  };
}
