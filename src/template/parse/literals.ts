/**
 * Go literal syntax as text/template/parse reads it: strconv.Unquote for strings and raw
 * strings, strconv.UnquoteChar for character constants, and the number rules of
 * parse.newNumber (ParseUint/ParseInt with base 0, ParseFloat with hex floats and
 * underscores, imaginary and complex constants).
 *
 * @module
 */
import { utf8Bytes, utf8Decode } from '../fmt/strconv.js';

/** strconv.ErrSyntax's text. */
export const INVALID_SYNTAX = 'invalid syntax';

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** strconv.UnquoteChar: the first (possibly escaped) character of `s`, and the rest. */
export function unquoteChar(s: string, quote: string): { rune: number; tail: string } | undefined {
  const c = s.codePointAt(0);
  if (c === undefined) return undefined;
  if (s[0] === quote && (quote === "'" || quote === '"')) return undefined;
  if (c !== 0x5c) return { rune: c, tail: s.slice(c > 0xffff ? 2 : 1) };
  const e = s[1];
  if (e === undefined) return undefined;
  const simple = SIMPLE[e];
  if (simple !== undefined) return { rune: simple, tail: s.slice(2) };
  if (e === "'" || e === '"') return e === quote ? { rune: e.charCodeAt(0), tail: s.slice(2) } : undefined;
  return unquoteNumericEscape(s, e);
}

const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function unquoteNumericEscape(s: string, e: string): { rune: number; tail: string } | undefined {
  const hexLen = HEX_LENGTH[e];
  if (hexLen !== undefined) {
    const digits = s.slice(2, 2 + hexLen);
    if (digits.length !== hexLen || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const v = parseInt(digits, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
    return { rune: v, tail: s.slice(2 + hexLen) };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const v = parseInt(digits, 8);
    return v > 255 ? undefined : { rune: v, tail: s.slice(4) };
  }
  return undefined;
}

/** strconv.Unquote of a double-quoted or back-quoted literal; undefined on a syntax error. */
export function unquote(literal: string): string | undefined {
  const q = literal[0];
  if (literal.length < 2 || q !== literal[literal.length - 1]) return undefined;
  const body = literal.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replaceAll('\r', '');
  if (q !== '"') return undefined;
  if (!body.includes('\\') && !body.includes('"') && !body.includes('\n')) return body;
  return unquoteEscaped(body);
}

/** The body of a double-quoted literal with escapes; \x and octal escapes are bytes in Go. */
function unquoteEscaped(body: string): string | undefined {
  const bytes: number[] = [];
  let rest = body;
  while (rest.length > 0) {
    if (rest[0] === '\n') return undefined;
    const r = unquoteChar(rest, '"');
    if (r === undefined) return undefined;
    const isByte = rest[0] === '\\' && /^[x0-7]$/.test(rest[1]!);
    if (isByte) bytes.push(r.rune);
    else bytes.push(...utf8Bytes(String.fromCodePoint(r.rune)));
    rest = r.tail;
  }
  return utf8Decode(Uint8Array.from(bytes));
}

/** The parsed value of a number literal, as parse.NumberNode holds it. */
export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: { re: number; im: number };
}

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(text: string): boolean {
  const s = text.replace(/^[+-]/, '');
  const prefixed = /^0[bBoOxX]/.test(s);
  const digit = /^0[xX]/.test(s) ? /[0-9a-fA-F]/ : /[0-9]/;
  // saw: '^' start, '0' digit or base prefix, '_' underscore, '!' anything else.
  let saw = prefixed ? '0' : '^';
  for (const c of prefixed ? s.slice(2) : s) {
    const cls = charClass(c, digit);
    if (!underscorePlacementOK(saw, cls)) return false;
    saw = cls;
  }
  return saw !== '_';
}

function charClass(c: string, digit: RegExp): string {
  if (digit.test(c)) return '0';
  return c === '_' ? '_' : '!';
}

/** An underscore must follow a digit, and must be followed by one. */
function underscorePlacementOK(saw: string, cls: string): boolean {
  if (cls === '_') return saw === '0';
  return !(cls === '!' && saw === '_');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseUint(text, 0, 64) without a sign; undefined on error. */
function parseUint0(text: string): bigint | undefined {
  if (text.length === 0 || /[+-]/.test(text)) return undefined;
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  let digits = text.replaceAll('_', '');
  // A leading 0 without a base letter means octal.
  if (/^0[0-9]/.test(digits)) digits = `0o${digits.slice(1)}`;
  if (!/^(\d+|0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+))$/.test(digits)) return undefined;
  const v = BigInt(digits);
  return v <= UINT64_MAX ? v : undefined;
}

/** strconv.ParseInt(text, 0, 64); undefined on error. */
function parseInt0(text: string): bigint | undefined {
  const neg = text[0] === '-';
  const u = parseUint0(neg || text[0] === '+' ? text.slice(1) : text);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** strconv.ParseFloat(text, 64): decimal or hex floats; undefined on syntax or range error. */
export function parseFloat64(text: string): number | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  const s = text.replaceAll('_', '');
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  let v: number | undefined;
  if (hex !== null) v = hexFloat(hex[1]!, hex[2] ?? '', hex[3] ?? '', hex[4]!);
  else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) v = Number(s);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

function hexFloat(sign: string, int: string, frac: string, exp: string): number | undefined {
  if (int === '' && frac === '') return undefined;
  const v = Number(BigInt(`0x${int}${frac}`)) * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -v : v;
}

function fromFloat(n: NumberValue, f: number): void {
  n.isFloat = true;
  n.float64 = f;
  if (!n.isInt && Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
    n.isInt = true;
    n.int64 = BigInt(f);
  }
  if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
    n.isUint = true;
    n.uint64 = BigInt(f);
  }
}

