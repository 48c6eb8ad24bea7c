/**
 * Go's built-in template functions (text/template/funcs.go): and, or, not, len, index, slice,
 * print, printf, println, html, js, urlquery, call, eq, ne, lt, le, gt, ge. `and`, `or` and
 * `call` are evaluated specially by the evaluator (short-circuit, callee name); their
 * definitions here carry the signatures used for argument counting.
 *
 * @module
 */
import { formatValue, sprint, sprintf, sprintln } from '../fmt/print.js';
import { utf8Bytes, utf8Decode, utf8Length } from '../fmt/strconv.js';
import { defineFunc, FuncError, library, type FuncLibrary } from '../funcs/registry.js';
import { T } from '../values/types.js';
import { GoFunc, GoInt, GoMap, GoSlice, GoStruct, goInt, isTrue, typeOf, zeroOf, type GoAny, type GoValue, type Reflected } from '../values/value.js';
import { eq, le, lt } from './compare.js';
import { htmlEscape, jsEscape, queryEscape } from './escape.js';

function indirectInterface(v: Reflected): GoValue | undefined {
  return v === null ? undefined : v;
}

/** Go's truth of a reflect.Value argument. */
export function truth(v: Reflected): boolean {
  return isTrue(v);
}

function isNilPointer(v: GoValue): boolean {
  return v instanceof GoStruct && v.type.kind === 'ptr' && v.fields === null;
}

function indexArg(index: GoValue | undefined, cap: number): number {
  if (index === undefined) throw new FuncError('cannot index slice/array with nil');
  if (!(index instanceof GoInt)) throw new FuncError(`cannot index slice/array with type ${typeOf(index).name}`);
  if (index.v < 0n || index.v > BigInt(cap)) throw new FuncError(`index out of range: ${index.v}`);
  return Number(index.v);
}

function indexOne(item: GoValue, index: GoValue | undefined): GoAny {
  if (isNilPointer(item)) throw new FuncError('index of nil pointer');
  if (typeof item === 'string') {
    const bytes = utf8Bytes(item);
    const x = indexArg(index, bytes.length);
    if (x >= bytes.length) throw new FuncError('reflect: string index out of range');
    return goInt(T.uint8, bytes[x]!);
  }
  if (item instanceof GoSlice) {
    const x = indexArg(index, item.length);
    if (x >= item.length) throw new FuncError('reflect: slice index out of range');
    return item.items![x]!;
  }
  if (item instanceof GoMap) {
    if (index === undefined) throw new FuncError('value is nil; should be of type string');
    if (typeof index !== 'string') throw new FuncError(`value has type ${typeOf(index).name}; should be string`);
    const v = item.entries?.get(index);
    return v === undefined ? zeroOf(item.type.elem!) : v;
  }
  throw new FuncError(`can't index item of type ${typeOf(item).name}`);
}

function index(item: Reflected, ...indexes: Reflected[]): Reflected {
  let cur = indirectInterface(item);
  if (cur === undefined) throw new FuncError('index of untyped nil');
  for (let i = 0; i < indexes.length; i++) {
    const next = indexOne(cur, indirectInterface(indexes[i]));
    if (next !== null) {
      cur = next;
      continue;
    }
    // A nil interface element: indexing further hits a nil pointer; as a result it prints <no value>.
    if (i < indexes.length - 1) throw new FuncError('index of nil pointer');
    return null;
  }
  return cur;
}

function sliceBounds(indexes: Reflected[], length: number, cap: number, iface: readonly boolean[]): number[] {
  const idx = [0, length, 0];
  indexes.forEach((ix, i) => {
    // Go's slice does not unwrap interface{} indexes, so a map value as index is an error.
    if (iface[i] === true && ix !== undefined) throw new FuncError('cannot index slice/array with type interface {}');
    idx[i] = indexArg(indirectInterface(ix), cap);
  });
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return idx;
}

/** Go's built-in slice; `iface` tells which indexes had static type interface {}. */
export function sliceBuiltin(item: Reflected, indexes: Reflected[], iface: readonly boolean[] = []): Reflected {
  const v = indirectInterface(item);
  if (v === undefined) throw new FuncError('slice of untyped nil');
  if (isNilPointer(v)) throw new FuncError('slice of nil pointer');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  if (typeof v === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    const bytes = utf8Bytes(v);
    const [i, j] = sliceBounds(indexes, bytes.length, bytes.length, iface);
    return utf8Decode(bytes.subarray(i, j));
  }
  if (v instanceof GoSlice) {
    const [i, j] = sliceBounds(indexes, v.length, v.length, iface);
    return new GoSlice(v.type, v.items === null ? null : v.items.slice(i, j));
  }
  throw new FuncError(`can't slice item of type ${typeOf(v).name}`);
}

