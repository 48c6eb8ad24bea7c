/**
 * `metadata` of custom resources and of `x-kubernetes-embedded-resource` values, as
 * apiextensions' `schema/objectmeta` treats them: metadata is decoded into an ObjectMeta (so
 * unknown metadata fields disappear and mistyped ones fail with Go's json error, or are dropped
 * when reading old data), embedded resources need a string apiVersion and kind and valid
 * metadata.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { validateObjectMeta } from '../../storage/metadata.js';
import { goBadValue } from './go-format.js';
import type { Schema } from './schema.js';

type Shape = 'string' | 'int64' | 'time' | 'stringMap' | 'strings' | 'ownerReferences' | 'managedFields';

/** ObjectMeta's JSON fields and their Go types. */
const OBJECT_META: Readonly<Record<string, Shape>> = {
  name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string',
  generation: 'int64', creationTimestamp: 'time', deletionTimestamp: 'time', deletionGracePeriodSeconds: 'int64',
  labels: 'stringMap', annotations: 'stringMap', ownerReferences: 'ownerReferences', finalizers: 'strings', managedFields: 'managedFields',
};

const GO_TYPES: Readonly<Record<Shape, string>> = {
  string: 'string', int64: 'int64', time: 'v1.Time', stringMap: 'map[string]string', strings: '[]string',
  ownerReferences: '[]v1.OwnerReference', managedFields: '[]v1.ManagedFieldsEntry',
};

const OWNER_REFERENCE: Readonly<Record<string, 'string' | 'bool'>> = {
  apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool',
};

/** Go's name for the JSON kind of a value in unmarshal errors. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : 'string';
}

function unmarshalError(value: unknown, struct: string, field: string, goType: string): string {
  return `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${field} of type ${goType}`;
}

function ownerReferencesError(value: unknown[]): string | undefined {
  for (const ref of value) {
    if (ref === null) continue;
    if (!isPlainObject(ref)) return unmarshalError(ref, 'ObjectMeta', 'ownerReferences', 'v1.OwnerReference');
    for (const [key, type] of Object.entries(OWNER_REFERENCE)) {
      const v = ref[key];
      if (v === undefined || v === null || (type === 'bool' ? typeof v === 'boolean' : typeof v === 'string')) continue;
      return unmarshalError(v, 'OwnerReference', `ownerReferences.${key}`, type);
    }
  }
  return undefined;
}

const stringMapProblem = (value: unknown, field: string): string | undefined => {
  if (!isPlainObject(value)) return unmarshalError(value, 'ObjectMeta', field, GO_TYPES.stringMap);
  const bad = Object.values(value).find((v) => typeof v !== 'string' && v !== null);
  return bad === undefined ? undefined : unmarshalError(bad, 'ObjectMeta', field, 'string');
};

/** Per shape: whether a value decodes (true), or the error text of its own. */
const SHAPE_CHECKS: Readonly<Record<Shape, (value: unknown, field: string) => boolean | string | undefined>> = {
  string: (v) => typeof v === 'string',
  int64: (v) => Number.isInteger(v),
  time: (v) => typeof v === 'string' && (v === '' || !Number.isNaN(Date.parse(v))),
  stringMap: (v, field) => stringMapProblem(v, field) ?? true,
  strings: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string' || x === null),
  ownerReferences: (v) => Array.isArray(v) && (ownerReferencesError(v) ?? true),
  managedFields: (v) => Array.isArray(v) && v.every((x) => isPlainObject(x) || x === null),
};

/** Why `value` cannot be decoded into the ObjectMeta field `field`, or undefined. */
function fieldError(field: string, shape: Shape, value: unknown): string | undefined {
  if (value === null) return undefined;
  const verdict = SHAPE_CHECKS[shape](value, field);
  if (typeof verdict === 'string') return verdict;
  return verdict ? undefined : unmarshalError(value, 'ObjectMeta', field, GO_TYPES[shape]);
}

/** The outcome of decoding a `metadata` value. */
export interface CoercedMeta {
  /** The metadata with only ObjectMeta's fields (undefined when `metadata` was absent or null). */
  readonly meta?: Record<string, unknown>;
  /** Go's json error when a field does not decode and invalid fields are not dropped. */
  readonly error?: string;
  /** `metadata.<field>` paths of unknown fields (for strict field validation). */
  readonly unknownFields: readonly string[];
}

/** Decodes `metadata` like GetObjectMetaWithOptions; `dropInvalid` drops mistyped fields instead of failing. */
export function coerceObjectMeta(metadata: unknown, dropInvalid: boolean, parentPath = ''): CoercedMeta {
  if (metadata === undefined || metadata === null) return { unknownFields: [] };
  if (!isPlainObject(metadata)) return dropInvalid ? { meta: {}, unknownFields: [] } : { error: `json: cannot unmarshal ${jsonKind(metadata)} into Go value of type v1.ObjectMeta`, unknownFields: [] };
  return decodeMetaFields(metadata, dropInvalid, parentPath === '' ? 'metadata' : `${parentPath}.metadata`);
}

