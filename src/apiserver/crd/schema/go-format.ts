/**
 * Go's formatting of values, as it shows up in kube-apiserver's validation messages:
 * `%q` (strconv.Quote), `%v` of numbers (strconv 'g' shortest), `encoding/json` (sorted keys,
 * HTML-escaped) and apimachinery's field.Error "bad value" rendering.
 *
 * Numbers: JSON gives us no int/float distinction, so integral values print as Go int64s
 * (as apimachinery's JSON decoding makes them) and the rest as float64s.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u000b': '\\v', '"': '\\"', '\\': '\\\\',
};

/** Go's strconv.Quote for printable text (control characters escaped like Go does). */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const named = NAMED_ESCAPES[ch];
    const code = ch.codePointAt(0)!;
    if (named) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `%v` of a float64: shortest representation, exponent form below 1e-4 and from 1e6 (e.g. `1e+06`). */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** `%v`/`%d` of a JSON number: integral values as int64, others as float64. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? BigInt(n).toString() : goFloat(n);
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Go's json.Marshal of a JSON value: map keys sorted, `<`, `>`, `&` escaped. */
export function goJson(value: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(value)) ?? 'null');
}

/**
 * A Go struct value already encoded as json.Marshal would (declaration order, no key sorting):
 * pass it as a bad value to print it verbatim.
 */
export class GoStructJson {
  readonly text: string;

  /** `value`'s objects must hold their keys in Go field order (maps pre-sorted). */
  constructor(value: unknown) {
    this.text = escapeHtml(JSON.stringify(value) ?? 'null');
  }
}

/** How apimachinery's field.Error prints a bad value: numbers and booleans bare, strings quoted, the rest as JSON. */
export function goBadValue(value: unknown): string {
  if (value instanceof GoStructJson) return value.text;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  return goJson(value ?? null);
}

/** Go's type name of a JSON value as kube-openapi reports it (`string`, `integer`, `number`, ...). */
export function openApiTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return Array.isArray(value) ? 'array' : 'object';
}
