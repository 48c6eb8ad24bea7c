/**
 * Go string semantics that sprig's helpers rely on and JS strings do not give for free.
 *
 * - Go strings are bytes: `trunc`, `substr`, `abbrev`, `wrap`, `initials` and `nospace` index
 *   and slice bytes, so they can cut a multi-byte character in half. We do the same on a
 *   "byte string" (one JS char per byte, {@link toBytes}) and turn the result back into text the
 *   way Go's output reaches a reader: each byte that is not part of a valid UTF-8 sequence
 *   becomes U+FFFD ({@link fromBytes}), exactly as Go's utf8 decoder (and encoding/json) does.
 * - Go's `unicode` predicates and *simple* case mappings (one rune to one rune): JS's
 *   toUpperCase applies full mappings (`ß` → `SS`) and context (final sigma), Go does not.
 *
 * @module
 */
import { utf8Bytes } from '../../fmt/strconv.js';

// eslint-disable-next-line no-control-regex -- "only ASCII" includes the control characters
const ASCII = /^[\x00-\x7f]*$/;

/** The UTF-8 bytes of `s` as a string of chars U+0000–U+00FF, one per byte. */
export function toBytes(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(utf8Bytes(s)).toString('latin1');
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Text from a byte string, decoding UTF-8 as Go does (each invalid byte is one U+FFFD). */
export function fromBytes(b: string): string {
  if (ASCII.test(b)) return b;
  const bytes = Buffer.from(b, 'latin1');
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return decodeLikeGo(bytes);
  }
}

/**
 * Go's utf8 "first byte" table: sequence length and the valid range of the second byte
 * (narrower after E0, ED, F0 and F4 to exclude overlongs, surrogates and values past U+10FFFF).
 */
function firstByte(b0: number): [len: number, lo: number, hi: number] {
  if (b0 >= 0xc2 && b0 <= 0xdf) return [2, 0x80, 0xbf];
  if (b0 >= 0xe0 && b0 <= 0xef) return [3, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf];
  if (b0 >= 0xf0 && b0 <= 0xf4) return [4, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf];
  return [0, 0, 0];
}

/** Length in bytes of the UTF-8 sequence starting at `i`, or 0 when Go's decoder rejects it. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const [len, lo, hi] = firstByte(bytes[i]!);
  if (len === 0 || i + len > bytes.length) return 0;
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return len;
}

function decodeLikeGo(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      out += String.fromCharCode(bytes[i]!);
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      out += '\ufffd';
      i++;
    } else {
      out += Buffer.from(bytes.subarray(i, i + len)).toString('utf8');
      i += len;
    }
  }
  return out;
}

/** The runes of `s` (lone surrogates, which Go cannot hold, read as U+FFFD). */
export function runesOf(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    out.push(r >= 0xd800 && r <= 0xdfff ? 0xfffd : r);
  }
  return out;
}

/** A string from runes. */
export function fromRunes(runes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < runes.length; i += 4096) out += String.fromCodePoint(...runes.slice(i, i + 4096));
  return out;
}

const WHITE_SPACE = /^\p{White_Space}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const NUMBER = /^\p{N}$/u;
const PUNCT = /^\p{P}$/u;

function test(re: RegExp, r: number): boolean {
  return r >= 0 && r <= 0x10ffff && re.test(String.fromCodePoint(r));
}

/** unicode.IsSpace: Latin-1 space characters (incl. U+0085, U+00A0), then White_Space. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return test(WHITE_SPACE, r);
}

/** unicode.IsUpper (Lu). */
export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a;
  return test(UPPER, r);
}

/** unicode.IsLower (Ll). */
export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a;
  return test(LOWER, r);
}

/** unicode.IsTitle (Lt). */
export function isTitle(r: number): boolean {
  return r >= 0x80 && test(TITLE, r);
}

/** unicode.IsLetter (L). */
export function isLetter(r: number): boolean {
  if (r < 0x80) return (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a;
  return test(LETTER, r);
}

/** unicode.IsDigit (Nd). */
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return test(DIGIT, r);
}

/** unicode.IsNumber (N). */
export function isNumber(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return test(NUMBER, r);
}

/** unicode.IsPunct (P). */
export function isPunct(r: number): boolean {
  return test(PUNCT, r);
}

/**
 * Simple uppercase of the Greek letters with ypogegrammeni/prosgegrammeni, whose full
 * uppercase (what JS gives) has two characters. Every other rune whose full mapping has more
 * than one character (ß, ŉ, ǰ, ﬁ…) has no simple mapping and stays as it is.
 */
function greekIotaUpper(r: number): number {
  if ((r >= 0x1f80 && r <= 0x1f87) || (r >= 0x1f90 && r <= 0x1f97) || (r >= 0x1fa0 && r <= 0x1fa7)) return r + 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
  return r;
}

/** The code point of `s` when it is exactly one, else undefined. */
function single(s: string): number | undefined {
  const c = s.codePointAt(0)!;
  return s.length === (c > 0xffff ? 2 : 1) ? c : undefined;
}

/** unicode.ToUpper: the simple uppercase mapping. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return single(String.fromCodePoint(r).toUpperCase()) ?? greekIotaUpper(r);
}

/** unicode.ToLower: the simple lowercase mapping. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ: full lowercase is "i̇", simple is "i"
  return single(String.fromCodePoint(r).toLowerCase()) ?? r;
}

/** unicode.ToTitle: like ToUpper except for the Latin digraphs and Georgian (no titlecase). */
export function toTitle(r: number): number {
  if (r >= 0x1c4 && r <= 0x1cc) return 0x1c5 + 3 * Math.floor((r - 0x1c4) / 3);
  if (r >= 0x1f1 && r <= 0x1f3) return 0x1f2;
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r;
  return toUpper(r);
}

/** strings.Map with a rune → rune function. */
export function mapRunes(s: string, f: (r: number) => number): string {
  return fromRunes(runesOf(s).map(f));
}

/** strings.ToUpper. */
export function goToUpper(s: string): string {
  return ASCII.test(s) ? s.toUpperCase() : mapRunes(s, toUpper);
}

/** strings.ToLower. */
export function goToLower(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : mapRunes(s, toLower);
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  const runes = runesOf(s);
  let start = 0;
  let end = runes.length;
  while (start < end && isSpace(runes[start]!)) start++;
  while (end > start && isSpace(runes[end - 1]!)) end--;
  return start === 0 && end === runes.length ? s : fromRunes(runes.slice(start, end));
}

/** strings.Trim(s, cutset): strips runes of `cutset` from both ends. */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runesOf(cutset));
  const runes = runesOf(s);
  let start = 0;
  let end = runes.length;
  while (start < end && cut.has(runes[start]!)) start++;
  while (end > start && cut.has(runes[end - 1]!)) end--;
  return start === 0 && end === runes.length ? s : fromRunes(runes.slice(start, end));
}

/** strings.Replace(s, old, new, -1): an empty `old` inserts `new` around every rune. */
export function replaceAll(s: string, old: string, replacement: string): string {
  if (old !== '') return s.split(old).join(replacement);
  const parts = Array.from(s);
  return replacement + parts.join(replacement) + (parts.length > 0 ? replacement : '');
}

/** strings.Split(s, sep): an empty separator splits into runes; -1 for no limit. */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = Array.from(s, (ch) => (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '\ufffd' : ch));
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const all = s.split(sep);
  if (n < 0 || n >= all.length) return all;
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}