function simplifyComplex(n: NumberValue): void {
  n.isFloat = n.complex.im === 0;
  if (!n.isFloat) return;
  n.float64 = n.complex.re;
  const f = n.float64;
  n.isInt = Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
  if (n.isInt) n.int64 = BigInt(f);
  n.isUint = Number.isInteger(f) && f >= 0 && f < 2 ** 64;
  if (n.isUint) n.uint64 = BigInt(f);
}

function emptyNumber(): NumberValue {
  return { isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0, complex: { re: 0, im: 0 } };
}

/** Parses a complex constant like `1+2i` (fmt.Sscan of a complex128). */
function parseComplex(text: string): { re: number; im: number } | undefined {
  if (!text.endsWith('i')) return undefined;
  for (let i = text.length - 2; i > 0; i--) {
    if ((text[i] === '+' || text[i] === '-') && !'eEpP'.includes(text[i - 1]!)) {
      const re = parseFloat64(text.slice(0, i));
      const im = parseFloat64(text.slice(i, -1));
      return re === undefined || im === undefined ? undefined : { re, im };
    }
  }
  return undefined;
}

/**
 * parse.newNumber: classify a number or character literal. Returns the value or Go's error
 * message.
 */
export function parseNumber(text: string, kind: 'char' | 'complex' | 'number'): NumberValue | string {
  const n = emptyNumber();
  if (kind === 'char') return parseCharConstant(text, n);
  if (kind === 'complex') {
    const c = parseComplex(text);
    if (c === undefined) return `expected integer`;
    n.isComplex = true;
    n.complex = c;
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      n.complex = { re: 0, im: f };
      simplifyComplex(n);
      return n;
    }
  }
  return parseReal(text, n);
}

function parseCharConstant(text: string, n: NumberValue): NumberValue | string {
  const r = unquoteChar(text.slice(1), text[0]!);
  if (r === undefined) return INVALID_SYNTAX;
  if (r.tail !== "'") return `malformed character constant: ${text}`;
  n.isInt = n.isUint = n.isFloat = true;
  n.int64 = n.uint64 = BigInt(r.rune);
  n.float64 = r.rune;
  return n;
}

function parseReal(text: string, n: NumberValue): NumberValue | string {
  const u = parseUint0(text);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt0(text);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      fromFloat(n, f);
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

function goQuote(s: string): string {
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
