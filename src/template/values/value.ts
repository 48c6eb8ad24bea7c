/**
 * The Go-typed value model. Go templates decide results by static types (a JSON integer is
 * `int64` while a template literal is `int`; ESO's root is `map[string]string`), so values carry
 * their Go type. Three layers, from narrow to wide:
 *
 * - {@link GoValue}: a concrete, non-nil-interface value. Strings and bools are plain JS
 *   `string`/`boolean`; everything else is one of the classes below and carries `type`.
 * - {@link GoAny}: a value whose static type is `interface {}`: a GoValue, or `null` for the nil
 *   interface. Elements of `map[string]interface {}` and `[]interface {}` are GoAny.
 * - {@link Reflected}: what the evaluator passes around, like reflect.Value: a GoAny, or
 *   `undefined` for the invalid value (a missing map key, printed `<no value>`).
 *
 * JS numbers never appear as values: integers are {@link GoInt} (exact, bigint), floats
 * {@link GoFloat}.
 *
 * @module
 */
import { T, type GoType, type IntKind } from './types.js';

/** A Go integer of any kind. `v` is exact: int64 beyond 2^53 stays exact. */
export class GoInt {
  constructor(readonly type: GoType, readonly v: bigint) {}
}

/** A Go float32/float64 (or a named float type). */
export class GoFloat {
  constructor(readonly type: GoType, readonly v: number) {}
}

/** A Go complex64/complex128 (template literals like `1i`). */
export class GoComplex {
  constructor(readonly type: GoType, readonly re: number, readonly im: number) {}
}

/**
 * A Go map with string keys. `entries === null` is a typed nil map (prints `map[]`, has length
 * 0, reads as zero values). Entry values are GoAny when the element type is `interface {}`,
 * otherwise GoValues of the element type. Maps are shared by reference: sprig's `set` and
 * Sveltos' `setField` mutate them, as in Go.
 */
export class GoMap {
  constructor(readonly type: GoType, readonly entries: Map<string, GoAny> | null) {
    if (type.kind !== 'map' || type.key !== T.string) throw new Error(`GoMap needs a map type with string keys, got ${type.name}`);
  }

  get size(): number {
    return this.entries === null ? 0 : this.entries.size;
  }
}

/**
 * A Go slice. `items === null` is a typed nil slice. Items are GoAny when the element type is
 * `interface {}`, otherwise GoValues of the element type (a `[]byte` holds uint8 GoInts).
 */
export class GoSlice {
  constructor(readonly type: GoType, readonly items: GoAny[] | null) {
    if (type.kind !== 'slice') throw new Error(`GoSlice needs a slice type, got ${type.name}`);
  }

  get length(): number {
    return this.items === null ? 0 : this.items.length;
  }
}

/**
 * A struct value, or a pointer to one when `type.kind === 'ptr'` (the Sveltos root is a
 * `*controllers.currentClusterObjects`). `fields` holds the declared fields' values (missing
 * ones read as their zero value); `fields === null` is a nil pointer. `payload` carries the JS
 * representation of opaque library values (a time instant, a semver version) that templates
 * reach only through the type's methods.
 */
export class GoStruct<P = unknown> {
  constructor(
    readonly type: GoType,
    readonly fields: Map<string, GoAny> | null,
    readonly payload?: P,
  ) {
    if (type.kind !== 'struct' && !(type.kind === 'ptr' && type.elem?.kind === 'struct')) {
      throw new Error(`GoStruct needs a struct or pointer-to-struct type, got ${type.name}`);
    }
  }
}

/** A function value (a method value or a function returned by a function); `call` invokes it. */
export class GoFunc {
  constructor(
    readonly type: GoType,
    readonly name: string,
    readonly invoke: (args: readonly Reflected[]) => Reflected,
  ) {}
}

/** A concrete Go value: anything but the nil interface and the invalid value. */
export type GoValue = string | boolean | GoInt | GoFloat | GoComplex | GoMap | GoSlice | GoStruct | GoFunc;

/** A value of static type `interface {}`: `null` is the nil interface. */
export type GoAny = GoValue | null;

/** reflect.Value-like: `undefined` is the invalid value (missing key, `<no value>`). */
export type Reflected = GoAny | undefined;

/** The dynamic Go type of a concrete value. */
export function typeOf(v: GoValue): GoType {
  if (typeof v === 'string') return T.string;
  if (typeof v === 'boolean') return T.bool;
  return v.type;
}

/** The reflect kind of a value; `invalid` for undefined and null (after unwrapping the interface). */
export function kindOf(v: Reflected): GoType['kind'] | 'invalid' {
  if (v === undefined || v === null) return 'invalid';
  return typeOf(v).kind;
}

const SMALL_MIN = -128;
const SMALL_MAX = 1024;
const smallInts = new Map<GoType, GoInt[]>();

/**
 * An integer of the given type, reusing shared objects for small values (values are immutable,
 * so sharing is safe and saves allocation in `range` loops).
 */
