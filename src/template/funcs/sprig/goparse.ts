/**
 * Go's strconv.ParseInt, ParseUint, Atoi and ParseFloat, value-exact: base prefixes
 * (`0x`, `0o`, `0b`, a leading `0` for octal) and `_` digit separators when the base is 0,
 * clamping on overflow, `inf`/`infinity`/`nan`, hexadecimal floats. sprig reaches these
 * through spf13/cast and its own atoi/toDecimal, which drop the error and keep the value, so
 * callers get `{ value, error }` and decide.
 *
 * @module
 */

/** strconv's error kinds. */
export type ParseError = 'syntax' | 'range';

/** A parse result: the value Go returns alongside its error. */
export interface Parsed<T> {
  readonly value: T;
  readonly error?: ParseError;
}

const MAX_UINT64 = 2n ** 64n - 1n;

function lower(c: string): string {
  return c.toLowerCase();
}

/** strconv's underscoreOK: `_` only between digits (or after a base prefix). */
export function underscoreOK(text: string): boolean {
  const s = /^[-+]/.test(text) ? text.slice(1) : text;
  const prefix = /^0[boxBOX]/.exec(s)?.[0] ?? '';
  const digit = /x/i.test(prefix) ? /[0-9a-fA-F]/ : /[0-9]/;
  // What came last: ^ start, 0 a digit (or base prefix), _ an underscore, ! anything else.
  let saw = prefix === '' ? '^' : '0';
  for (const c of s.slice(prefix.length)) {
    const now = digit.test(c) ? '0' : c === '_' ? '_' : '!';
    // An underscore must follow a digit and be followed by one.
    if (now === '_' ? saw !== '0' : now === '!' && saw === '_') return false;
    saw = now;
  }
  return saw !== '_';
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const l = code | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/** Resolves base 0 into the real base and the digits after any prefix. */
function basePrefix(s: string, base: number): [number, string] {
  if (base !== 0) return [base, s];
  if (s[0] !== '0') return [10, s];
  if (s.length >= 3) {
    const p = lower(s[1]!);
    if (p === 'b') return [2, s.slice(2)];
    if (p === 'o') return [8, s.slice(2)];
    if (p === 'x') return [16, s.slice(2)];
  }
  return [8, s.slice(1)];
}

/** strconv.ParseUint(s, base, 64). */
export function parseUint(s0: string, base0: number): Parsed<bigint> {
  if (s0 === '') return { value: 0n, error: 'syntax' };
  const [base, s] = basePrefix(s0, base0);
  const big = BigInt(base);
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_' && base0 === 0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { value: 0n, error: 'syntax' };
    n = n * big + BigInt(d);
    if (n > MAX_UINT64) return { value: MAX_UINT64, error: 'range' };
  }
  if (underscores && !underscoreOK(s0)) return { value: 0n, error: 'syntax' };
  return { value: n };
}

/** strconv.ParseInt(s, base, bitSize): out-of-range values come back clamped with a range error. */
export function parseInt(s0: string, base: number, bitSize = 64): Parsed<bigint> {
  if (s0 === '') return { value: 0n, error: 'syntax' };
  let s = s0;
  const neg = s[0] === '-';
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  const un = parseUint(s, base);
  if (un.error === 'syntax') return { value: 0n, error: 'syntax' };
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && un.value >= cutoff) return { value: cutoff - 1n, error: 'range' };
  if (neg && un.value > cutoff) return { value: -cutoff, error: 'range' };
  return { value: neg ? -un.value : un.value };
}

/** strconv.Atoi on a 64-bit platform: base 10, no prefixes or separators. */
export function atoi(s: string): Parsed<bigint> {
  if (s.length > 0 && s.length < 19) {
    const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
    if (!/^\d+$/.test(body)) return { value: 0n, error: 'syntax' };
    return { value: s[0] === '-' ? -BigInt(body) : BigInt(body) };
  }
  return parseInt(s, 10);
}

function prefixIgnoreCase(s: string, word: string): number {
  let n = 0;
  while (n < s.length && n < word.length && lower(s[n]!) === word[n]) n++;
  return n;
}

/** ParseFloat's special values: [+-]inf, [+-]infinity, nan (any case). */
function special(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    rest = s.slice(1);
  } else if (lower(s[0] ?? '') === 'n') {
    return s.length === 3 && prefixIgnoreCase(s, 'nan') === 3 ? NaN : undefined;
  }
  const n = prefixIgnoreCase(rest, 'infinity');
  if ((n === 3 || n === 8) && n === rest.length) return sign * Infinity;
  return undefined;
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9_]+)$/;

/** A hexadecimal float `0x1.8p3`, rounded to a double. */
function hexFloat(match: RegExpExecArray): number {
  const [, sign, mantissa, exponent] = match as unknown as [string, string, string, string];
  const clean = mantissa.replaceAll('_', '');
  const dot = clean.indexOf('.');
  const digits = dot < 0 ? clean : clean.slice(0, dot) + clean.slice(dot + 1);
  const fractionBits = dot < 0 ? 0 : 4 * (clean.length - dot - 1);
  const m = BigInt(`0x${digits === '' ? '0' : digits}`);
  const exp = Number(exponent.replaceAll('_', '')) - fractionBits;
  // Two steps so that a large mantissa with a very negative exponent does not underflow early.
  const half = Math.trunc(Math.max(exp, -4000) / 2);
  const value = exp >= 0 ? Number(m << BigInt(Math.min(exp, 2000))) : Number(m) * 2 ** half * 2 ** (Math.max(exp, -4000) - half);
  return sign === '-' ? -value : value;
}

/**
 * strconv.ParseFloat(s, 64). A syntax error gives 0; an overflow gives ±Inf with a range
 * error.
 */
export function parseFloat(s: string): Parsed<number> {
  const sp = special(s);
  if (sp !== undefined) return { value: sp };
  let value: number;
  const hex = HEX_FLOAT.exec(s);
  if (hex !== null) value = hexFloat(hex);
  else if (DECIMAL_FLOAT.test(s) && /[0-9]/.test(s.replace(/[eE].*$/, ''))) value = Number(s.replaceAll('_', ''));
  else return { value: 0, error: 'syntax' };
  if (s.includes('_') && !underscoreOK(s)) return { value: 0, error: 'syntax' };
  if (!Number.isFinite(value)) return { value, error: 'range' };
  return { value };
}
