/**
 * Decoding `application/vnd.kubernetes.protobuf` request bodies into the JSON objects the rest
 * of the server works with. The body is the 4-byte magic `k8s\0` followed by a
 * `runtime.Unknown` envelope (typeMeta, raw message bytes, contentEncoding, contentType); the
 * raw bytes are decoded with the message of the envelope's apiVersion and kind
 * (`protobuf/messages.ts`).
 *
 * @module
 */
import { badRequest } from '../http/status.js';
import { type FieldDef, type MapType, MESSAGES, type MessageDef, DELETE_OPTIONS, type Scalar } from './messages.js';
import { type WireField, WireError, asSigned, readFields } from './wire.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WireError('a string field is not valid UTF-8');
  }
}

/** metav1.Time/MicroTime: an empty message is the zero time (JSON null); Time keeps seconds only. */
function timestamp(bytes: Uint8Array, micro: boolean): string | null {
  if (bytes.length === 0) return null;
  let seconds = 0;
  let nanos = 0;
  for (const field of readFields(bytes)) {
    if (field.wire !== 'varint') continue;
    if (field.field === 1) seconds = asSigned(field.value);
    if (field.field === 2) nanos = asSigned(field.value);
  }
  const iso = new Date(seconds * 1000).toISOString();
  if (!micro) return iso.replace(/\.\d{3}Z$/, 'Z');
  return `${iso.slice(0, 19)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function varintScalar(type: 'bool' | 'int32' | 'int64', field: WireField): unknown {
  if (field.wire !== 'varint') throw new WireError(`field ${field.field} should be a varint`);
  return type === 'bool' ? field.value !== 0n : asSigned(field.value);
}

function scalar(type: Scalar, field: WireField): unknown {
  if (type === 'bool' || type === 'int32' || type === 'int64') return varintScalar(type, field);
  if (field.wire !== 'bytes') throw new WireError(`field ${field.field} should be length-delimited`);
  switch (type) {
    case 'string': return text(field.value);
    case 'bytes': return Buffer.from(field.value).toString('base64');
    case 'time': return timestamp(field.value, false);
    case 'microtime': return timestamp(field.value, true);
    case 'rawjson': return field.value.length === 0 ? {} : (JSON.parse(text(field.value)) as unknown);
  }
}

function value(type: Scalar | MessageDef, field: WireField): unknown {
  if (typeof type === 'string') return scalar(type, field);
  if (field.wire !== 'bytes') throw new WireError(`field ${field.field} should be a message`);
  return decodeMessage(type, field.value);
}

function mapEntry(type: MapType, field: WireField): [string, unknown] {
  if (field.wire !== 'bytes') throw new WireError(`map field ${field.field} should be length-delimited`);
  let key = '';
  let val: unknown = typeof type.map === 'string' ? (type.map === 'bytes' || type.map === 'string' ? '' : undefined) : {};
  for (const part of readFields(field.value)) {
    if (part.field === 1) key = scalar('string', part) as string;
    if (part.field === 2) val = value(type.map, part);
  }
  return [key, val];
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

function setField(out: Record<string, unknown>, def: FieldDef, field: WireField): void {
  if (typeof def.type === 'object' && 'map' in def.type) {
    const [key, val] = mapEntry(def.type, field);
    ((out[def.name] ??= {}) as Record<string, unknown>)[key] = val;
    return;
  }
  const v = value(def.type, field);
  if (def.repeated) {
    ((out[def.name] ??= []) as unknown[]).push(v);
    return;
  }
  // Go's omitempty drops zero scalars, except pointer fields and Times (creationTimestamp: null).
  if (isZero(v) && !def.keepZero && !(def.type === 'time' && v === null)) delete out[def.name];
  else out[def.name] = v;
}

/** Decodes one message into JSON, skipping unknown fields as protobuf does. */
export function decodeMessage(def: MessageDef, bytes: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of readFields(bytes)) {
    const fieldDef = def.fields[field.field];
    if (fieldDef) setField(out, fieldDef, field);
  }
  return out;
}

/** The envelope: type of the object and its message bytes. */
interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
}

/** runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType. */
const UNKNOWN: MessageDef = {
  fields: {
    1: { name: 'typeMeta', type: { fields: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } } } },
    2: { name: 'raw', type: 'bytes' },
    3: { name: 'contentEncoding', type: 'string' },
  },
};

function unwrap(body: Uint8Array): Envelope {
  if (body.length < 4 || !MAGIC.equals(Buffer.from(body.subarray(0, 4)))) {
    throw new WireError('the body does not start with the Kubernetes protobuf magic number');
  }
  const envelope = decodeMessage(UNKNOWN, body.subarray(4)) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string; contentEncoding?: string };
  if (envelope.contentEncoding) throw new WireError(`unsupported content encoding "${envelope.contentEncoding}"`);
  return { apiVersion: envelope.typeMeta?.apiVersion ?? '', kind: envelope.typeMeta?.kind ?? '', raw: Buffer.from(envelope.raw ?? '', 'base64') };
}

/** True when a protobuf body of `apiVersion`/`kind` can be decoded. */
export function hasProtobufMessage(apiVersion: string, kind: string): boolean {
  return MESSAGES[`${apiVersion}/${kind}`] !== undefined;
}

/**
 * Decodes a Kubernetes protobuf body into a JSON object with `apiVersion` and `kind`.
 * `DeleteOptions` are accepted under any apiVersion.
 * @throws ApiError 400 for malformed bytes or a kind without a message definition.
 */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  try {
    const { apiVersion, kind, raw } = unwrap(body);
    const def = kind === 'DeleteOptions' ? DELETE_OPTIONS : MESSAGES[`${apiVersion}/${kind}`];
    if (!def) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}" in the protobuf serializer`);
    return { kind, apiVersion, ...decodeMessage(def, raw) };
  } catch (error) {
    if (error instanceof WireError || error instanceof SyntaxError) throw badRequest(`unable to decode protobuf body: ${error.message}`);
    throw error;
  }
}
