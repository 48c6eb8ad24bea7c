/**
 * sprig's dict.go: dict, get, set, unset, hasKey, pluck, keys, pick, omit, values, dig and the
 * merge family (merge.ts). Every function takes `map[string]interface {}`, so ESO's
 * `map[string]string` root is rejected by the evaluator with Go's argument-type error. set,
 * unset and merge mutate their first argument, as in Go.
 *
 * keys and values come out in Go's *random* map order in Go; here they come out sorted by key,
 * one of the orders Go can produce.
 *
 * @module
 */
import { compareGoStrings } from '../../fmt/sort.js';
import { T } from '../../values/types.js';
import { GoMap, GoSlice, mapStringAny, sliceAny, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { mergoMerge } from './merge.js';
import { typeName } from './reflect.js';
import { strval } from './strval.js';

function sortedKeys(m: GoMap): string[] {
  return m.entries === null ? [] : [...m.entries.keys()].sort(compareGoStrings);
}

/** sprig's dict: alternating keys (through strval) and values; an odd last key maps to "". */
function dict(values: readonly GoAny[]): GoMap {
  const out = new Map<string, GoAny>();
  for (let i = 0; i < values.length; i += 2) out.set(strval(values[i]!), i + 1 < values.length ? values[i + 1]! : '');
  return new GoMap(T.mapStringAny, out);
}

/** A Go type assertion `v.(T)` failing as the runtime reports it. */
function assertionError(v: GoAny, want: string): FuncError {
  return new FuncError(`interface conversion: interface {} is ${v === null ? 'nil' : typeName(v)}, not ${want}`);
}

function asStringAnyMap(v: GoAny): GoMap {
  if (v instanceof GoMap && v.type === T.mapStringAny) return v;
  throw assertionError(v, 'map[string]interface {}');
}

/** sprig's dig: `dig "a" "b" DEFAULT DICT`. */
function dig(ps: readonly GoAny[]): GoAny {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  let dictionary = asStringAnyMap(ps[ps.length - 1]!);
  const dflt = ps[ps.length - 2]!;
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionError(k, 'string');
    return k;
  });
  for (let i = 0; ; i++) {
    if (dictionary.entries === null || !dictionary.entries.has(keys[i]!)) return dflt;
    const step = dictionary.entries.get(keys[i]!)!;
    if (i === keys.length - 1) return step;
    dictionary = asStringAnyMap(step);
  }
}

function pick(m: GoMap, keys: readonly string[]): GoMap {
  const out = new Map<string, GoAny>();
  for (const k of keys) if (m.entries?.has(k) === true) out.set(k, m.entries.get(k)!);
  return new GoMap(T.mapStringAny, out);
}

function omit(m: GoMap, keys: readonly string[]): GoMap {
  const drop = new Set(keys);
  return mapStringAny(Array.from(m.entries ?? [], ([k, v]) => [k, v] as const).filter(([k]) => !drop.has(k)));
}

const mergeFunc = (name: string, overwrite: boolean): FuncDef =>
  defineFunc({
    name,
    params: ['map[string]interface {}'],
    variadic: 'map[string]interface {}',
    result: 'interface {}',
    returnsError: name.startsWith('must'),
    impl: (_ctx, dst, ...srcs) => srcs.reduce((acc, src) => mergoMerge(acc, src, overwrite), dst),
  });

/** Dictionary functions. */
export const dictFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'dict', params: [], variadic: 'interface {}', result: 'map[string]interface {}', impl: (_ctx, ...v) => dict(v) }),
  defineFunc({
    name: 'get',
    params: ['map[string]interface {}', 'string'],
    result: 'interface {}',
    impl: (_ctx, d, key) => (d.entries?.has(key) === true ? d.entries.get(key)! : ''),
  }),
  defineFunc({
    name: 'set',
    params: ['map[string]interface {}', 'string', 'interface {}'],
    result: 'map[string]interface {}',
    impl: (_ctx, d, key, value) => {
      if (d.entries === null) throw new FuncError('assignment to entry in nil map');
      d.entries.set(key, value);
      return d;
    },
  }),
  defineFunc({
    name: 'unset',
    params: ['map[string]interface {}', 'string'],
    result: 'map[string]interface {}',
    impl: (_ctx, d, key) => {
      d.entries?.delete(key);
      return d;
    },
  }),
  defineFunc({ name: 'hasKey', params: ['map[string]interface {}', 'string'], result: 'bool', impl: (_ctx, d, key) => d.entries?.has(key) === true }),
  defineFunc({
    name: 'pluck',
    params: ['string'],
    variadic: 'map[string]interface {}',
    result: '[]interface {}',
    impl: (_ctx, key, ...dicts) => sliceAny(dicts.filter((d) => d.entries?.has(key) === true).map((d) => d.entries!.get(key)!)),
  }),
  defineFunc({
    name: 'keys',
    params: [],
    variadic: 'map[string]interface {}',
    result: '[]string',
    impl: (_ctx, ...dicts) => new GoSlice(T.sliceString, dicts.flatMap(sortedKeys)),
  }),
  defineFunc({ name: 'pick', params: ['map[string]interface {}'], variadic: 'string', result: 'map[string]interface {}', impl: (_ctx, d, ...keys) => pick(d, keys) }),
  defineFunc({ name: 'omit', params: ['map[string]interface {}'], variadic: 'string', result: 'map[string]interface {}', impl: (_ctx, d, ...keys) => omit(d, keys) }),
  mergeFunc('merge', false),
  mergeFunc('mergeOverwrite', true),
  mergeFunc('mustMerge', false),
  mergeFunc('mustMergeOverwrite', true),
  defineFunc({
    name: 'values',
    params: ['map[string]interface {}'],
    result: '[]interface {}',
    impl: (_ctx, d) => sliceAny(sortedKeys(d).map((k) => d.entries!.get(k)!)),
  }),
  defineFunc({ name: 'dig', params: [], variadic: 'interface {}', result: 'interface {}', returnsError: true, impl: (_ctx, ...ps) => dig(ps) }),
];
