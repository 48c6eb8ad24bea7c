/**
 * Structural schema rules of CRD schemas (apiextensions' `schema/validation.go` and
 * `complete.go`: ValidateStructural), and validation of `default` values (defaulting's
 * ValidateDefaults: they must be pruned and valid). Works on the JSONSchemaProps JSON.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { issuesToFieldErrors } from '../schema/field-errors.js';
import { pruneUnknownFields } from '../schema/prune.js';
import { parseSchema } from '../schema/schema.js';
import { compilePattern, validateAgainstSchema } from '../schema/validator.js';
import { fe } from './dns.js';

type Json = Readonly<Record<string, unknown>>;
type Level = 'root' | 'item' | 'field';

const obj = (v: unknown): Json | undefined => (isPlainObject(v) ? v : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const props = (s: Json): [string, Json][] => Object.entries(obj(s.properties) ?? {}).filter((e): e is [string, Json] => isPlainObject(e[1]));
const typeOf = (s: Json | undefined): string => (s && typeof s.type === 'string' ? s.type : '');

const isType = (s: Json, t: string): boolean => Object.keys(s).length === 1 && s.type === t;
const isIntOrStringAnyOf = (s: Json): boolean => {
  const anyOf = list(s.anyOf);
  return anyOf.length === 2 && isType(anyOf[0]!, 'integer') && isType(anyOf[1]!, 'string');
};
const isIntOrStringAllOf = (s: Json): boolean => {
  const first = list(s.allOf)[0];
  return first !== undefined && isIntOrStringAnyOf(first);
};

const NESTED_FORBIDDEN: readonly [key: string, present: (v: unknown) => boolean, detail: string][] = [
  ['type', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['default', (v) => v !== undefined && v !== null, 'must be undefined to be structural'],
  ['title', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['description', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['nullable', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-int-or-string', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', (v) => Array.isArray(v) && v.length > 0, 'must be empty to be structural'],
  ['x-kubernetes-list-type', (v) => v !== undefined && v !== null, 'must be undefined to be structural'],
  ['x-kubernetes-map-type', (v) => v !== undefined && v !== null, 'must be undefined to be structural'],
  ['x-kubernetes-validations', (v) => Array.isArray(v) && v.length > 0, 'must be empty to be structural'],
];

/** A value validation under allOf/anyOf/oneOf/not: only value constraints are allowed. */
function nestedValueValidation(v: Json, skipAnyOf: boolean, path: string): FieldError[] {
  const errors = valueValidation(v, skipAnyOf, false, path);
  const items = obj(v.items);
  if (items) errors.push(...nestedValueValidation(items, false, `${path}.items`));
  for (const [k, p] of props(v)) errors.push(...nestedValueValidation(p, false, `${path}.properties[${k}]`));
  for (const [key, present, detail] of NESTED_FORBIDDEN) {
    if (key === 'default' && present(v[key])) errors.push(fe.forbidden(`${path}.default`, detail));
    else if (present(v[key])) errors.push(fe.forbidden(`${path}.${key}`, detail));
  }
  if (v.additionalProperties === true || isPlainObject(v.additionalProperties)) errors.push(fe.forbidden(`${path}.additionalProperties`, 'must be undefined to be structural'));
  if (obj(v.properties)?.metadata !== undefined) errors.push(fe.forbidden(`${path}.properties[metadata]`, 'must not be specified in a nested context'));
  return errors;
}

function valueValidation(v: Json, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!skipAnyOf) list(v.anyOf).forEach((n, i) => errors.push(...nestedValueValidation(n, false, `${path}.anyOf[${i}]`)));
  list(v.allOf).forEach((n, i) => errors.push(...nestedValueValidation(n, skipFirstAllOfAnyOf && i === 0, `${path}.allOf[${i}]`)));
  list(v.oneOf).forEach((n, i) => errors.push(...nestedValueValidation(n, false, `${path}.oneOf[${i}]`)));
  const not = obj(v.not);
  if (not) errors.push(...nestedValueValidation(not, false, `${path}.not`));
  if (typeof v.pattern === 'string' && v.pattern !== '') {
    const re = compilePattern(v.pattern);
    if (re instanceof Error) errors.push(fe.invalid(`${path}.pattern`, v.pattern, `must be a valid regular expression, but isn't: ${re.message}`));
  }
  return errors;
}

