/**
 * The OpenAPI checks of CRD schemas (apiextensions' ValidateCustomResourceDefinitionOpenAPISchema
 * and specStandardValidatorV3): unsupported keywords, defaults where they cannot be pruned,
 * list and map type extensions, and the root restrictions of `validateCustomResourceDefinitionValidation`.
 * `x-kubernetes-validations` rules are checked for shape only: CEL is not evaluated.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { GoStructJson } from '../schema/go-format.js';
import { fe } from './dns.js';
import { schemaProps } from './internal-json.js';

type Json = Readonly<Record<string, unknown>>;

const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const obj = (v: unknown): Json | undefined => (isPlainObject(v) ? v : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const typeOf = (s: Json | undefined): string => (s && typeof s.type === 'string' ? s.type : '');
const present = (v: unknown): boolean => v !== undefined && v !== null;

/** specStandardValidatorV3's state while descending. */
interface Context {
  readonly allowDefaults: boolean;
  readonly defaultsReason: string;
  readonly insideResourceMeta: boolean;
}

const UNSUPPORTED: readonly [key: string, detail: string, isSet: (v: unknown) => boolean][] = [
  ['id', 'id is not supported', (v) => typeof v === 'string' && v !== ''],
  ['additionalItems', 'additionalItems is not supported', present],
  ['patternProperties', 'patternProperties is not supported', (v) => isPlainObject(v) && Object.keys(v).length > 0],
  ['definitions', 'definitions is not supported', (v) => isPlainObject(v) && Object.keys(v).length > 0],
  ['dependencies', 'dependencies is not supported', present],
  ['$ref', '$ref is not supported', present],
];

function typeErrors(s: Json, path: string): FieldError[] {
  const type = typeOf(s);
  const errors = type !== '' && !OPENAPI_TYPES.includes(type) ? [fe.notSupported(`${path}.type`, type, OPENAPI_TYPES)] : [];
  return errors;
}

