/**
 * `x-kubernetes-list-type: set|map` invariants (apiextensions' `schema/listtype`): a set has no
 * duplicate items, a map list no two items with the same `x-kubernetes-list-map-keys` values.
 * Each repeat is a `Duplicate value` error on the first index that repeats a value.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { goBadValue, goJson } from './go-format.js';
import type { Schema } from './schema.js';

/** Indices of the second occurrence of each repeated value (validateListSet). */
function repeatedIndices(values: readonly unknown[]): number[] {
  const seen = new Map<string, number>();
  const repeats: number[] = [];
  values.forEach((v, i) => {
    const key = typeof v === 'object' && v !== null ? `c:${goJson(v)}` : `s:${typeof v}:${String(v)}`;
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 1) repeats.push(i);
  });
  return repeats;
}

function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${goBadValue(value)}` };
}

const UNSPECIFIED = Symbol('unspecified');

function mapListErrors(s: Schema, list: readonly unknown[], path: string): FieldError[] {
  const bad = list.findIndex((x) => x !== null && !isPlainObject(x));
  if (bad >= 0) return [{ type: 'FieldValueInvalid', field: `${path}[${bad}]`, message: `Invalid value: ${goBadValue(list[bad])}: must be an object for an array of list-type map` }];
  if (list.length <= 1) return [];
  if (s.listMapKeys.length === 1) {
    const keyField = s.listMapKeys[0]!;
    const keys = list.map((x) => (isPlainObject(x) && keyField in x ? x[keyField] : UNSPECIFIED));
    const comparable = keys.map((k) => (k === UNSPECIFIED ? { [UNSPECIFIED.toString()]: true } : k));
    return repeatedIndices(comparable).map((i) => duplicate(`${path}[${i}]`, keys[i] === UNSPECIFIED ? {} : { [keyField]: keys[i] }));
  }
  const keys = list.map((x) => {
    const key: Record<string, unknown> = {};
    if (isPlainObject(x)) for (const k of s.listMapKeys) if (k in x) key[k] = x[k];
    return key;
  });
  return repeatedIndices(keys).map((i) => duplicate(`${path}[${i}]`, keys[i]));
}

function arrayErrors(s: Schema, list: readonly unknown[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (s.listType === 'set') errors.push(...repeatedIndices(list).map((i) => duplicate(`${path}[${i}]`, list[i])));
  else if (s.listType === 'map') errors.push(...mapListErrors(s, list, path));
  if (s.items) list.forEach((item, i) => errors.push(...listTypeErrors(item, s.items, `${path}[${i}]`)));
  return errors;
}

/** Validates list-type invariants of `x` against `s` (ValidateListSetsAndMaps). */
export function listTypeErrors(x: unknown, s: Schema | undefined, path = ''): FieldError[] {
  if (!s) return [];
  if (Array.isArray(x)) return arrayErrors(s, x, path);
  if (!isPlainObject(x)) return [];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(x)) {
    const prop = s.properties?.get(key);
    if (prop) errors.push(...listTypeErrors(value, prop, path === '' ? key : `${path}.${key}`));
    else if (typeof s.additionalProperties === 'object') errors.push(...listTypeErrors(value, s.additionalProperties, `${path}[${key}]`));
  }
  return errors;
}
