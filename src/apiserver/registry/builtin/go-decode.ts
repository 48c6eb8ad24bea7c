/**
 * The parts of Go's decoding that kube-apiserver's error messages for built-in types come
 * from, reproduced so that the same bad input gets the same words: `encoding/base64`'s
 * StdEncoding (`[]byte` fields such as Secret `data`) and `time.Parse` with metav1.MicroTime's
 * layout (Lease `renewTime`, Event `eventTime`). Checked against kube-apiserver v1.32's own
 * decoder on a table of inputs (see the tests).
 *
 * @module
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64_ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const PAD = 0x3d; // '='
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

/** The decoded bytes, or Go's `CorruptInputError` offset. */
export type Base64Result = { readonly bytes: Buffer } | { readonly corruptAt: number };

/**
 * After a `=` at symbol `count` of a quantum (index `si` is just past it): Go wants a second `=`
 * after two symbols, then only newlines to the end. Returns where decoding stops, or the corrupt offset.
 */
function endOfPadding(src: Buffer, si: number, count: number): { next: number } | { corruptAt: number } {
  let at = si;
  if (count === 2) {
    while (isNewline(src[at])) at++;
    if (at === src.length) return { corruptAt: src.length };
    if (src[at] !== PAD) return { corruptAt: at - 1 };
    at++;
  }
  while (isNewline(src[at])) at++;
  return at < src.length ? { corruptAt: at } : { next: at };
}

/** One quantum of Go's decoder: up to 4 symbols (newlines skipped), padding rules included. */
function decodeQuantum(src: Buffer, start: number, out: number[]): { next: number; done: boolean } | { corruptAt: number } {
  const sextets: number[] = [];
  let si = start;
  while (sextets.length < 4) {
    if (si === src.length) return sextets.length === 0 ? { next: si, done: true } : { corruptAt: si - sextets.length };
    const b = src[si++]!;
    const value = BASE64_VALUES.get(b);
    if (value !== undefined) sextets.push(value);
    else if (isNewline(b)) continue;
    else if (b !== PAD || sextets.length < 2) return { corruptAt: si - 1 };
    else {
      const end = endOfPadding(src, si, sextets.length);
      if ('corruptAt' in end) return end;
      si = end.next;
      break;
    }
  }
  emitBytes(sextets, out);
  return { next: si, done: sextets.length < 4 };
}

/** 2 to 4 sextets make 1 to 3 bytes. */
function emitBytes(sextets: readonly number[], out: number[]): void {
  const bits = sextets.reduce((acc, s, i) => acc | (s << (18 - 6 * i)), 0);
  out.push(...[(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff].slice(0, sextets.length - 1));
}

/** Padded standard base64 without line breaks: what clients send, and what Node decodes exactly like Go. */
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes like Go's `base64.StdEncoding.Decode` (the JSON decoder of `[]byte` fields). */
export function decodeGoBase64(text: string): Base64Result {
  // Fast path for the common case (a 1 MiB Secret value); the port below handles the rest.
  if (CANONICAL_BASE64.test(text)) return { bytes: Buffer.from(text, 'base64') };
  const src = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const step = decodeQuantum(src, si, out);
    if ('corruptAt' in step) return step;
    if (step.done) return { bytes: Buffer.from(out) };
    si = step.next;
  }
}

/** Go's time.quote: ASCII as is (with `"` and `\` escaped), anything else as `\xNN` bytes. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

/** metav1.MicroTime's layout (RFC3339Micro). */
export const MICRO_TIME_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

/** The elements of {@link MICRO_TIME_LAYOUT}, as Go's time.Parse walks them: literal prefix, then a field. */
const MICRO_TIME_STEPS = [
  ['', '2006'], ['-', '01'], ['-', '02'], ['T', '15'], [':', '04'], [':', '05'], ['', '.000000'], ['', 'Z07:00'],
] as const;

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

/** Go's getnum: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): { n: number; rest: string } | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : { n: Number(s[0]), rest: s.slice(1) };
  return { n: Number(s.slice(0, 2)), rest: s.slice(2) };
}

/** Go's atoi: optional sign, then digits only. */
function atoi(s: string): number | undefined {
  const m = /^([-+]?)(\d+)$/.exec(s);
  if (!m) return undefined;
  return m[1] === '-' ? -Number(m[2]) : Number(m[2]);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  offsetMinutes: number;
}

type FieldOutcome = { readonly rest: string; readonly range?: string } | undefined;

