/**
 * A small DER reader and writer: enough ASN.1 for X.509 certificates, PKCS#1/#8/SEC1 keys and
 * PKCS#12 files, written the way Go's encoding/asn1 and cryptobyte write them (definite
 * lengths, minimal integers, DER booleans). The reader is strict where Go is strict (lengths
 * must fit, integers must be minimal) so a malformed input fails as it does in Go.
 *
 * @module
 */

/** Thrown for input that is not the DER structure expected. `message` reads like Go's asn1 errors. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

/** Universal tag numbers used here. */
export const TAG = {
  boolean: 1, integer: 2, bitString: 3, octetString: 4, null: 5, oid: 6, utf8String: 12, sequence: 16, set: 17,
  printableString: 19, ia5String: 22, utcTime: 23, generalizedTime: 24, bmpString: 30,
} as const;

/** One TLV. `tag` is the tag number, `cls` 0 universal, 1 application, 2 context-specific, 3 private. */
export interface Der {
  readonly cls: number;
  readonly constructed: boolean;
  readonly tag: number;
  /** The contents octets. */
  readonly body: Uint8Array;
  /** The whole element (header and contents). */
  readonly raw: Uint8Array;
}

const truncated = (): never => {
  throw new DerError('asn1: syntax error: data truncated');
};

/** The identifier octets at `pos`: tag number and the position after them. */
function readTag(buf: Uint8Array, pos: number): { tag: number; pos: number } {
  let tag = buf[pos++]! & 0x1f;
  if (tag !== 0x1f) return { tag, pos };
  tag = 0;
  for (;;) {
    if (pos >= buf.length) truncated();
    const b = buf[pos++]!;
    tag = tag * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return { tag, pos };
  }
}

/** The length octets at `pos` (definite, minimal, as DER requires). */
function readLength(buf: Uint8Array, pos: number): { len: number; pos: number } {
  if (pos >= buf.length) truncated();
  const first = buf[pos++]!;
  if ((first & 0x80) === 0) return { len: first, pos };
  const n = first & 0x7f;
  if (n === 0) throw new DerError('asn1: syntax error: indefinite length found (not DER)');
  if (pos + n > buf.length) truncated();
  if (buf[pos] === 0) throw new DerError('asn1: structure error: superfluous leading zeros in length');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  if (len < 128) throw new DerError('asn1: structure error: non-minimal length');
  return { len, pos };
}

/** Reads the TLV at `at`; throws DerError("data truncated") like Go when it does not fit. */
export function readTlv(buf: Uint8Array, at = 0): Der {
  if (at >= buf.length) throw new DerError('asn1: syntax error: sequence truncated');
  if (at + 2 > buf.length) throw new DerError('asn1: syntax error: truncated tag or length');
  const first = buf[at]!;
  const { tag, pos: afterTag } = readTag(buf, at);
  const { len, pos } = readLength(buf, afterTag);
  if (pos + len > buf.length) truncated();
  return { cls: first >> 6, constructed: (first & 0x20) !== 0, tag, body: buf.subarray(pos, pos + len), raw: buf.subarray(at, pos + len) };
}

/**
 * encoding/asn1's message when the element at the start of `buf` is not the expected tag:
 * `tags don't match (16 vs {class:… tag:… length:… isCompound:…}) {…params…} NAME @OFFSET`.
 */
export function tagMismatch(buf: Uint8Array, expected: number, structName: string): string {
  const first = buf[0]!;
  let pos = 1;
  let len = buf[pos++] ?? 0;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[pos++] ?? 0);
  }
  const params = '{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}';
  return `asn1: structure error: tags don't match (${expected} vs {class:${first >> 6} tag:${first & 0x1f} length:${len} isCompound:${(first & 0x20) !== 0}}) ${params} ${structName} @${pos}`;
}

/** The elements inside a constructed element (or a whole buffer of consecutive elements). */
export function children(body: Uint8Array): Der[] {
  const out: Der[] = [];
  for (let at = 0; at < body.length;) {
    const d = readTlv(body, at);
    out.push(d);
    at += d.raw.length;
  }
  return out;
}

/** Reads exactly one element that fills `buf` (Go's unmarshal with a trailing-data check). */
export function readOne(buf: Uint8Array, trailing = 'asn1: syntax error: trailing data'): Der {
  const d = readTlv(buf, 0);
  if (d.raw.length !== buf.length) throw new DerError(trailing);
  return d;
}

/** True when `d` is the universal element with tag number `tag`. */
export const isUniversal = (d: Der | undefined, tag: number): d is Der => d !== undefined && d.cls === 0 && d.tag === tag;

/** `d` must be the universal element `tag`; otherwise a Go-like "tags don't match" error. */
export function expect(d: Der | undefined, tag: number, what: string): Der {
  if (d === undefined) throw new DerError(`asn1: syntax error: sequence truncated`);
  if (d.cls !== 0 || d.tag !== tag) throw new DerError(`asn1: structure error: tags don't match (${tag} vs {class:${d.cls} tag:${d.tag} length:${d.body.length} isCompound:${d.constructed}}) ${what}`);
  return d;
}

/** An INTEGER's value (two's complement, big-endian). */
export function intValue(d: Der): bigint {
  const b = d.body;
  if (b.length === 0) throw new DerError('asn1: syntax error: empty integer');
  if (b.length > 1 && ((b[0] === 0 && (b[1]! & 0x80) === 0) || (b[0] === 0xff && (b[1]! & 0x80) !== 0))) throw new DerError('asn1: structure error: integer not minimally-encoded');
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return b[0]! & 0x80 ? v - (1n << BigInt(b.length * 8)) : v;
}

/** An OBJECT IDENTIFIER as dotted text. */
export function oidText(d: Der): string {
  const parts: number[] = [];
  let v = 0;
  for (const b of d.body) {
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

// --- writer ---

function lengthBytes(n: number): number[] {
  if (n < 128) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

/** A TLV from its identifier octet and contents. */
export function tlv(identifier: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(parts);
  return concat([Uint8Array.from([identifier, ...lengthBytes(body.length)]), body]);
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(0x31, ...parts);
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const nullValue = (): Uint8Array => Uint8Array.from([0x05, 0x00]);
export const bool = (v: boolean): Uint8Array => Uint8Array.from([0x01, 0x01, v ? 0xff : 0x00]);
/** `[n] EXPLICIT` around an element. */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);
/** A BIT STRING with `unused` trailing bits in the last byte. */
export const bitString = (b: Uint8Array, unused = 0): Uint8Array => tlv(0x03, Uint8Array.from([unused]), b);

/** A minimal two's complement INTEGER. */
export function integer(v: bigint | number): Uint8Array {
  const n = BigInt(v);
  let len = 1;
  while (n < -(1n << BigInt(8 * len - 1)) || n >= 1n << BigInt(8 * len - 1)) len++;
  const bytes = new Uint8Array(len);
  let x = BigInt.asUintN(8 * len, n);
  for (let i = len - 1; i >= 0; i--) {
    bytes[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return tlv(0x02, bytes);
}

/** An unsigned big-endian magnitude as an INTEGER (leading zero added when the top bit is set). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  return (m[0]! & 0x80) !== 0 ? tlv(0x02, Uint8Array.of(0), m) : tlv(0x02, m);
}

/** An OBJECT IDENTIFIER from dotted text. */
export function oid(text: string): Uint8Array {
  const arcs = text.split('.').map(Number);
  const out: number[] = [];
  const push = (v: number): void => {
    const chunk = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
    out.push(...chunk);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Uint8Array.from(out));
}
