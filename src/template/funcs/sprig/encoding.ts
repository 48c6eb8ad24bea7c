/**
 * sprig's base64 and base32 decoding (b64dec, b32enc, b32dec; b64enc is in strings.ts), ported
 * from Go's encoding/base64 and encoding/base32 so that malformed input fails at the same byte
 * offset. Like sprig, the decoders return the error text as their result:
 * `b64dec "!!"` is `illegal base64 data at input byte 0`.
 *
 * @module
 */
import { utf8Bytes } from '../../fmt/strconv.js';
import { defineFunc, type FuncDef } from '../registry.js';
import { fromBytes, toBytes } from './gostring.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i;
  return map;
}

const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);
const PAD = 0x3d;
const isNewline = (c: number): boolean => c === 0x0a || c === 0x0d;

/** A CorruptInputError carrying Go's byte offset. */
class CorruptInput extends Error {
  constructor(readonly offset: number, kind: string) {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

/** After "=" at quantum position j: checks the rest of the padding; returns the next index. */
function b64Padding(src: Uint8Array, at: number, j: number): number {
  let si = at;
  if (j < 2) throw new CorruptInput(si - 1, 'base64');
  if (j === 2) {
    while (si < src.length && isNewline(src[si]!)) si++;
    if (si === src.length) throw new CorruptInput(src.length, 'base64');
    if (src[si] !== PAD) throw new CorruptInput(si - 1, 'base64');
    si++;
  }
  while (si < src.length && isNewline(src[si]!)) si++;
  if (si < src.length) throw new CorruptInput(si, 'base64');
  return si;
}

/** base64.StdEncoding.DecodeString (newlines ignored, padding required, not strict). */
function base64Decode(src: Uint8Array): number[] {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const buf = [0, 0, 0, 0];
    let len = 4;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return out;
        throw new CorruptInput(si - j, 'base64');
      }
      const c = src[si++]!;
      const v = B64_MAP[c]!;
      if (v >= 0) {
        buf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== PAD) throw new CorruptInput(si - 1, 'base64');
      si = b64Padding(src, si, j);
      len = j;
      break;
    }
    const val = (buf[0]! << 18) | (buf[1]! << 12) | (buf[2]! << 6) | buf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, len - 1));
  }
  return out;
}

/** At a "=" after `j` characters of a quantum (the "=" consumed, `si` past it): validates the padding. */
function checkB32Padding(src: Uint8Array, si: number, j: number): void {
  const left = src.length - si;
  if (left + j < 7) throw new CorruptInput(src.length, 'base32');
  for (let k = 0; k < 7 - j; k++) {
    if (left > k && src[si + k] !== PAD) throw new CorruptInput(si + k - 1, 'base32');
  }
  // 1, 3 and 6 characters cannot carry whole bytes (RFC 4648 §6).
  if (j === 1 || j === 3 || j === 6) throw new CorruptInput(si - 1, 'base32');
}

/** One 8-character base32 quantum starting at `at`; returns [values, count, next index, end]. */
function base32Quantum(src: Uint8Array, at: number): [number[], number, number, boolean] {
  const buf = [0, 0, 0, 0, 0, 0, 0, 0];
  let si = at;
  for (let j = 0; j < 8; ) {
    if (si === src.length) throw new CorruptInput(si - j, 'base32');
    const c = src[si++]!;
    const left = src.length - si;
    if (c === PAD && j >= 2 && left < 8) {
      checkB32Padding(src, si, j);
      return [buf, j, si, true];
    }
    const v = B32_MAP[c]!;
    if (v < 0) throw new CorruptInput(si - 1, 'base32');
    buf[j++] = v;
  }
  return [buf, 8, si, false];
}

/** Bytes produced by a quantum of `count` characters (RFC 4648 §6). */
const B32_BYTES: Readonly<Record<number, number>> = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 };

/** base32.StdEncoding.DecodeString: newlines are stripped first, then padding is required. */
function base32Decode(raw: Uint8Array): number[] {
  const src = raw.filter((c) => !isNewline(c));
  const out: number[] = [];
  let si = 0;
  let end = false;
  while (si < src.length && !end) {
    const [d, count, next, done] = base32Quantum(src, si);
    si = next;
    end = done;
    let bits = 0n;
    for (const v of d) bits = (bits << 5n) | BigInt(v);
    const bytes: number[] = [];
    for (let k = 4; k >= 0; k--) bytes.push(Number((bits >> BigInt(8 * k)) & 0xffn));
    out.push(...bytes.slice(0, B32_BYTES[count] ?? 0));
  }
  return out;
}

/** Runs a decoder; the decoded bytes as text, or the error text as sprig returns it. */
function decodeToText(s: string, decode: (b: Uint8Array) => number[]): string {
  try {
    return fromBytes(Buffer.from(decode(Buffer.from(toBytes(s), 'latin1'))).toString('latin1'));
  } catch (e) {
    if (e instanceof CorruptInput) return e.message;
    throw e;
  }
}

/** base32.StdEncoding.EncodeToString. */
function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
  }
  return out;
}

/** Encoding functions. */
export const encodingFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'b64dec', params: ['string'], result: 'string', impl: (_ctx, s) => decodeToText(s, base64Decode) }),
  defineFunc({ name: 'b32enc', params: ['string'], result: 'string', impl: (_ctx, s) => base32Encode(utf8Bytes(s)) }),
  defineFunc({ name: 'b32dec', params: ['string'], result: 'string', impl: (_ctx, s) => decodeToText(s, base32Decode) }),
];
