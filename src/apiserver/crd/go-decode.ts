/**
 * Decoding JSON the way kube-apiserver decodes a typed object into Go structs: fields unknown
 * to the type disappear, a mistyped field fails with Go's json error
 * (`json: cannot unmarshal number into Go struct field JSONSchemaProps.spec.versions.schema.openAPIV3Schema.type of type string`),
 * and re-encoding writes fields in declaration order with non-`omitempty` zero values. Used for
 * CustomResourceDefinition objects, whose Go types are described in {@link ./crd-go-types.ts}.
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';
import { decodeGoBase64 } from '../registry/builtin/go-decode.js';

/** A Go type, as much as JSON decoding needs. */
export type GoType =
  | { readonly kind: 'string' | 'bool' | 'int32' | 'int64' | 'float64' | 'json' | 'time' | 'bytes' | 'emptyStruct' | 'rawObject' }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: () => Readonly<Record<string, GoField>> }
  | { readonly kind: 'slice' | 'map' | 'ptr'; readonly of: GoType }
  /** `*JSONSchemaPropsOrArray` / `*JSONSchemaPropsOrBool`: an object, or an array / a boolean. */
  | { readonly kind: 'orArray' | 'orBool'; readonly of: GoType };

export interface GoField {
  readonly type: GoType;
  readonly omitempty: boolean;
}

/** Shorthands for type tables. */
export const go = {
  string: { kind: 'string' } as GoType,
  bool: { kind: 'bool' } as GoType,
  int32: { kind: 'int32' } as GoType,
  int64: { kind: 'int64' } as GoType,
  float64: { kind: 'float64' } as GoType,
  json: { kind: 'json' } as GoType,
  time: { kind: 'time' } as GoType,
  bytes: { kind: 'bytes' } as GoType,
  emptyStruct: { kind: 'emptyStruct' } as GoType,
  rawObject: { kind: 'rawObject' } as GoType,
  slice: (of: GoType): GoType => ({ kind: 'slice', of }),
  map: (of: GoType): GoType => ({ kind: 'map', of }),
  ptr: (of: GoType): GoType => ({ kind: 'ptr', of }),
  struct: (name: string, fields: () => Readonly<Record<string, GoField>>): GoType => ({ kind: 'struct', name, fields }),
  field: (type: GoType, omitempty = true): GoField => ({ type, omitempty }),
};

/** A value that does not decode into its Go type. */
export class GoDecodeError extends Error {}

interface Context {
  readonly struct: string;
  readonly path: string;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  if (typeof value === 'number') return `number ${String(value)}`;
  return typeof value === 'boolean' ? 'bool' : 'string';
}

function goTypeName(type: GoType): string {
  switch (type.kind) {
    case 'struct': return `v1.${type.name}`;
    case 'slice': return `[]${goTypeName(type.of)}`;
    case 'map': return `map[string]${goTypeName(type.of)}`;
    case 'ptr': return goTypeName(type.of);
    case 'time': return 'v1.Time';
    case 'bytes': return '[]uint8';
    case 'emptyStruct': return 'v1.CustomResourceSubresourceStatus';
    case 'rawObject': return 'map[string]interface {}';
    default: return type.kind;
  }
}

function mismatch(value: unknown, type: GoType, ctx: Context): GoDecodeError {
  const number = typeof value === 'number' && type.kind !== 'float64' ? jsonKind(value) : jsonKind(value).split(' ')[0]!;
  return new GoDecodeError(`json: cannot unmarshal ${number} into Go struct field ${ctx.struct}.${ctx.path} of type ${goTypeName(type)}`);
}

const SCALAR_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  time: (v) => typeof v === 'string',
  bytes: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  int32: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31,
  int64: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63,
  float64: (v) => typeof v === 'number',
};

function decodeScalar(value: unknown, type: GoType, ctx: Context): unknown {
  const check = SCALAR_CHECKS[type.kind];
  if (check && !check(value)) throw mismatch(value, type, ctx);
  if (type.kind === 'bytes') {
    // Go re-encodes a []byte when it writes the object back: kube stores the canonical base64.
    const decoded = decodeGoBase64(value as string);
    if ('corruptAt' in decoded) throw new GoDecodeError(`illegal base64 data at input byte ${decoded.corruptAt}`);
    return decoded.bytes.toString('base64');
  }
  return value;
}

function decodeStruct(value: unknown, type: Extract<GoType, { kind: 'struct' }>, ctx: Context): Record<string, unknown> {
  if (!isPlainObject(value)) throw mismatch(value, type, ctx);
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(type.fields())) {
    const path = ctx.path === '' ? name : `${ctx.path}.${name}`;
    if (name in value && value[name] !== null) {
      const decoded = decodeValue(value[name], field.type, { struct: type.name, path });
      // A pointer is only empty when nil: `minimum: 0` is kept.
      if (!(field.omitempty && field.type.kind !== 'ptr' && isEmpty(decoded))) out[name] = decoded;
    } else if (!field.omitempty || field.type.kind === 'struct') {
      // Go's omitempty never drops a struct value.
      out[name] = zeroValue(field.type);
    }
  }
  return out;
}

function decodeContainer(value: unknown, type: { readonly kind: 'slice' | 'map' | 'ptr'; readonly of: GoType }, ctx: Context): unknown {
  const item = (v: unknown): unknown => (v === null ? zeroValue(type.of) : decodeValue(v, type.of, ctx));
  if (type.kind === 'slice') {
    if (!Array.isArray(value)) throw mismatch(value, type, ctx);
    return value.map(item);
  }
  if (!isPlainObject(value)) throw mismatch(value, type, ctx);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, item(v)]));
}

function decodeObjectLike(value: unknown, type: GoType, ctx: Context): unknown {
  if (!isPlainObject(value)) throw mismatch(value, type, ctx);
  return type.kind === 'emptyStruct' ? {} : value;
}

function decodeValue(value: unknown, type: GoType, ctx: Context): unknown {
  switch (type.kind) {
    case 'struct': return decodeStruct(value, type, ctx);
    case 'ptr': return decodeValue(value, type.of, ctx);
    case 'slice': case 'map': return decodeContainer(value, type, ctx);
    case 'orArray': return Array.isArray(value) ? value.map((v) => decodeValue(v, type.of, ctx)) : decodeValue(value, type.of, ctx);
    case 'orBool': return typeof value === 'boolean' ? value : decodeValue(value, type.of, ctx);
    case 'emptyStruct': case 'rawObject': return decodeObjectLike(value, type, ctx);
    default: return decodeScalar(value, type, ctx);
  }
}

/** Go's `omitempty`: false, 0, "", and empty slices and maps are left out (structs never are). */
function isEmpty(value: unknown): boolean {
  if (value === false || value === 0 || value === '' || value === null || value === undefined) return true;
  return Array.isArray(value) && value.length === 0;
}

function zeroValue(type: GoType): unknown {
  switch (type.kind) {
    case 'string': return '';
    case 'bool': return false;
    case 'int32': case 'int64': case 'float64': return 0;
    case 'struct': return decodeStruct({}, type, { struct: type.name, path: '' });
    case 'emptyStruct': return {};
    default: return null;
  }
}

/**
 * Decodes `value` as the Go struct `type` and re-encodes it; `root` names the struct kube
 * reports in errors. @throws GoDecodeError
 */
export function goDecode(value: unknown, type: GoType): Record<string, unknown> {
  if (type.kind !== 'struct') throw new Error('goDecode needs a struct type');
  return decodeStruct(value, type, { struct: type.name, path: '' });
}
