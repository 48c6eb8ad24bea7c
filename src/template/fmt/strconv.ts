/**
 * The parts of Go's strconv and unicode/utf8 that printing needs: UTF-8 lengths, quoting
 * (`strconv.Quote`, `QuoteToASCII`, `QuoteRune`), `IsPrint`, and float formatting
 * (`FormatFloat` with 'e', 'f', 'g' and shortest or fixed precision, exactly rounded
 * half-to-even as Go does).
 *
 * Go strings are bytes; ours are JS strings, so lengths and byte-wise operations go through the
 * UTF-8 encoding of the text.
 *
 * @module
 */

import { goBytes, goLength, goString } from './gostring.js';

/** The bytes of a Go string (UTF-8; raw bytes kept, see gostring.ts). */
export function utf8Bytes(s: string): Uint8Array {
  return goBytes(s);
}

/** A Go string from bytes (a leading U+FEFF is kept; invalid bytes are kept as escapes, see gostring.ts). */
export function utf8Decode(b: Uint8Array): string {
  return goString(b);
}

/** Length of `s` in bytes, like Go's len(string). */
export function utf8Length(s: string): number {
  return goLength(s);
}

/** Number of code points (Go's utf8.RuneCountInString). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x20) return false;
  if (r < 0x7f) return true;
  if (r < 0xa1) return false;
  if (r === 0xad) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

const HEX = '0123456789abcdef';

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v',
};

/** A lone surrogate: a raw byte (gostring.ts) quotes as \xNN; any other is invalid UTF-8, U+FFFD. */
function escapeSurrogate(r: number): string {
  return r >= 0xdc80 && r <= 0xdcff ? `\\x${HEX[(r >> 4) & 15]}${HEX[r & 15]}` : '\\ufffd';
}

function escapeRune(r: number, quote: number, ascii: boolean): string {
  if (r === quote || r === 0x5c) return `\\${String.fromCharCode(r)}`;
  if (isPrint(r) && (!ascii || r < 0x7f)) return String.fromCodePoint(r);
  const short = SHORT_ESCAPES[r];
  if (short !== undefined) return short;
  if (r < 0x20 || r === 0x7f) return `\\x${HEX[r >> 4]}${HEX[r & 15]}`;
  if (r >= 0xd800 && r <= 0xdfff) return escapeSurrogate(r);
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

function quoteWith(s: string, quote: number, ascii: boolean): string {
  let out = String.fromCharCode(quote);
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, quote, ascii);
  return out + String.fromCharCode(quote);
}

/** strconv.Quote: a double-quoted Go string literal. */
export function quote(s: string): string {
  // Fast path: printable ASCII without quotes or backslashes needs no escaping.
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return `"${s}"`;
  return quoteWith(s, 0x22, false);
}

/** strconv.QuoteToASCII. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 0x22, true);
}

/** strconv.QuoteRune (and QuoteRuneToASCII with `ascii`). Invalid runes print as U+FFFD. */
export function quoteRune(r: number, ascii = false): string {
  const rune = r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) || r < 0 ? 0xfffd : r;
  return quoteWith(String.fromCodePoint(rune), 0x27, ascii);
}

