/**
 * sprig's list.go. The functions take any slice through reflection (a []string from splitList,
 * an []int from until, a []interface{} from list) and return new []interface{} values; the
 * `must` variants return the errors their plain twins raise as panics. Both reach the template
 * as `error calling NAME: …`, so each pair shares one implementation.
 *
 * @module
 */
import { compareGoStrings } from '../../fmt/sort.js';
import { T, sliceOf } from '../../values/types.js';
import { GoSlice, isEmpty, kindOf, sliceAny, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { floatToInt64, toInt64 } from './cast.js';
import { deepEqual } from './equal.js';
import { strslice } from './strings.js';
import { strval } from './strval.js';

/** What Go reports when sprig calls reflect.TypeOf(nil).Kind(). */
export const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The elements of a slice argument, or a FuncError built from the argument's kind. */
export function listItems(v: GoAny, message: (kind: string) => string): readonly GoAny[] {
  if (v === null) throw new FuncError(NIL_DEREF);
  if (!(v instanceof GoSlice)) throw new FuncError(message(kindOf(v)));
  return v.items ?? [];
}

const nilSliceAny = (): GoSlice => new GoSlice(T.sliceAny, null);
const sliceOfSlices = sliceOf(T.sliceAny);

/** A function and its `must` twin: one implementation, the second name marked as returning an error. */
function twins(names: readonly [string, string], make: (name: string, returnsError: boolean) => FuncDef): FuncDef[] {
  return names.map((name) => make(name, name.startsWith('must')));
}

function push(list: GoAny, v: GoAny): GoSlice {
  return sliceAny([...listItems(list, (k) => `Cannot push on type ${k}`), v]);
}

function prepend(list: GoAny, v: GoAny): GoSlice {
  return sliceAny([v, ...listItems(list, (k) => `Cannot prepend on type ${k}`)]);
}

/** sprig's mustChunk, including the float arithmetic behind its chunk count. */
function chunk(size: number, list: GoAny): GoSlice {
  const items = listItems(list, (k) => `Cannot chunk type ${k}`);
  const l = items.length;
  const count = floatToInt64(Math.floor((l - 1) / size) + 1);
  if (count < 0n) throw new FuncError('runtime error: makeslice: len out of range');
  const out: GoAny[] = [];
  for (let i = 0; i < Number(count); i++) {
    let clen = size;
    if (i === Number(count) - 1) {
      clen = Number(floatToInt64(Math.floor(l % size)));
      if (clen === 0) clen = size;
    }
    if (clen < 0) throw new FuncError('runtime error: makeslice: len out of range');
    const part: GoAny[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix < 0 || ix >= l) throw new FuncError('reflect: slice index out of range');
      part.push(items[ix]!);
    }
    out.push(sliceAny(part));
  }
  return new GoSlice(sliceOfSlices, out);
}

function edge(list: GoAny, what: 'first' | 'last'): GoAny {
  const items = listItems(list, (k) => `Cannot find ${what} on type ${k}`);
  if (items.length === 0) return null;
  return what === 'first' ? items[0]! : items[items.length - 1]!;
}

function allBut(list: GoAny, what: 'rest' | 'initial'): GoSlice {
  const items = listItems(list, (k) => `Cannot find ${what} on type ${k}`);
  if (items.length === 0) return nilSliceAny();
  return sliceAny(what === 'rest' ? items.slice(1) : items.slice(0, -1));
}

/** sprig's sortAlpha. A []string argument is sorted in place, as Go's sort.Strings does. */
function sortAlpha(list: GoAny): GoSlice {
  if (!(list instanceof GoSlice)) return new GoSlice(T.sliceString, [strval(list)]);
  if (list.type === T.sliceString) {
    (list.items as string[] | null)?.sort(compareGoStrings);
    return list;
  }
  return new GoSlice(T.sliceString, strslice(list).sort(compareGoStrings));
}

function inList(haystack: readonly GoAny[], needle: GoAny): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function uniq(list: GoAny): GoSlice {
  const out: GoAny[] = [];
  for (const item of listItems(list, (k) => `Cannot find uniq on type ${k}`)) if (!inList(out, item)) out.push(item);
  return sliceAny(out);
}

function without(list: GoAny, omit: readonly GoAny[]): GoSlice {
  return sliceAny(listItems(list, (k) => `Cannot find without on type ${k}`).filter((item) => !inList(omit, item)));
}

