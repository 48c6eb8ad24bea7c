/**
 * Pruning and defaulting of custom resources with a structural schema (apiextensions'
 * `schema/pruning` and `schema/defaulting`): unknown fields are dropped unless
 * `x-kubernetes-preserve-unknown-fields` keeps them; `apiVersion`, `kind` and `metadata` of a
 * resource root or an `x-kubernetes-embedded-resource` are left to the metadata coercion;
 * non-nullable nulls without a default are dropped; defaults fill absent (or non-nullable null)
 * fields. Objects are changed in place.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import { type Schema, fieldSchema } from './schema.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** Collects the paths of pruned fields (for `fieldValidation=Strict|Warn`). */
class UnknownFields {
  readonly paths: string[] = [];

  record(parent: readonly string[], key: string): void {
    this.paths.push([...parent, key].join('.'));
  }
}

/** Whether the schema specifies `key` (as a property or through additionalProperties). */
function specifies(s: Schema, key: string): boolean {
  return s.properties?.has(key) === true || s.additionalProperties !== undefined;
}

function pruneMap(x: Record<string, unknown>, s: Schema | undefined, path: string[], unknown: UnknownFields): void {
  for (const [key, value] of Object.entries(x)) {
    if (s?.embeddedResource && META_FIELDS.has(key)) continue;
    if (s && specifies(s, key)) {
      prune(value, fieldSchema(s, key), [...path, key], unknown);
      continue;
    }
    // The resource root's apiVersion, kind and metadata are never reported as unknown.
    if (!s || !META_FIELDS.has(key) || path.length > 0) unknown.record(path, key);
    delete x[key];
  }
}

/** Keeps unknown fields but prunes inside the ones the schema specifies. */
function skipPrune(x: unknown, s: Schema, path: string[], unknown: UnknownFields): void {
  if (Array.isArray(x)) {
    if (s.items) x.forEach((item, i) => skipPrune(item, s.items!, [...path, `[${i}]`], unknown));
    return;
  }
  if (!isPlainObject(x)) return;
  for (const [key, value] of Object.entries(x)) {
    if (s.embeddedResource && META_FIELDS.has(key)) continue;
    if (specifies(s, key)) prune(value, fieldSchema(s, key), [...path, key], unknown);
  }
}

function prune(x: unknown, s: Schema | undefined, path: string[], unknown: UnknownFields): void {
  if (s?.preserveUnknownFields) {
    skipPrune(x, s, path, unknown);
    return;
  }
  if (isPlainObject(x)) pruneMap(x, s, path, unknown);
  else if (Array.isArray(x)) x.forEach((item, i) => prune(item, s?.items, [...path, `[${i}]`], unknown));
}

/**
 * Prunes `obj` in place; returns the pruned field paths, sorted. `isResourceRoot` treats the
 * top level as a resource (its apiVersion, kind and metadata are never pruned here).
 */
export function pruneUnknownFields(obj: unknown, s: Schema | undefined, isResourceRoot: boolean): string[] {
  const unknown = new UnknownFields();
  const root = isResourceRoot ? { ...(s ?? emptySchema()), embeddedResource: true } : s;
  prune(obj, root, [], unknown);
  return unknown.paths.map((p) => p.replaceAll('.[', '[')).sort();
}

function emptySchema(): Schema {
  return { type: [], declaredType: '', nullable: false, format: '', exclusiveMaximum: false, exclusiveMinimum: false, pattern: '', uniqueItems: false, required: [], allOf: [], anyOf: [], oneOf: [], hasDefault: false, preserveUnknownFields: false, embeddedResource: false, intOrString: false, listMapKeys: [], raw: {} };
}

/** A null where the schema allows no null and offers no default. */
function droppableNull(value: unknown, s: Schema | undefined): boolean {
  return value === null && s !== undefined && !s.nullable && !s.hasDefault;
}

/** PruneNonNullableNullsWithoutDefaults. */
export function dropNonNullableNulls(x: unknown, s: Schema | undefined): void {
  if (Array.isArray(x)) {
    for (const item of x) dropNonNullableNulls(item, s?.items);
    return;
  }
  if (!isPlainObject(x)) return;
  for (const [key, value] of Object.entries(x)) {
    const sub = fieldSchema(s, key);
    if (droppableNull(value, sub)) delete x[key];
    else dropNonNullableNulls(value, sub);
  }
}

function defaultArray(x: unknown[], s: Schema): void {
  x.forEach((item, i) => {
    if (replacesNull(item, s.items)) x[i] = structuredClone(s.items.default);
    applyDefaults(x[i], s.items);
  });
}

/** A non-nullable null that the schema's default replaces. */
function replacesNull(value: unknown, s: Schema | undefined): s is Schema {
  return value === null && s !== undefined && s.hasDefault && !s.nullable;
}

function defaultObject(x: Record<string, unknown>, s: Schema): void {
  for (const [key, prop] of s.properties ?? []) {
    if (prop.hasDefault && (!(key in x) || replacesNull(x[key], prop))) x[key] = structuredClone(prop.default);
  }
  for (const key of Object.keys(x)) {
    const sub = fieldSchema(s, key);
    if (!s.properties?.has(key) && replacesNull(x[key], sub)) x[key] = structuredClone(sub.default);
    applyDefaults(x[key], sub);
  }
}

/** Applies the schema's defaults in place (structuraldefaulting.Default). */
export function applyDefaults(x: unknown, s: Schema | undefined): void {
  if (!s) return;
  if (Array.isArray(x)) defaultArray(x, s);
  else if (isPlainObject(x)) defaultObject(x, s);
}