/** specStandardValidatorV3.validate. */
function standardErrors(s: Json, path: string, ctx: Context): FieldError[] {
  const errors = typeErrors(s, path);
  if (present(s.default) && !ctx.allowDefaults) errors.push(fe.forbidden(`${path}.default`, `must not be set${ctx.defaultsReason ? ` ${ctx.defaultsReason}` : ''}`));
  for (const [key, detail, isSet] of UNSUPPORTED) if (isSet(s[key])) errors.push(fe.forbidden(`${path}.${key}`, detail));
  if (typeOf(s) === 'null') errors.push(fe.forbidden(`${path}.type`, 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length > 0) errors.push(fe.forbidden(`${path}.items`, 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'] === true) errors.push(fe.forbidden(`${path}.x-kubernetes-embedded-resource`, 'must not be used inside of resource meta'));
  return errors;
}

function typeRequirement(s: Json, path: string, wanted: string, extension: string): FieldError {
  const detail = `must be ${wanted} if ${extension} is specified`;
  return typeOf(s) === '' ? fe.required(`${path}.type`, detail) : fe.invalid(`${path}.type`, typeOf(s), detail);
}

function setItemErrors(s: Json, path: string): FieldError[] {
  const items = obj(s.items);
  if (!items) return [];
  const detail = 'must be atomic as item of a list with x-kubernetes-list-type=set';
  if (typeOf(items) === 'array' && present(items['x-kubernetes-list-type']) && items['x-kubernetes-list-type'] !== 'atomic') {
    return [fe.invalid(`${path}.items.x-kubernetes-list-type`, items['x-kubernetes-list-type'], detail)];
  }
  // kube reports the item's list type (nil here) as the bad value.
  if (typeOf(items) === 'object' && items['x-kubernetes-map-type'] !== 'atomic') return [fe.invalid(`${path}.items.x-kubernetes-map-type`, items['x-kubernetes-list-type'] ?? null, detail)];
  return [];
}

function mapKeyErrors(s: Json, items: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as unknown[]) : [];
  const itemProps = obj(items.properties) ?? {};
  keys.forEach((k, i) => {
    const prop = obj(itemProps[String(k)]);
    if (prop && (typeOf(prop) === 'array' || typeOf(prop) === 'object')) {
      errors.push(fe.invalid(`${path}.items.properties[${String(k)}].type`, typeOf(items), "must be a scalar type if parent array's x-kubernetes-list-type is map"));
    } else if (!prop) errors.push(fe.invalid(`${path}.x-kubernetes-list-map-keys`, keys, 'entries must all be names of item properties'));
    if (keys.indexOf(k) !== i) errors.push(fe.invalid(`${path}.x-kubernetes-list-map-keys`, keys, 'must not contain duplicate entries'));
  });
  return errors;
}

function mapListErrors(s: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const keys = s['x-kubernetes-list-map-keys'];
  if (!Array.isArray(keys) || keys.length === 0) errors.push(fe.required(`${path}.x-kubernetes-list-map-keys`, 'must not be empty if x-kubernetes-list-type is map'));
  const items = obj(s.items);
  if (!present(s.items)) errors.push(fe.required(`${path}.items`, 'must have a schema if x-kubernetes-list-type is map'));
  if (!items) return errors;
  if (typeOf(items) !== 'object') errors.push(fe.invalid(`${path}.items.type`, typeOf(items), "must be object if parent array's x-kubernetes-list-type is map"));
  else errors.push(...mapKeyErrors(s, items, path));
  return errors;
}

function listTypeErrors(s: Json, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const listType = s['x-kubernetes-list-type'];
  if (present(listType) && typeOf(s) !== 'array') errors.push(typeRequirement(s, path, 'array', 'x-kubernetes-list-type'));
  else if (listType === 'set') errors.push(...setItemErrors(s, path));
  if (present(listType) && !['atomic', 'set', 'map'].includes(String(listType))) errors.push(fe.notSupported(`${path}.x-kubernetes-list-type`, listType, ['atomic', 'set', 'map']));
  const keys = s['x-kubernetes-list-map-keys'];
  if (Array.isArray(keys) && keys.length > 0) {
    if (!present(listType)) errors.push(fe.required(`${path}.x-kubernetes-list-type`, 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errors.push(fe.invalid(`${path}.x-kubernetes-list-type`, listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') errors.push(...mapListErrors(s, path));
  return errors;
}

function mapTypeErrors(s: Json, path: string): FieldError[] {
  const mapType = s['x-kubernetes-map-type'];
  if (!present(mapType)) return [];
  const errors = typeOf(s) === 'object' ? [] : [typeRequirement(s, path, 'object', 'x-kubernetes-map-type')];
  if (mapType !== 'atomic' && mapType !== 'granular') errors.push(fe.notSupported(`${path}.x-kubernetes-map-type`, mapType, ['atomic', 'granular']));
  return errors;
}

function mapKeyNullability(items: Json, keys: readonly unknown[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const required = Array.isArray(items.required) ? items.required : [];
  for (const k of keys) {
    const prop = obj(obj(items.properties)?.[String(k)]);
    if (!prop) continue;
    const at = `${path}.items.properties[${String(k)}]`;
    if (!required.includes(k) && !present(prop.default)) errors.push(fe.required(`${at}.default`, 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
    if (prop.nullable === true) errors.push(fe.forbidden(`${at}.nullable`, 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
  }
  return errors;
}

/** validateMapListKeysMapSet: items of set/map lists and map keys are not nullable; map keys are required or defaulted. */
function mapSetKeyErrors(s: Json, path: string): FieldError[] {
  const items = obj(s.items);
  const listType = s['x-kubernetes-list-type'];
  if (!items || (listType !== 'set' && listType !== 'map')) return [];
  const errors: FieldError[] = [];
  if (items.nullable === true) errors.push(fe.forbidden(`${path}.items.nullable`, `cannot be nullable when x-kubernetes-list-type is ${String(listType)}`));
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
  return listType === 'map' ? [...errors, ...mapKeyNullability(items, keys, path)] : errors;
}

function validationRuleErrors(s: Json, path: string): FieldError[] {
  return list(s['x-kubernetes-validations']).flatMap((rule, i) => {
    const at = `${path}.x-kubernetes-validations[${i}]`;
    const text = typeof rule.rule === 'string' ? rule.rule.trim() : '';
    if (text === '') return [fe.required(`${at}.rule`, 'rule is not specified')];
    const message = typeof rule.message === 'string' ? rule.message : '';
    if (message !== '' && message.trim() === '') return [fe.invalid(`${at}.message`, message, 'must be non-empty if specified')];
    if (/[\n\r]/.test(message.trim())) return [fe.invalid(`${at}.message`, message, 'must not contain line breaks')];
    if (/[\n\r]/.test(text) && message.trim() === '') return [fe.required(`${at}.message`, 'message must be specified if rule contains line breaks')];
    return [];
  });
}

function additionalPropertiesErrors(s: Json, path: string, ctx: Context): FieldError[] {
  const additional = s.additionalProperties;
  if (!present(additional)) return [];
  const errors: FieldError[] = [];
  const hasProps = Object.keys(obj(s.properties) ?? {}).length > 0;
  if (hasProps && (additional === false || isPlainObject(additional))) errors.push(fe.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, defaultsReason: 'inside additionalProperties applying to object metadata' } : ctx;
  if (isPlainObject(additional)) errors.push(...openApiChecks(additional, `${path}.additionalProperties`, sub, false));
  return errors;
}

/** The context for a property: resource metadata at the root or of an embedded resource is special. */
function propertyContext(s: Json, key: string, ctx: Context, isRoot: boolean): Context {
  if (!(isRoot || s['x-kubernetes-embedded-resource'] === true) || !META_FIELDS.has(key)) return ctx;
  return { ...ctx, insideResourceMeta: true, ...(isRoot ? { allowDefaults: false, defaultsReason: `in top-level ${key}` } : {}) };
}

function childErrors(s: Json, path: string, ctx: Context, isRoot: boolean): FieldError[] {
  const errors = additionalPropertiesErrors(s, path, ctx);
  for (const [key, value] of Object.entries(obj(s.properties) ?? {})) {
    if (isPlainObject(value)) errors.push(...openApiChecks(value, `${path}.properties[${key}]`, propertyContext(s, key, ctx, isRoot), false));
  }
  const not = obj(s.not);
  if (not) errors.push(...openApiChecks(not, `${path}.not`, ctx, false));
  for (const key of ['allOf', 'oneOf', 'anyOf']) list(s[key]).forEach((n, i) => errors.push(...openApiChecks(n, `${path}.${key}[${i}]`, ctx, false)));
  const items = obj(s.items);
  if (items) errors.push(...openApiChecks(items, `${path}.items`, ctx, false));
  return errors;
}

/** ValidateCustomResourceDefinitionOpenAPISchema for one node and everything below it. */
export function openApiChecks(s: Json, path: string, ctx: Context, isRoot: boolean): FieldError[] {
  const errors = standardErrors(s, path, ctx);
  if (s.uniqueItems === true) errors.push(fe.forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  errors.push(...childErrors(s, path, ctx, isRoot));
  if (s['x-kubernetes-preserve-unknown-fields'] === false) errors.push(fe.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined'));
  errors.push(...mapTypeErrors(s, path), ...listTypeErrors(s, path), ...mapSetKeyErrors(s, path), ...validationRuleErrors(s, path));
  return errors;
}

/** Root fields allowed with a status subresource, in the order of the internal JSONSchemaProps. */
const ALLOWED_AT_ROOT = [
  'Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength', 'MinLength', 'Pattern',
  'MaxItems', 'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties', 'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations',
];

function isZero(v: unknown): boolean {
  return v === null || v === '' || v === false;
}

/** With a status subresource the root may only use fields that survive extracting `properties[status]`. */
export function statusRootErrors(schema: Json, path: string): FieldError[] {
  const internal = schemaProps(schema);
  for (const [goName, value] of Object.entries(internal)) {
    if (isZero(value)) continue;
    if (goName === 'Type') {
      if (value !== 'object') return [fe.invalid(`${path}.openAPIV3Schema.type`, value, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled')];
      continue;
    }
    if (!ALLOWED_AT_ROOT.includes(goName)) {
      return [fe.invalid(`${path}.openAPIV3Schema`, new GoStructJson(internal), `only [${ALLOWED_AT_ROOT.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}