function has(needle: GoAny, haystack: GoAny): boolean {
  if (haystack === null) return false;
  return inList(listItems(haystack, (k) => `Cannot find has on type ${k}`), needle);
}

/** sprig's mustSlice: list[start:end] with cast'd indices; reflect's bounds error otherwise. */
function slice(list: GoAny, indices: readonly GoAny[]): GoAny {
  const items = listItems(list, (k) => `list should be type of slice or array but ${k}`);
  const l = items.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? toInt64(indices[0]!) : 0n;
  const end = indices.length >= 2 ? toInt64(indices[1]!) : BigInt(l);
  if (start < 0n || end < start || end > BigInt(l)) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  return new GoSlice((list as GoSlice).type, items.slice(Number(start), Number(end)));
}

function concat(lists: readonly GoAny[]): GoSlice {
  let out: GoAny[] | null = null;
  for (const list of lists) {
    const items = listItems(list, (k) => `Cannot concat type ${k} as list`);
    out = [...(out ?? []), ...items];
  }
  return new GoSlice(T.sliceAny, out);
}

function compact(list: GoAny): GoSlice {
  return sliceAny(listItems(list, (k) => `Cannot compact on type ${k}`).filter((item) => !isEmpty(item)));
}

function reverse(list: GoAny): GoSlice {
  return sliceAny([...listItems(list, (k) => `Cannot find reverse on type ${k}`)].reverse());
}

/** List functions. */
export const listFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'list', params: [], variadic: 'interface {}', result: '[]interface {}', impl: (_ctx, ...items) => sliceAny(items) }),
  defineFunc({ name: 'tuple', params: [], variadic: 'interface {}', result: '[]interface {}', impl: (_ctx, ...items) => sliceAny(items) }),
  ...twins(['append', 'mustAppend'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}', 'interface {}'], result: '[]interface {}', impl: (_ctx, a, b) => push(a, b) }),
  ),
  ...twins(['push', 'mustPush'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}', 'interface {}'], result: '[]interface {}', impl: (_ctx, a, b) => push(a, b) }),
  ),
  ...twins(['prepend', 'mustPrepend'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}', 'interface {}'], result: '[]interface {}', impl: (_ctx, a, b) => prepend(a, b) }),
  ),
  ...twins(['first', 'mustFirst'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: 'interface {}', impl: (_ctx, l) => edge(l, 'first') }),
  ),
  ...twins(['last', 'mustLast'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: 'interface {}', impl: (_ctx, l) => edge(l, 'last') }),
  ),
  ...twins(['rest', 'mustRest'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: '[]interface {}', impl: (_ctx, l) => allBut(l, 'rest') }),
  ),
  ...twins(['initial', 'mustInitial'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: '[]interface {}', impl: (_ctx, l) => allBut(l, 'initial') }),
  ),
  ...twins(['reverse', 'mustReverse'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: '[]interface {}', impl: (_ctx, l) => reverse(l) }),
  ),
  ...twins(['compact', 'mustCompact'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: '[]interface {}', impl: (_ctx, l) => compact(l) }),
  ),
  ...twins(['uniq', 'mustUniq'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], result: '[]interface {}', impl: (_ctx, l) => uniq(l) }),
  ),
  ...twins(['has', 'mustHas'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}', 'interface {}'], result: 'bool', impl: (_ctx, a, b) => has(a, b) }),
  ),
  ...twins(['without', 'mustWithout'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], variadic: 'interface {}', result: '[]interface {}', impl: (_ctx, l, ...omit) => without(l, omit) }),
  ),
  ...twins(['slice', 'mustSlice'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['interface {}'], variadic: 'interface {}', result: 'interface {}', impl: (_ctx, l, ...indices) => slice(l, indices) }),
  ),
  ...twins(['chunk', 'mustChunk'], (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['int', 'interface {}'], result: sliceOfSlices, impl: (_ctx, size, l) => chunk(size, l) }),
  ),
  defineFunc({ name: 'sortAlpha', params: ['interface {}'], result: '[]string', impl: (_ctx, l) => sortAlpha(l) }),
  defineFunc({ name: 'concat', params: [], variadic: 'interface {}', result: 'interface {}', impl: (_ctx, ...lists) => concat(lists) }),
];
