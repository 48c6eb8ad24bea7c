/**
 * Go's encoding/pem (Decode's block search as of Go 1.26, Encode's 64-column lines) and
 * encoding/base64's StdEncoding decoder with Go's exact error positions
 * (`illegal base64 data at input byte N`).
 *
 * @module
 */
import { goString } from '../../fmt/gostring.js';

/** A decoded PEM block. */
export interface PemBlock {
  readonly type: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly bytes: Uint8Array;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < B64.length; i++) DECODE[B64.charCodeAt(i)] = i;
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

/** base64.StdEncoding.DecodeString: the bytes, or Go's CorruptInputError text. */
export function decodeBase64(src: Uint8Array): { bytes: Uint8Array; error?: string } {
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const q = decodeQuantum(src, si);
    out.push(...q.bytes);
    if (q.error !== undefined) return { bytes: Uint8Array.from(out), error: `illegal base64 data at input byte ${q.error}` };
    if (q.done) return { bytes: Uint8Array.from(out) };
    si = q.si;
  }
}

/** One 4-character quantum of Go's decoder (newlines skipped, padding checked). */
// eslint-disable-next-line complexity -- a transcription of base64's decodeQuantum
function decodeQuantum(src: Uint8Array, start: number): { si: number; bytes: number[]; error?: number; done: boolean } {
  const dbuf = [0, 0, 0, 0];
  let si = start;
  let dlen = 4;
  let error: number | undefined;
  let done = false;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) {
      if (j === 0) return { si, bytes: [], done: true };
      return { si, bytes: [], error: si - j, done: true };
    }
    const c = src[si++]!;
    const v = DECODE[c]!;
    if (v >= 0) {
      dbuf[j] = v;
      continue;
    }
    if (isNewline(c)) {
      j--;
      continue;
    }
    if (c !== 0x3d || j < 2) return { si, bytes: [], error: si - 1, done: true };
    if (j === 2) {
      while (si < src.length && isNewline(src[si])) si++;
      if (si === src.length) return { si, bytes: [], error: src.length, done: true };
      if (src[si] !== 0x3d) return { si, bytes: [], error: si - 1, done: true };
      si++;
    }
    while (si < src.length && isNewline(src[si])) si++;
    if (si < src.length) error = si;
    dlen = j;
    done = true;
    break;
  }
  const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
  const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff].slice(0, dlen - 1);
  return { si, bytes, ...(error === undefined ? {} : { error }), done };
}

// --- pem.Decode ---

const enc = new TextEncoder();
const PEM_END = enc.encode('\n-----END ');
const PEM_BEGIN = enc.encode('-----BEGIN ');
const DASHES = enc.encode('-----');

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(needle), from);
}
function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).lastIndexOf(Buffer.from(needle));
}
const startsWith = (a: Uint8Array, p: Uint8Array): boolean => a.length >= p.length && p.every((b, i) => a[i] === b);
const endsWith = (a: Uint8Array, s: Uint8Array): boolean => a.length >= s.length && s.every((b, i) => a[a.length - s.length + i] === b);
/** PEM type and header text keep their bytes (as Go strings do). */
const text = (b: Uint8Array): string => goString(b);

/** pem's getLine: the line without its CR LF and trailing blanks, the rest, and bytes consumed. */
function getLine(data: Uint8Array): { line: Uint8Array; rest: Uint8Array; consumed: number } {
  let i = data.indexOf(0x0a);
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === 0x0d) i--;
  }
  let end = i;
  while (end > 0 && (data[end - 1] === 0x20 || data[end - 1] === 0x09)) end--;
  return { line: data.subarray(0, end), rest: data.subarray(j), consumed: j };
}

const trimSpace = (s: string): string => s.replace(/^[\s\x85\xa0]+|[\s\x85\xa0]+$/g, '');

/**
 * pem.Decode: the first well-formed block and the input after it, or `block: undefined` and the
 * whole input. Blocks start and end at line boundaries; malformed candidates are skipped.
 */
// eslint-disable-next-line complexity -- a transcription of pem.Decode's search loop
export function decodePem(data: Uint8Array): { block?: PemBlock; rest: Uint8Array } {
  let rest = data;
  let endTrailerIndex = 0;
  for (;;) {
    if (endTrailerIndex < 0 || endTrailerIndex > rest.length) return { rest: data };
    rest = rest.subarray(endTrailerIndex);
    let endIndex = indexOf(rest, PEM_END);
    if (endIndex < 0) return { rest: data };
    endTrailerIndex = endIndex + PEM_END.length;
    const beginIndex = lastIndexOf(rest.subarray(0, endIndex), PEM_BEGIN);
    if (beginIndex < 0 || (beginIndex > 0 && rest[beginIndex - 1] !== 0x0a)) continue;
    rest = rest.subarray(beginIndex + PEM_BEGIN.length);
    endIndex -= beginIndex + PEM_BEGIN.length;
    endTrailerIndex -= beginIndex + PEM_BEGIN.length;
    const typeLine = getLine(rest);
    rest = typeLine.rest;
    endIndex -= typeLine.consumed;
    endTrailerIndex -= typeLine.consumed;
    if (!endsWith(typeLine.line, DASHES)) continue;
    const type = typeLine.line.subarray(0, typeLine.line.length - DASHES.length);
    const headers = new Map<string, string>();
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const l = getLine(rest);
      const colon = l.line.indexOf(0x3a);
      if (colon < 0) break;
      headers.set(trimSpace(text(l.line.subarray(0, colon))), trimSpace(text(l.line.subarray(colon + 1))));
      rest = l.rest;
      endIndex -= l.consumed;
      endTrailerIndex -= l.consumed;
    }
    if (truncated) return { rest: data };
    if (headers.size > 0 && endIndex < 0) continue;
    let endTrailer = rest.subarray(endTrailerIndex);
    const trailerLen = type.length + DASHES.length;
    if (endTrailer.length < trailerLen) continue;
    const restOfEndLine = endTrailer.subarray(trailerLen);
    endTrailer = endTrailer.subarray(0, trailerLen);
    if (!startsWith(endTrailer, type) || !endsWith(endTrailer, DASHES)) continue;
    if (getLine(restOfEndLine).line.length !== 0) continue;
    let bytes: Uint8Array = new Uint8Array(0);
    if (endIndex > 0) {
      const body = rest.subarray(0, endIndex).filter((b) => b !== 0x20 && b !== 0x09);
      const decoded = decodeBase64(body);
      if (decoded.error !== undefined) continue;
      bytes = decoded.bytes;
    }
    return { block: { type: text(type), headers, bytes }, rest: getLine(rest.subarray(endIndex + PEM_END.length - 1)).rest };
  }
}

/** pem.Encode: headers (Proc-Type first, then sorted, then a blank line) and 64-column base64 lines. */
export function encodePem(type: string, bytes: Uint8Array, headers: ReadonlyMap<string, string> = new Map()): string {
  let head = '';
  if (headers.size > 0) {
    const keys = [...headers.keys()].filter((k) => k !== 'Proc-Type').sort();
    if (headers.has('Proc-Type')) keys.unshift('Proc-Type');
    head = `${keys.map((k) => `${k}: ${headers.get(k)!}\n`).join('')}\n`;
  }
  const b64 = Buffer.from(bytes).toString('base64');
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${type}-----\n${head}${body}-----END ${type}-----\n`;
}
