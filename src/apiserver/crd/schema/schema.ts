/**
 * A CRD's `openAPIV3Schema` as the API server uses it: one tree that serves as the structural
 * schema (properties, items, additionalProperties, defaults and the `x-kubernetes-*`
 * extensions drive pruning, defaulting and metadata handling) and as the value validator's
 * schema (kube-openapi's `spec.Schema`, which the apiextensions server converts the
 * JSONSchemaProps into). Unknown keys of the input are ignored here; CRD validation rejects
 * what is not allowed.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';

/** One node of a schema. */
export interface Schema {
  /** `[type]`, `['integer', 'string']` for `x-kubernetes-int-or-string`, or empty. */
  readonly type: readonly string[];
  /** The `type` keyword as written (empty when absent). */
  readonly declaredType: string;
  readonly nullable: boolean;
  readonly format: string;
  readonly maximum?: number;
  readonly exclusiveMaximum: boolean;
  readonly minimum?: number;
  readonly exclusiveMinimum: boolean;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern: string;
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly uniqueItems: boolean;
  readonly multipleOf?: number;
  readonly enum?: readonly unknown[];
  readonly maxProperties?: number;
  readonly minProperties?: number;
  readonly required: readonly string[];
  /** Properties in the order written (kube iterates a Go map; we keep a stable order). */
  readonly properties?: ReadonlyMap<string, Schema>;
  /** `true`/`false`, or the schema of every other key. */
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly allOf: readonly Schema[];
  readonly anyOf: readonly Schema[];
  readonly oneOf: readonly Schema[];
  readonly not?: Schema;
  /** Present (even as `null` in the input, which kube treats as absent) when a default is set. */
  readonly default?: unknown;
  readonly hasDefault: boolean;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly intOrString: boolean;
  readonly listType?: string;
  readonly listMapKeys: readonly string[];
  readonly mapType?: string;
  /** The JSON the node was built from (CRD validation and OpenAPI publishing read it). */
  readonly raw: Readonly<Record<string, unknown>>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const schemas = (v: unknown): Schema[] => (Array.isArray(v) ? v.filter(isPlainObject).map(parseSchema) : []);

function typeOf(raw: Record<string, unknown>): { type: string[]; declaredType: string } {
  const declaredType = typeof raw.type === 'string' ? raw.type : '';
  if (raw['x-kubernetes-int-or-string'] === true) return { type: ['integer', 'string'], declaredType };
  return { type: declaredType === '' ? [] : [declaredType], declaredType };
}

function propertiesOf(raw: Record<string, unknown>): Map<string, Schema> | undefined {
  if (!isPlainObject(raw.properties)) return undefined;
  const out = new Map<string, Schema>();
  for (const [key, value] of Object.entries(raw.properties)) if (isPlainObject(value)) out.set(key, parseSchema(value));
  return out.size > 0 ? out : undefined;
}

function additionalOf(raw: Record<string, unknown>): boolean | Schema | undefined {
  const value = raw.additionalProperties;
  if (typeof value === 'boolean') return value;
  return isPlainObject(value) ? parseSchema(value) : undefined;
}

function extensionsOf(raw: Record<string, unknown>): Pick<Schema, 'preserveUnknownFields' | 'embeddedResource' | 'intOrString' | 'listType' | 'listMapKeys' | 'mapType'> {
  return {
    preserveUnknownFields: raw['x-kubernetes-preserve-unknown-fields'] === true,
    embeddedResource: raw['x-kubernetes-embedded-resource'] === true,
    intOrString: raw['x-kubernetes-int-or-string'] === true,
    ...(typeof raw['x-kubernetes-list-type'] === 'string' ? { listType: raw['x-kubernetes-list-type'] } : {}),
    listMapKeys: strings(raw['x-kubernetes-list-map-keys']),
    ...(typeof raw['x-kubernetes-map-type'] === 'string' ? { mapType: raw['x-kubernetes-map-type'] } : {}),
  };
}

function boundsOf(raw: Record<string, unknown>): Partial<Schema> {
  const out: Record<string, number> = {};
  for (const key of ['maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'multipleOf', 'maxProperties', 'minProperties']) {
    const value = num(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Builds the schema tree of a JSONSchemaProps object. */
export function parseSchema(raw: Readonly<Record<string, unknown>>): Schema {
  const hasDefault = raw.default !== undefined && raw.default !== null;
  const items = isPlainObject(raw.items) ? parseSchema(raw.items) : undefined;
  const properties = propertiesOf(raw);
  const additionalProperties = additionalOf(raw);
  return {
    ...typeOf(raw),
    ...boundsOf(raw),
    nullable: raw.nullable === true,
    format: typeof raw.format === 'string' ? raw.format : '',
    exclusiveMaximum: raw.exclusiveMaximum === true,
    exclusiveMinimum: raw.exclusiveMinimum === true,
    pattern: typeof raw.pattern === 'string' ? raw.pattern : '',
    uniqueItems: raw.uniqueItems === true,
    ...(Array.isArray(raw.enum) ? { enum: raw.enum as unknown[] } : {}),
    required: strings(raw.required),
    ...(properties ? { properties } : {}),
    ...(additionalProperties !== undefined ? { additionalProperties } : {}),
    ...(items ? { items } : {}),
    allOf: schemas(raw.allOf),
    anyOf: schemas(raw.anyOf),
    oneOf: schemas(raw.oneOf),
    ...(isPlainObject(raw.not) ? { not: parseSchema(raw.not) } : {}),
    ...(hasDefault ? { default: raw.default } : {}),
    hasDefault,
    ...extensionsOf(raw),
    raw,
  };
}

/** The schema that applies to `key` of an object described by `s` (a property, else additionalProperties). */
export function fieldSchema(s: Schema | undefined, key: string): Schema | undefined {
  if (!s) return undefined;
  const prop = s.properties?.get(key);
  if (prop) return prop;
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** A copy of a schema with `embeddedResource` set (how kube treats the resource root). */
export function asResourceRoot(s: Schema | undefined): Schema {
  const base = s ?? parseSchema({});
  return base.embeddedResource ? base : { ...base, embeddedResource: true };
}