/** `±hh:mm` (after `Z` was ruled out): ranges are reported before a bad sign, as Go does. */
function parseOffset(value: string, parsed: Parsed): FieldOutcome {
  const hh = getnum(value.slice(1, 3), true);
  const mm = hh && getnum(value.slice(4, 6), true);
  if (!hh || !mm) return undefined;
  const range = mm.n > 60 ? 'time zone offset minute' : hh.n > 24 ? 'time zone offset hour' : undefined;
  if (range) return { rest: value.slice(6), range };
  if (value[0] !== '+' && value[0] !== '-') return undefined;
  parsed.offsetMinutes = (value[0] === '-' ? -1 : 1) * (hh.n * 60 + mm.n);
  return { rest: value.slice(6) };
}

function parseZone(value: string, parsed: Parsed): FieldOutcome {
  if (value.startsWith('Z')) return { rest: value.slice(1) };
  return value.length < 6 || value[3] !== ':' ? undefined : parseOffset(value, parsed);
}

function parseFraction(value: string, parsed: Parsed): FieldOutcome {
  if (value.length < 7 || (value[0] !== '.' && value[0] !== ',')) return undefined;
  const micros = atoi(value.slice(1, 7));
  if (micros === undefined) return undefined;
  parsed.micros = micros;
  return micros < 0 ? { rest: value.slice(7), range: 'fractional second' } : { rest: value.slice(7) };
}

/** Parses one layout field of {@link MICRO_TIME_LAYOUT}; undefined is Go's errBad. */
function parseField(field: string, value: string, parsed: Parsed): FieldOutcome {
  const num = (fixed: boolean, set: (n: number) => void, max: number, name: string, min = 0): FieldOutcome => {
    const got = getnum(value, fixed);
    if (!got) return undefined;
    set(got.n);
    return got.n < min || got.n >= max ? { rest: got.rest, range: name } : { rest: got.rest };
  };
  switch (field) {
    case '2006': {
      const year = value.length >= 4 && isDigit(value, 0) ? atoi(value.slice(0, 4)) : undefined;
      if (year === undefined) return undefined;
      parsed.year = year;
      return { rest: value.slice(4) };
    }
    case '01': return num(true, (n) => (parsed.month = n), 13, 'month', 1);
    case '02': return num(true, (n) => (parsed.day = n), 100, 'day');
    case '15': return num(false, (n) => (parsed.hour = n), 24, 'hour');
    case '04': return num(true, (n) => (parsed.minute = n), 60, 'minute');
    case '05': return num(true, (n) => (parsed.second = n), 60, 'second');
    case '.000000': return parseFraction(value, parsed);
    default: return parseZone(value, parsed);
  }
}

/** Go's ParseError text. */
function parseError(input: string, valueElem: string, layoutElem: string): string {
  return `parsing time ${goTimeQuote(input)} as ${goTimeQuote(MICRO_TIME_LAYOUT)}: cannot parse ${goTimeQuote(valueElem)} as ${goTimeQuote(layoutElem)}`;
}

/**
 * Parses a metav1.MicroTime string like Go's `time.Parse(RFC3339Micro, s)`: exactly six
 * fractional digits and a `Z` or `±hh:mm` zone. Returns the canonical form kube writes back
 * (UTC, six digits; null for Go's zero time, which MicroTime marshals as null) or Go's error text.
 */
export function parseMicroTime(input: string): { readonly value: string | null } | { readonly error: string } {
  const parsed: Parsed = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, micros: 0, offsetMinutes: 0 };
  let value = input;
  for (const [prefix, field] of MICRO_TIME_STEPS) {
    if (!value.startsWith(prefix)) return { error: parseError(input, value, prefix) };
    value = value.slice(prefix.length);
    const outcome = parseField(field, value, parsed);
    if (!outcome) return { error: parseError(input, value, field) };
    if (outcome.range) return { error: `parsing time ${goTimeQuote(input)}: ${outcome.range} out of range` };
    value = outcome.rest;
  }
  if (value !== '') return { error: `parsing time ${goTimeQuote(input)}: extra text: ${goTimeQuote(value)}` };
  if (parsed.day < 1 || parsed.day > daysIn(parsed.month, parsed.year)) return { error: `parsing time ${goTimeQuote(input)}: day out of range` };
  const formatted = formatMicroTime(parsed);
  return { value: formatted === GO_ZERO_TIME ? null : formatted };
}

const GO_ZERO_TIME = '0001-01-01T00:00:00.000000Z';

function formatMicroTime(p: Parsed): string {
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  date.setUTCHours(p.hour, p.minute - p.offsetMinutes, p.second, 0);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(p.micros, 6)}Z`;
}
