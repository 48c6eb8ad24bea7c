/**
 * Small constructors for writing the built-in OpenAPI schemas legibly, and the `$ref`
 * resolution every schema walker uses (built-in schemas reference shared definitions such as
 * ObjectMeta by name, as kube-apiserver's OpenAPI documents do).
 *
 * @module
 */
import type { JsonSchema } from './types.js';

const REF_PREFIX = '#/components/schemas/';

/** A reference to the named definition. With a description it is wrapped in `allOf`, as kube does. */
export function ref(name: string, description?: string): JsonSchema {
  const pointer = { $ref: `${REF_PREFIX}${name}` };
  return description === undefined ? pointer : { description, allOf: [pointer] };
}

/** The definition name a `$ref` (direct, or the single entry of an `allOf`) points to. */
export function refName(schema: JsonSchema): string | undefined {
  const direct = schema.$ref;
  if (typeof direct === 'string' && direct.startsWith(REF_PREFIX)) return direct.slice(REF_PREFIX.length);
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1) return refName(allOf[0] as JsonSchema);
  return undefined;
}

export const str = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', description, ...extra });
export const int32 = (description: string): JsonSchema => ({ type: 'integer', format: 'int32', description });
export const int64 = (description: string): JsonSchema => ({ type: 'integer', format: 'int64', description });
export const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
export const time = (description: string): JsonSchema => ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time', description);
export const microTime = (description: string): JsonSchema => ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', description);

/** An object with declared properties. */
export function obj(description: string, properties: Record<string, JsonSchema>, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { description, type: 'object', properties, ...extra };
}

/** A map with string keys. */
export function map(description: string, values: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { description, type: 'object', additionalProperties: values, ...extra };
}

/** An array; `extra` carries list-type and patch-strategy extensions. */
export function arr(description: string, items: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { description, type: 'array', items, ...extra };
}

/** Any JSON value (kube's untyped fields such as a JSONSchemaProps `default`). */
export const anyValue = (description: string): JsonSchema => ({ description, 'x-kubernetes-preserve-unknown-fields': true });

/** The GVK extension on a kind's definition (a list, as kube writes it). */
export function gvk(group: string, version: string, kind: string): Partial<JsonSchema> {
  return { 'x-kubernetes-group-version-kind': [{ group, version, kind }] };
}

/** The properties every top-level kind shares. */
export function kindProperties(): Record<string, JsonSchema> {
  return {
    apiVersion: str('The versioned schema of this representation of an object. Servers convert recognized schemas to the latest internal value.'),
    kind: str('The REST resource this object represents, in CamelCase. Cannot be updated.'),
    metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', "Standard object's metadata."),
  };
}

/** Definitions by name, for resolving references. */
export type Definitions = Readonly<Record<string, JsonSchema>>;

/** Follows `$ref`s (and single-`allOf` wrappers) to the schema they name; other schemas are returned as they are. */
export function resolve(schema: JsonSchema | undefined, definitions: Definitions): JsonSchema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    const name = refName(current);
    if (name === undefined) return current;
    current = definitions[name];
  }
  return current;
}

/** Every definition name reachable from `schema` (for putting only what a document needs into it). */
export function referencedDefinitions(schema: JsonSchema, definitions: Definitions, into = new Set<string>()): Set<string> {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const name = refName(value as JsonSchema);
    if (name !== undefined && !into.has(name) && definitions[name]) {
      into.add(name);
      visit(definitions[name]);
    }
    Object.values(value).forEach(visit);
  };
  visit(schema);
  return into;
}
