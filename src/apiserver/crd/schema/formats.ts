/**
 * String formats of custom resource schemas: which formats kube-apiserver keeps (apiextensions'
 * `StripUnsupportedFormatsPostProcessor`: other formats are ignored) and how go-openapi's
 * strfmt registry checks them. A value failing its format is reported as
 * `spec.when in body must be of type date-time: "yesterday"`.
 *
 * @module
 */
import { isIP } from 'node:net';
import type { Schema } from './schema.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const LOOSE_DURATION = /(\d+)\s*([A-Za-zµ]+)/g;
const DURATION_UNITS: readonly (readonly string[])[] = [
  ['ns', 'nano'], ['us', 'µs', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week'],
];

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** strfmt.IsDateTime: a date, a `t`, and a time with zone (compared case-insensitively). */
function isDateTime(text: string): boolean {
  if (text.length < 4) return false;
  const parts = text.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const m = TIME.exec(parts[1]!);
  return m !== null && m[1]! <= '23' && m[2]! <= '59' && m[3]! <= '59';
}

function unitKnown(unit: string): boolean {
  return DURATION_UNITS.some((variants) => variants.some((v, i) => v.toLowerCase() === unit || (i === variants.length - 1 && unit.startsWith(v))));
}

/** strfmt.ParseDuration: Go's time.ParseDuration, or `<n> <unit>` terms such as `3 days`. */
function isDuration(text: string): boolean {
  if (text === '0' || GO_DURATION.test(text)) return true;
  let matched = false;
  for (const m of text.matchAll(LOOSE_DURATION)) if (unitKnown(m[2]!.trim().toLowerCase())) matched = true;
  return matched;
}

function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  return family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function isUri(text: string): boolean {
  try {
    return new URL(text).protocol !== '' || text.startsWith('/');
  } catch {
    return text.startsWith('/');
  }
}

const CHECKS: Readonly<Record<string, (text: string) => boolean>> = {
  bsonobjectid: (t) => /^[0-9a-fA-F]{24}$/.test(t),
  uri: isUri,
  email: (t) => /^[^\s@<>]+@[^\s@<>]+$/.test(t.replace(/^.*<(.*)>\s*$/, '$1')),
  hostname: (t) => t.length <= 255 && HOSTNAME.test(t) && t.split('.').every((p) => p.length <= 63),
  ipv4: (t) => isIP(t) === 4,
  ipv6: (t) => isIP(t) === 6,
  cidr: isCidr,
  mac: (t) => /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$|^([0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$/.test(t),
  uuid: (t) => UUID.test(t),
  uuid3: (t) => UUID.test(t) && /^[0-9a-f]{8}-?[0-9a-f]{4}-?3/i.test(t),
  uuid4: (t) => UUID.test(t) && /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab]/i.test(t),
  uuid5: (t) => UUID.test(t) && /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab]/i.test(t),
  isbn: (t) => /^(?:[0-9]{9}X|[0-9]{10}|(?:97[89])?[0-9]{10})$/.test(t.replace(/[\s-]/g, '')),
  isbn10: (t) => /^(?:[0-9]{9}X|[0-9]{10})$/.test(t.replace(/[\s-]/g, '')),
  isbn13: (t) => /^97[89][0-9]{10}$/.test(t.replace(/[\s-]/g, '')),
  creditcard: (t) => /^[0-9]{13,19}$/.test(t.replace(/[^0-9]/g, '')),
  ssn: (t) => /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(t),
  hexcolor: (t) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(t),
  rgbcolor: (t) => /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/.test(t),
  byte: (t) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/.test(t),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
};

/** go-openapi normalizes format names by dropping dashes (`date-time` is `datetime`). */
function normalize(format: string): string {
  return format.replaceAll('-', '');
}

/**
 * The format kube-apiserver validates for a schema node: unsupported string formats and any
 * non-standard number formats are dropped, as in apiextensions' post-processor.
 */
export function effectiveFormat(s: Schema): string {
  if (s.format === '') return '';
  const type = s.type.length === 1 ? s.type[0]! : '';
  if (type === '' || type === 'string') return CHECKS[normalize(s.format)] ? s.format : '';
  if (type === 'integer') return s.format === 'int32' || s.format === 'int64' ? s.format : '';
  if (type === 'number') return s.format === 'float' || s.format === 'double' ? s.format : '';
  return '';
}

/** True when `value` has the (effective) format; formats without a string check always pass. */
export function checkFormat(format: string, value: string): boolean {
  const check = CHECKS[normalize(format)];
  return check ? check(value) : true;
}

/** True for string formats kube-apiserver recognizes (others are warned about and ignored). */
export function isRecognizedStringFormat(format: string): boolean {
  return CHECKS[normalize(format)] !== undefined;
}