export function goInt(type: GoType, v: bigint | number): GoInt {
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isInteger(n) && n >= SMALL_MIN && n < SMALL_MAX && (typeof v === 'number' || BigInt(n) === v)) {
    let cache = smallInts.get(type);
    if (cache === undefined) {
      cache = [];
      smallInts.set(type, cache);
    }
    return (cache[n - SMALL_MIN] ??= new GoInt(type, BigInt(n)));
  }
  return new GoInt(type, typeof v === 'bigint' ? v : BigInt(v));
}

/** Go `int` (template literals, `len`, range indexes). */
export function int(v: bigint | number): GoInt {
  return goInt(T.int, v);
}

/** Go `int64` (JSON integers, sprig arithmetic). */
export function int64(v: bigint | number): GoInt {
  return goInt(T.int64, v);
}

/** Go `float64`. */
export function float64(v: number): GoFloat {
  return new GoFloat(T.float64, v);
}

const BITS: Record<IntKind, number> = {
  int: 64, int8: 8, int16: 16, int32: 32, int64: 64, uint: 64, uint8: 8, uint16: 16, uint32: 32, uint64: 64, uintptr: 64,
};

/** Wraps `v` to the range of integer type `type`, as Go's conversions and overflowing arithmetic do. */
export function wrapInt(type: GoType, v: bigint): bigint {
  const bits = BITS[type.kind as IntKind];
  return type.isUnsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

/** A new `map[string]interface {}` (non-nil) from JS entries. */
export function mapStringAny(entries?: Iterable<readonly [string, GoAny]>): GoMap {
  return new GoMap(T.mapStringAny, new Map(entries));
}

/** A new `[]interface {}` (non-nil). */
export function sliceAny(items: GoAny[] = []): GoSlice {
  return new GoSlice(T.sliceAny, items);
}

/** A new `[]string`. */
export function sliceString(items: string[]): GoSlice {
  return new GoSlice(T.sliceString, items);
}

/** A `[]byte` holding `bytes`. */
export function byteSlice(bytes: Uint8Array): GoSlice {
  return new GoSlice(T.sliceByte, Array.from(bytes, (b) => goInt(T.uint8, b)));
}

/** The bytes of a `[]byte` (or any slice of uint8), or undefined for other values. */
export function bytesOf(v: Reflected): Uint8Array | undefined {
  if (!(v instanceof GoSlice) || v.type.elem !== T.uint8) return undefined;
  return Uint8Array.from(v.items ?? [], (b) => Number((b as GoInt).v));
}

/**
 * The zero value of a type: `""`, `false`, `0`, a nil map or slice, the nil interface (`null`),
 * a nil pointer, or a struct with zero fields.
 */
export function zeroOf(type: GoType): GoAny {
  if (type.isInt) return goInt(type, 0);
  if (type.isFloat) return new GoFloat(type, 0);
  if (type.isComplex) return new GoComplex(type, 0, 0);
  const make = ZERO_BY_KIND[type.kind];
  return make === undefined ? null : make(type);
}

const ZERO_BY_KIND: Partial<Record<GoType['kind'], (type: GoType) => GoAny>> = {
  string: () => '',
  bool: () => false,
  map: (type) => new GoMap(type, null),
  slice: (type) => new GoSlice(type, null),
  ptr: (type) => (type.elem?.kind === 'struct' ? new GoStruct(type, null) : null),
  struct: (type) => new GoStruct(type, new Map()),
};

/**
 * Whether the value is nil of its type: the nil interface, the invalid value, a nil map, slice
 * or pointer.
 */
export function isNil(v: Reflected): boolean {
  if (v === undefined || v === null) return true;
  if (v instanceof GoMap) return v.entries === null;
  if (v instanceof GoSlice) return v.items === null;
  if (v instanceof GoStruct) return v.type.kind === 'ptr' && v.fields === null;
  return false;
}

/**
 * Go template truth (text/template's isTrue): false, 0, nil, and empty strings, maps and slices
 * are false; structs are always true. Returns undefined where Go reports "can't use" (never for
 * the values this model has).
 */
export function isTrue(v: Reflected): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoFloat) return v.v !== 0;
  return compositeTruth(v);
}

function compositeTruth(v: GoComplex | GoMap | GoSlice | GoStruct | GoFunc): boolean {
  if (v instanceof GoMap) return v.size > 0;
  if (v instanceof GoSlice) return v.length > 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoStruct) return v.type.kind !== 'ptr' || v.fields !== null;
  return true;
}

/**
 * sprig's notion of empty (reflect zero): like {@link isTrue} negated, except that a struct is
 * never empty and a nil pointer is.
 */
export function isEmpty(v: Reflected): boolean {
  return !isTrue(v);
}

/** The element of a string-keyed map, or undefined when absent (or the map is nil). */
export function mapGet(m: GoMap, key: string): GoAny | undefined {
  return m.entries === null ? undefined : m.entries.get(key);
}