const EMPTY_TYPE_DETAIL: Readonly<Record<Level, string>> = {
  root: 'must not be empty at the root', item: 'must not be empty for specified array items', field: 'must not be empty for specified object fields',
};

function typeErrors(s: Json, level: Level, path: string): FieldError[] {
  const type = typeOf(s);
  if (s['x-kubernetes-embedded-resource'] === true && type !== 'object') {
    return [type === '' ? fe.required(`${path}.type`, 'must be object if x-kubernetes-embedded-resource is true') : fe.invalid(`${path}.type`, type, 'must be object if x-kubernetes-embedded-resource is true')];
  }
  if (type === '' && s['x-kubernetes-int-or-string'] !== true && s['x-kubernetes-preserve-unknown-fields'] !== true) return [fe.required(`${path}.type`, EMPTY_TYPE_DETAIL[level])];
  return [];
}

/** metadata at the root may only constrain name and generateName. */
function metadataErrors(metadata: Json, checkMetadata: boolean, level: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (checkMetadata && typeOf(metadata) !== 'object') errors.push(fe.invalid(`${path}.type`, typeOf(metadata), 'must be object'));
  if (level !== 'root') return errors;
  const names = props(metadata).map(([k]) => k);
  const onlyNames = names.every((k) => k === 'name' || k === 'generateName');
  const rest = Object.keys(metadata).filter((k) => !['type', 'default', 'properties'].includes(k));
  if (!onlyNames || rest.length > 0) errors.push(fe.forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  return errors;
}

function typeMetaErrors(s: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['kind', 'apiVersion']) {
    const sub = obj(obj(s.properties)?.[key]);
    if (sub && typeOf(sub) !== 'string') errors.push(fe.invalid(`${path}.properties[${key}].type`, typeOf(sub), 'must be string'));
  }
  return errors;
}

function extensionErrors(s: Json, path: string): FieldError[] {
  if (s['x-kubernetes-int-or-string'] !== true) return [];
  const errors: FieldError[] = [];
  if (s['x-kubernetes-preserve-unknown-fields'] === true) errors.push(fe.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, true, 'must be false if x-kubernetes-int-or-string is true'));
  if (s['x-kubernetes-embedded-resource'] === true) errors.push(fe.invalid(`${path}.x-kubernetes-embedded-resource`, true, 'must be false if x-kubernetes-int-or-string is true'));
  return errors;
}

function childrenErrors(s: Json, level: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const items = obj(s.items);
  if (typeOf(s) === 'array' && !items) errors.push(fe.required(`${path}.items`, 'must be specified'));
  if (items) errors.push(...invariants(items, 'item', `${path}.items`));
  for (const [k, p] of props(s)) errors.push(...invariants(p, 'field', `${path}.properties[${k}]`));
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (level === 'root') errors.push(fe.forbidden(`${path}.additionalProperties`, 'must not be used at the root'));
    const additional = obj(s.additionalProperties);
    if (additional) errors.push(...invariants(additional, 'field', `${path}.additionalProperties`));
  }
  return errors;
}

