/**
 * sprig's string functions (strings.go and the inline ones in functions.go): case, trimming,
 * slicing by bytes, quoting, indenting, replacing, splitting and joining. Argument order is
 * sprig's, reversed for piping (`contains SUBSTR STR`, `replace OLD NEW STR`, `join SEP LIST`).
 *
 * @module
 */
import { formatValue } from '../../fmt/print.js';
import { quote as goQuote } from '../../fmt/strconv.js';
import { T } from '../../values/types.js';
import { GoMap, GoSlice, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { fromBytes, goSplit, goToLower, goToUpper, replaceAll, toBytes, trimCutset, trimSpace } from './gostring.js';
import { checkLength } from './limits.js';
import { strval } from './strval.js';

/** sprig's trunc: the first `c` bytes, or for negative `c` the last `-c` bytes. */
function trunc(c: number, s: string): string {
  const b = toBytes(s);
  if (c < 0 && b.length + c > 0) return fromBytes(b.slice(b.length + c));
  if (c >= 0 && b.length > c) return fromBytes(b.slice(0, c));
  return s;
}

/** sprig's substring over bytes, failing like Go's slice expressions do. */
function substring(start: number, end: number, s: string): string {
  const b = toBytes(s);
  const n = b.length;
  if (start < 0) {
    if (end < 0) throw new FuncError(`runtime error: slice bounds out of range [:${end}]`);
    if (end > n) throw new FuncError(`runtime error: slice bounds out of range [:${end}] with length ${n}`);
    return fromBytes(b.slice(0, end));
  }
  if (end < 0 || end > n) {
    if (start > n) throw new FuncError(`runtime error: slice bounds out of range [${start}:${n}]`);
    return fromBytes(b.slice(start));
  }
  if (start > end) throw new FuncError(`runtime error: slice bounds out of range [${start}:${end}]`);
  return fromBytes(b.slice(start, end));
}

/** sprig's indent: `spaces` spaces before every line (blank ones too). */
function indent(spaces: number, v: string): string {
  if (spaces < 0) throw new FuncError('strings: negative Repeat count');
  if (spaces === 0) return v;
  checkLength(v.length + v.split('\n').length * spaces, 'indent');
  const pad = ' '.repeat(spaces);
  return pad + v.replaceAll('\n', `\n${pad}`);
}

/**
 * sprig's strslice (toStrings, join, sortAlpha): a []string as is, the non-nil elements of any
 * other slice through strval, nil as an empty list, anything else as a one-element list.
 */
export function strslice(v: GoAny): string[] {
  if (v instanceof GoSlice) {
    if (v.type === T.sliceString) return (v.items ?? []) as string[];
    return (v.items ?? []).filter((item) => item !== null).map(strval);
  }
  if (v === null) return [];
  return [strval(v)];
}

/** A `map[string]string` of split parts keyed `_0`, `_1`… (sprig's split and splitn). */
function partsMap(parts: readonly string[]): GoMap {
  return new GoMap(T.mapStringString, new Map(parts.map((p, i) => [`_${i}`, p])));
}

/** A `func(a, b string) string` whose arguments sprig swapped for piping. */
const swapped = (name: string, f: (a: string, b: string) => string): FuncDef =>
  defineFunc({ name, params: ['string', 'string'], result: 'string', impl: (_ctx, a, b) => f(a, b) });

/** A `func(a, b string) bool` test, arguments swapped for piping. */
const swappedTest = (name: string, f: (a: string, b: string) => boolean): FuncDef =>
  defineFunc({ name, params: ['string', 'string'], result: 'bool', impl: (_ctx, a, b) => f(a, b) });

/** String functions in sprig's order. */
export const stringFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'hello', params: [], result: 'string', impl: () => 'Hello!' }),
  defineFunc({ name: 'trunc', params: ['int', 'string'], result: 'string', impl: (_ctx, c, s) => trunc(c, s) }),
  defineFunc({ name: 'trim', params: ['string'], result: 'string', impl: (_ctx, s) => trimSpace(s) }),
  defineFunc({ name: 'upper', params: ['string'], result: 'string', impl: (_ctx, s) => goToUpper(s) }),
  defineFunc({ name: 'lower', params: ['string'], result: 'string', impl: (_ctx, s) => goToLower(s) }),
  defineFunc({ name: 'substr', params: ['int', 'int', 'string'], result: 'string', impl: (_ctx, start, end, s) => substring(start, end, s) }),
  defineFunc({
    name: 'repeat',
    params: ['int', 'string'],
    result: 'string',
    impl: (_ctx, count, str) => {
      if (count < 0) throw new FuncError('strings: negative Repeat count');
      checkLength(count * str.length, 'repeat');
      return str.repeat(count);
    },
  }),
  swapped('trimall', (a, b) => trimCutset(b, a)),
  swapped('trimAll', (a, b) => trimCutset(b, a)),
  swapped('trimSuffix', (a, b) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  swapped('trimPrefix', (a, b) => (a !== '' && b.startsWith(a) ? b.slice(a.length) : b)),
  swappedTest('contains', (sub, s) => s.includes(sub)),
  swappedTest('hasPrefix', (prefix, s) => s.startsWith(prefix)),
  swappedTest('hasSuffix', (suffix, s) => s.endsWith(suffix)),
  defineFunc({
    name: 'quote',
    params: [],
    variadic: 'interface {}',
    result: 'string',
    // nil arguments are skipped, as sprig does.
    impl: (_ctx, ...values) => values.filter((v) => v !== null).map((v) => goQuote(strval(v))).join(' '),
  }),
  defineFunc({
    name: 'squote',
    params: [],
    variadic: 'interface {}',
    result: 'string',
    // sprig formats with '%v' here, not strval: a []byte prints as [104 105].
    impl: (_ctx, ...values) => values.filter((v) => v !== null).map((v) => `'${formatValue(v)}'`).join(' '),
  }),
  defineFunc({
    name: 'cat',
    params: [],
    variadic: 'interface {}',
    result: 'string',
    impl: (_ctx, ...values) => values.filter((v) => v !== null).map(formatValue).join(' '),
  }),
  defineFunc({ name: 'indent', params: ['int', 'string'], result: 'string', impl: (_ctx, n, v) => indent(n, v) }),
  defineFunc({ name: 'nindent', params: ['int', 'string'], result: 'string', impl: (_ctx, n, v) => `\n${indent(n, v)}` }),
  defineFunc({
    name: 'replace',
    params: ['string', 'string', 'string'],
    result: 'string',
    impl: (_ctx, old, replacement, src) => {
      // Size the result before building it: an empty `old` inserts around every character.
      const count = old === '' ? src.length + 1 : src.split(old).length - 1;
      checkLength(src.length + count * Math.max(replacement.length - old.length, 0), 'replace');
      return replaceAll(src, old, replacement);
    },
  }),
  defineFunc({
    name: 'plural',
    params: ['string', 'string', 'int'],
    result: 'string',
    impl: (_ctx, one, many, count) => (count === 1 ? one : many),
  }),
  defineFunc({ name: 'toString', params: ['interface {}'], result: 'string', impl: (_ctx, v) => strval(v) }),
  defineFunc({
    name: 'b64enc',
    params: ['string'],
    result: 'string',
    impl: (_ctx, s) => Buffer.from(s, 'utf8').toString('base64'),
  }),
  // String lists.
  defineFunc({ name: 'split', params: ['string', 'string'], result: 'map[string]string', impl: (_ctx, sep, orig) => partsMap(goSplit(orig, sep)) }),
  defineFunc({
    name: 'splitList',
    params: ['string', 'string'],
    result: '[]string',
    impl: (_ctx, sep, orig) => new GoSlice(T.sliceString, goSplit(orig, sep)),
  }),
  defineFunc({
    name: 'splitn',
    params: ['string', 'int', 'string'],
    result: 'map[string]string',
    impl: (_ctx, sep, n, orig) => partsMap(goSplit(orig, sep, n)),
  }),
  defineFunc({ name: 'toStrings', params: ['interface {}'], result: '[]string', impl: (_ctx, v) => (v instanceof GoSlice && v.type === T.sliceString ? v : new GoSlice(T.sliceString, strslice(v))) }),
  defineFunc({ name: 'join', params: ['string', 'interface {}'], result: 'string', impl: (_ctx, sep, v) => strslice(v).join(sep) }),
];