/** strconv.CanBackquote: no control characters other than tab, no backquote, no U+FEFF. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r === 0x60 || r === 0xfeff) return false;
    if (r < 0x20 && r !== 0x09) return false;
    if (r === 0x7f) return false;
  }
  return true;
}

/** A decimal: value = 0.d[0]d[1]… × 10^dp; `d` has no leading or trailing zeros ("" is zero). */
interface Decimal {
  d: string;
  dp: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(f: number): Decimal {
  if (f === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** The shortest decimal that round-trips (the same digits Go's shortest formatting picks). */
function shortestDecimal(f: number): Decimal {
  if (f === 0) return { d: '', dp: 0 };
  const text = f.toExponential();
  const e = text.indexOf('e');
  const d = (text[0]! + text.slice(2, e)).replace(/0+$/, '');
  return { d, dp: Number(text.slice(e + 1)) + 1 };
}

/** Rounds to `nd` digits, half to even on exact ties (Go's decimal.Round). */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const next = a.d.charCodeAt(nd) - 48;
  const halfway = next === 5 && nd + 1 === a.d.length;
  const up = halfway ? nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) {
    const d = a.d.slice(0, nd).replace(/0+$/, '');
    return { d, dp: d === '' ? 0 : a.dp };
  }
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function fmtE(neg: boolean, a: Decimal, prec: number, letter: string): string {
  let out = neg ? '-' : '';
  out += a.d.length === 0 ? '0' : a.d[0];
  if (prec > 0) {
    out += '.';
    const tail = a.d.slice(1, 1 + prec);
    out += tail + '0'.repeat(prec - tail.length);
  }
  const exp = a.d.length === 0 ? 0 : a.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${letter}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(neg: boolean, a: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (a.dp > 0) {
    const head = a.d.slice(0, a.dp);
    out += head + '0'.repeat(a.dp - head.length);
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      out += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
  }
  return out;
}

/** Float verbs strconv.FormatFloat understands here. */
export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

/** Shortest digits, and the precision that prints all of them in the given format. */
function shortestFor(abs: number, fmt: FloatFormat, bitSize: 32 | 64): [Decimal, number] {
  const digs = bitSize === 32 ? shortestFloat32(abs) : shortestDecimal(abs);
  if (fmt === 'e' || fmt === 'E') return [digs, Math.max(digs.d.length - 1, 0)];
  if (fmt === 'f') return [digs, Math.max(digs.d.length - digs.dp, 0)];
  return [digs, digs.d.length];
}

/** Exact digits rounded for a fixed precision in the given format. */
function roundedFor(abs: number, fmt: FloatFormat, prec: number): [Decimal, number] {
  const exact = exactDecimal(abs);
  if (fmt === 'e' || fmt === 'E') return [roundDecimal(exact, prec + 1), prec];
  if (fmt === 'f') return [roundDecimal(exact, exact.dp + prec), prec];
  const p = prec === 0 ? 1 : prec;
  return [roundDecimal(exact, p), p];
}

/** %g: %e for large or small exponents, else %f, as strconv decides. */
function fmtG(neg: boolean, digs: Decimal, prec: number, shortest: boolean, upper: boolean): string {
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) return fmtE(neg, digs, Math.min(prec, digs.d.length) - 1, upper ? 'E' : 'e');
  return fmtF(neg, digs, Math.max((prec > digs.dp ? digs.d.length : prec) - digs.dp, 0));
}

const SPECIAL_FLOATS = new Map<number, string>([[Infinity, '+Inf'], [-Infinity, '-Inf']]);

/**
 * strconv.FormatFloat(f, fmt, prec, 64): `prec` -1 means the shortest representation that
 * round-trips. float32 values are formatted with float32's shortest digits when `bitSize` is 32.
 */
export function formatFloat(f: number, fmt: FloatFormat, prec: number, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(f)) return 'NaN';
  const special = SPECIAL_FLOATS.get(f);
  if (special !== undefined) return special;
  const neg = f < 0 || Object.is(f, -0);
  const shortest = prec < 0;
  const [digs, p] = shortest ? shortestFor(Math.abs(f), fmt, bitSize) : roundedFor(Math.abs(f), fmt, prec);
  if (fmt === 'e' || fmt === 'E') return fmtE(neg, digs, p, fmt);
  if (fmt === 'f') return fmtF(neg, digs, p);
  return fmtG(neg, digs, p, shortest, fmt === 'G');
}

/** Shortest digits that round-trip through float32. */
function shortestFloat32(f: number): Decimal {
  if (f === 0) return { d: '', dp: 0 };
  const target = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const text = target.toExponential(p - 1);
    if (Math.fround(Number(text)) === target) return shortestDecimal(Number(text));
  }
  return shortestDecimal(target);
}