function embeddedErrors(s: Json, path: string): FieldError[] {
  if (s['x-kubernetes-embedded-resource'] !== true) return [];
  const errors: FieldError[] = [];
  if (s.additionalProperties !== undefined) errors.push(fe.forbidden(`${path}.additionalProperties`, 'must not be used if x-kubernetes-embedded-resource is set'));
  if (s['x-kubernetes-preserve-unknown-fields'] !== true && props(s).length === 0) {
    errors.push(fe.required(`${path}.properties`, 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errors;
}

function invariants(s: Json, level: Level, path: string): FieldError[] {
  const checkMetadata = level === 'root' || s['x-kubernetes-embedded-resource'] === true;
  const errors = [...childrenErrors(s, level, path), ...extensionErrors(s, path)];
  errors.push(...valueValidation(s, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), path), ...typeErrors(s, level, path));
  if (level === 'root' && typeOf(s) !== '' && typeOf(s) !== 'object') errors.push(fe.invalid(`${path}.type`, typeOf(s), 'must be object at the root'));
  if (checkMetadata) errors.push(...typeMetaErrors(s, path));
  const metadata = obj(obj(s.properties)?.metadata);
  if (metadata) errors.push(...metadataErrors(metadata, checkMetadata, level, `${path}.properties[metadata]`));
  return [...errors, ...embeddedErrors(s, path)];
}

/** Every field a value validation names must exist in the structural schema too. */
function nestedCompleteness(v: Json, s: Json | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [fe.required(sPath, `because it is defined in ${vPath}`)];
  const errors = completeness(v, s, sPath, vPath);
  const items = obj(v.items);
  if (items) errors.push(...nestedCompleteness(items, obj(s.items), `${sPath}.items`, `${vPath}.items`));
  for (const [k, p] of props(v)) {
    const sub = obj(obj(s.properties)?.[k]);
    if (!sub) errors.push(fe.required(`${sPath}.properties[${k}]`, `because it is defined in ${vPath}.properties[${k}]`));
    else errors.push(...nestedCompleteness(p, sub, `${sPath}.properties[${k}]`, `${vPath}.properties[${k}]`));
  }
  return errors;
}

function completeness(v: Json, s: Json, sPath: string, vPath: string): FieldError[] {
  const errors: FieldError[] = [];
  const not = obj(v.not);
  if (not) errors.push(...nestedCompleteness(not, s, sPath, `${vPath}.not`));
  for (const key of ['allOf', 'anyOf', 'oneOf']) list(v[key]).forEach((n, i) => errors.push(...nestedCompleteness(n, s, sPath, `${vPath}.${key}[${i}]`)));
  return errors;
}

/** ValidateStructural: invariants and completeness, sorted by their text as kube does. */
export function validateStructural(schema: Json, path: string): FieldError[] {
  const errors = [...invariants(schema, 'root', path), ...completeness(schema, schema, path, path)];
  return errors.sort((a, b) => {
    const [x, y] = [`${a.field}: ${a.message}`, `${b.field}: ${b.message}`];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const META_KEYS = new Set(['metadata', 'apiVersion', 'kind']);

function defaultErrors(s: Json, path: string, isResourceRoot: boolean): FieldError[] {
  const value = s.default;
  if (value === undefined || value === null) return [];
  const errors: FieldError[] = [];
  const pruned = structuredClone(value);
  pruneUnknownFields(pruned, parseSchema(s), isResourceRoot);
  if (JSON.stringify(pruned) !== JSON.stringify(value)) errors.push(fe.invalid(`${path}.default`, value, 'must not have unknown fields'));
  errors.push(...issuesToFieldErrors(validateAgainstSchema(parseSchema(s), value), `${path}.default`));
  return errors;
}

/** ValidateDefaults: every default (outside resource metadata) is pruned and valid against its own schema. */
export function validateDefaults(s: Json, path: string, insideMeta = false, isRoot = true): FieldError[] {
  const embedded = s['x-kubernetes-embedded-resource'] === true || isRoot;
  const errors = insideMeta && !embedded ? [] : defaultErrors(s, path, s['x-kubernetes-embedded-resource'] === true);
  const items = obj(s.items);
  if (items) errors.push(...validateDefaults(items, `${path}.items`, embedded ? false : insideMeta, false));
  for (const [k, p] of props(s)) errors.push(...validateDefaults(p, `${path}.properties[${k}]`, embedded ? META_KEYS.has(k) : insideMeta, false));
  return errors;
}
