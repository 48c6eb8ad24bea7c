/**
 * Built-in types are Go structs in kube-apiserver: a body whose field has the wrong JSON type,
 * a `[]byte` that is not base64 or a MicroTime in the wrong layout fails while DECODING, with
 * 400 BadRequest `<Kind> in version "<v>" cannot be handled as a <Kind>: <Go's error>`, before
 * any validation. This module checks the typed fields of our built-ins the same way and
 * rewrites them in the canonical form kube stores (base64 re-encoded, MicroTime in UTC with six
 * digits, a null string as ""), since kube stores what it re-encodes, not what it was sent.
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import { type ApiError, badRequest } from '../../http/status.js';
import { decodeGoBase64, parseMicroTime } from './go-decode.js';

/** kube's transformDecodeError for a typed built-in. */
export function decodeError(kind: string, version: string, why: string): ApiError {
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`);
}

/** The JSON kind Go's UnmarshalTypeError names. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** How one typed field decodes: its canonical value, or Go's error text. */
type Decoder = (value: unknown, where: string) => { readonly value: unknown } | { readonly error: string };

const typeError = (value: unknown, where: string, goType: string): { error: string } => ({
  error: `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${where} of type ${goType}`,
});

/** A Go string (or named string type); JSON null decodes to "". */
export const goString = (goType = 'string'): Decoder => (value, where) => {
  if (value === null) return { value: '' };
  return typeof value === 'string' ? { value } : typeError(value, where, goType);
};

/** A Go `*bool`; JSON null leaves it unset. */
export const goBool: Decoder = (value, where) => {
  if (value === null) return { value: undefined };
  return typeof value === 'boolean' ? { value } : typeError(value, where, 'bool');
};

/** A Go `[]byte`: base64 text, re-encoded canonically; null stays null. */
export const goBytes: Decoder = (value, where) => {
  if (value === null) return { value: null };
  if (typeof value !== 'string') return typeError(value, where, '[]uint8');
  const decoded = decodeGoBase64(value);
  return 'bytes' in decoded ? { value: decoded.bytes.toString('base64') } : { error: `illegal base64 data at input byte ${decoded.corruptAt}` };
};

/**
 * metav1.MicroTime: the RFC3339Micro layout, rewritten in UTC. JSON null is the zero time: a
 * `*MicroTime` field (`pointer`) is then left unset, a plain one is written as null.
 */
export const goMicroTime = (pointer: boolean): Decoder => (value, where) => {
  if (value === null) return { value: pointer ? undefined : null };
  if (typeof value !== 'string') return typeError(value, where, 'string');
  const parsed = parseMicroTime(value);
  return 'value' in parsed ? { value: parsed.value } : { error: parsed.error };
};

/** A Go `map[string]T` of one of the decoders above; null leaves it unset. */
export function goMap(element: Decoder, goType: string): Decoder {
  return (value, where) => {
    if (value === null) return { value: undefined };
    if (!isPlainObject(value)) return typeError(value, where, goType);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const decoded = element(item, where);
      if ('error' in decoded) return decoded;
      out[key] = decoded.value;
    }
    return { value: out };
  };
}

/** A Go slice `[]T`; null leaves it unset. */
export function goList(element: Decoder, goType: string): Decoder {
  return (value, where) => {
    if (value === null) return { value: undefined };
    if (!Array.isArray(value)) return typeError(value, where, goType);
    const out: unknown[] = [];
    for (const item of value) {
      const decoded = element(item, where);
      if ('error' in decoded) return decoded;
      out.push(decoded.value);
    }
    return { value: out };
  };
}

/** A typed field of a built-in: its JSON path, the Go struct field name errors use, its decoder. */
export interface TypedField {
  /** Path of the field in the object, e.g. `['spec', 'renewTime']`. */
  readonly path: readonly string[];
  /** Go's `<Struct>.<json path>` for error messages, e.g. `LeaseSpec.spec.renewTime`. */
  readonly goField: string;
  readonly decode: Decoder;
}

/**
 * Decodes the typed fields of `obj` in place, in document order like Go (the first failure is
 * reported). @throws ApiError 400 with kube's decode message
 */
export function decodeTypedFields(obj: KubeObject, fields: readonly TypedField[], kind: string, version: string): void {
  const present = fields
    .map((f) => ({ f, parent: parentOf(obj, f.path) }))
    .filter((x) => x.parent !== undefined && x.f.path[x.f.path.length - 1]! in x.parent)
    .sort((a, b) => documentOrder(obj, a.f.path, b.f.path));
  for (const { f, parent } of present) {
    const key = f.path[f.path.length - 1]!;
    const decoded = f.decode(parent![key], f.goField);
    if ('error' in decoded) throw decodeError(kind, version, decoded.error);
    if (decoded.value === undefined) delete parent![key];
    else parent![key] = decoded.value;
  }
}

function parentOf(obj: KubeObject, path: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = obj;
  for (const key of path.slice(0, -1)) node = isPlainObject(node) ? node[key] : undefined;
  return isPlainObject(node) ? node : undefined;
}

/** Compares two field paths by where they appear in `obj`'s key order (JSON document order). */
function documentOrder(obj: KubeObject, a: readonly string[], b: readonly string[]): number {
  let node: unknown = obj;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const keys = isPlainObject(node) ? Object.keys(node) : [];
      return keys.indexOf(a[i]!) - keys.indexOf(b[i]!);
    }
    node = isPlainObject(node) ? node[a[i]!] : undefined;
  }
  return a.length - b.length;
}