function decodeMetaFields(metadata: Record<string, unknown>, dropInvalid: boolean, prefix: string): CoercedMeta {
  const meta: Record<string, unknown> = {};
  const unknownFields: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    const shape = OBJECT_META[key];
    if (!shape) {
      unknownFields.push(`${prefix}.${key}`);
      continue;
    }
    const problem = fieldError(key, shape, value);
    if (problem && !dropInvalid) return { error: problem, unknownFields };
    if (!problem && value !== null) meta[key] = value;
  }
  return { meta, unknownFields };
}

const PATH_SEGMENT_PROBLEMS: readonly [test: (name: string) => boolean, message: string][] = [
  [(n) => n === '.', "may not be '.'"], [(n) => n === '..', "may not be '..'"], [(n) => n.includes('/'), "may not contain '/'"], [(n) => n.includes('%'), "may not contain '%'"],
];

function embeddedTypeErrors(x: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['apiVersion', 'kind']) {
    const value = x[key];
    const field = `${path}.${key}`;
    if (!(key in x)) errors.push({ type: 'FieldValueRequired', field, message: 'Required value' });
    else if (typeof value !== 'string') errors.push({ type: 'FieldValueInvalid', field, message: `Invalid value: ${goBadValue(value)}: must be a string` });
    else if (value === '') errors.push({ type: 'FieldValueInvalid', field, message: 'Invalid value: "": must not be empty' });
  }
  return errors;
}

/** validateEmbeddedResource: apiVersion and kind, and the embedded metadata as ObjectMeta (names are path segments). */
function embeddedResourceErrors(x: Record<string, unknown>, path: string): FieldError[] {
  const errors = embeddedTypeErrors(x, path);
  if (!isPlainObject(x.metadata)) return errors;
  const meta = { ...(coerceObjectMeta(x.metadata, true).meta ?? {}) };
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : 'fakename';
  for (const [test, message] of PATH_SEGMENT_PROBLEMS) {
    if (test(name)) errors.push({ type: 'FieldValueInvalid', field: `${path}.metadata.name`, message: `Invalid value: ${goBadValue(name)}: ${message}` });
  }
  const rest = validateObjectMeta({ ...meta, name: 'fakename' }, 'subdomain').filter((e) => e.field !== 'metadata.name');
  return [...errors, ...rest.map((e) => ({ ...e, field: `${path}.${e.field}` }))];
}

/** Validates every embedded resource under `x` (objectmeta.Validate with isResourceRoot false). */
export function validateEmbeddedResources(x: unknown, s: Schema | undefined, path = ''): FieldError[] {
  if (!s) return [];
  const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(x)) return x.flatMap((item, i) => validateEmbeddedResources(item, s.items, `${path}[${i}]`));
  if (!isPlainObject(x)) return [];
  const errors = s.embeddedResource ? embeddedResourceErrors(x, path) : [];
  for (const [key, value] of Object.entries(x)) {
    const prop = s.properties?.get(key);
    if (prop) errors.push(...validateEmbeddedResources(value, prop, join(key)));
    else if (typeof s.additionalProperties === 'object') errors.push(...validateEmbeddedResources(value, s.additionalProperties, `${path}[${key}]`));
  }
  return errors;
}

/**
 * Coerces embedded resources under `x` in place (objectmeta.Coerce with isResourceRoot false):
 * their metadata is reduced to ObjectMeta fields. Returns a field error text for a mistyped
 * apiVersion, kind or metadata unless `dropInvalid`.
 */
export function coerceEmbeddedResources(x: unknown, s: Schema | undefined, options: { dropInvalid: boolean; path?: string }): string | undefined {
  if (!s) return undefined;
  const path = options.path ?? '';
  if (Array.isArray(x)) return firstProblem(x.map((item, i) => () => coerceEmbeddedResources(item, s.items, { ...options, path: `${path}[${i}]` })));
  if (!isPlainObject(x)) return undefined;
  const own = s.embeddedResource ? coerceEmbeddedMeta(x, path, options.dropInvalid) : undefined;
  return own ?? firstProblem(Object.entries(x).map(([key, value]) => () => {
    const sub = s.properties?.get(key) ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    return coerceEmbeddedResources(value, sub, { ...options, path: path === '' ? key : `${path}.${key}` });
  }));
}

function firstProblem(steps: readonly (() => string | undefined)[]): string | undefined {
  for (const step of steps) {
    const problem = step();
    if (problem) return problem;
  }
  return undefined;
}

function coerceEmbeddedMeta(x: Record<string, unknown>, path: string, dropInvalid: boolean): string | undefined {
  for (const key of ['apiVersion', 'kind']) {
    if (!(key in x) || typeof x[key] === 'string') continue;
    if (dropInvalid) delete x[key];
    else return `${path}.${key}: Invalid value: ${goBadValue(x[key])}: must be a string`;
  }
  if (!('metadata' in x)) return undefined;
  const coerced = coerceObjectMeta(x.metadata, dropInvalid);
  if (coerced.error) return `${path}.metadata: Invalid value: ${goBadValue(x.metadata)}: ${coerced.error}`;
  if (coerced.meta) {
    const { creationTimestamp, ...rest } = coerced.meta;
    x.metadata = creationTimestamp ? { ...rest, creationTimestamp } : rest;
  }
  return undefined;
}