function length(item: Reflected): number {
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null || isNilPointer(item)) throw new FuncError('len of nil pointer');
  if (typeof item === 'string') return utf8Length(item);
  if (item instanceof GoMap) return item.size;
  if (item instanceof GoSlice) return item.length;
  throw new FuncError(`len of type ${typeOf(item).name}`);
}

/** text/template's evalArgs: Sprint of the arguments, a nil printing as <no value>. */
function evalArgs(args: GoAny[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null ? '<no value>' : a instanceof GoStruct && a.type.kind === 'ptr' && a.fields !== null ? new GoStruct(a.type.elem!, a.fields) : a)));
}

/** Invokes a function value for the `call` built-in. */
export function callFunction(name: string, fn: Reflected, args: Reflected[]): Reflected {
  const f = indirectInterface(fn);
  if (f === undefined) throw new FuncError('call of nil');
  if (!(f instanceof GoFunc)) throw new FuncError(`non-function ${name} of type ${typeOf(f).name}`);
  return f.invoke(args);
}

const RV = 'reflect.Value' as const;

/** Go's built-in functions, overridable by a profile's functions of the same name. */
export const builtinFuncs: FuncLibrary = library([
  defineFunc({ name: 'and', params: [RV], variadic: RV, result: RV, impl: (_c, a) => a }),
  defineFunc({ name: 'or', params: [RV], variadic: RV, result: RV, impl: (_c, a) => a }),
  defineFunc({ name: 'call', params: [RV], variadic: RV, result: RV, returnsError: true, impl: (_c, fn, ...args) => callFunction('', fn, args) }),
  defineFunc({ name: 'html', params: [], variadic: 'interface {}', result: 'string', impl: (_c, ...a) => htmlEscape(evalArgs(a)) }),
  defineFunc({ name: 'js', params: [], variadic: 'interface {}', result: 'string', impl: (_c, ...a) => jsEscape(evalArgs(a)) }),
  defineFunc({ name: 'urlquery', params: [], variadic: 'interface {}', result: 'string', impl: (_c, ...a) => queryEscape(evalArgs(a)) }),
  defineFunc({ name: 'index', params: [RV], variadic: RV, result: RV, returnsError: true, impl: (_c, item, ...ix) => index(item, ...ix) }),
  defineFunc({ name: 'slice', params: [RV], variadic: RV, result: RV, returnsError: true, impl: (_c, item, ...ix) => sliceBuiltin(item, ix) }),
  defineFunc({ name: 'len', params: [RV], result: 'int', returnsError: true, impl: (_c, item) => length(item) }),
  defineFunc({ name: 'not', params: [RV], result: 'bool', impl: (_c, a) => !truth(a) }),
  defineFunc({ name: 'print', params: [], variadic: 'interface {}', result: 'string', impl: (_c, ...a) => sprint(a) }),
  defineFunc({ name: 'printf', params: ['string'], variadic: 'interface {}', result: 'string', impl: (_c, f, ...a) => sprintf(f, a) }),
  defineFunc({ name: 'println', params: [], variadic: 'interface {}', result: 'string', impl: (_c, ...a) => sprintln(a) }),
  defineFunc({ name: 'eq', params: [RV], variadic: RV, result: 'bool', returnsError: true, impl: (_c, a, ...b) => eq(a, ...b) }),
  defineFunc({ name: 'ne', params: [RV, RV], result: 'bool', returnsError: true, impl: (_c, a, b) => !eq(a, b) }),
  defineFunc({ name: 'lt', params: [RV, RV], result: 'bool', returnsError: true, impl: (_c, a, b) => lt(a, b) }),
  defineFunc({ name: 'le', params: [RV, RV], result: 'bool', returnsError: true, impl: (_c, a, b) => le(a, b) }),
  defineFunc({ name: 'gt', params: [RV, RV], result: 'bool', returnsError: true, impl: (_c, a, b) => !le(a, b) }),
  defineFunc({ name: 'ge', params: [RV, RV], result: 'bool', returnsError: true, impl: (_c, a, b) => !lt(a, b) }),
]);

/** `%v` of a value, as `range can't iterate over %v` and friends print it. */
export function describe(v: Reflected): string {
  return v === undefined ? '<invalid reflect.Value>' : formatValue(v);
}

