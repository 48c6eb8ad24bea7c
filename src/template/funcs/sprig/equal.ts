/**
 * Go's reflect.DeepEqual over the value model, which sprig uses for deepEqual, has, uniq and
 * without. Types must be identical (`1` is an int, a JSON `1` an int64: not equal); maps and
 * slices must both be nil or both non-nil; NaN is unequal to itself except when both sides are
 * the very same slice or map; functions are equal only when both are nil.
 *
 * @module
 */
import { GoComplex, GoFloat, GoFunc, GoInt, GoMap, GoSlice, typeOf, zeroOf, type GoAny, type GoStruct } from '../../values/value.js';

/** Pairs already under comparison (reflect.DeepEqual's visited set, for cyclic values). */
type Seen = Map<object, Set<object>>;

/** reflect.DeepEqual(a, b). */
export function deepEqual(a: GoAny, b: GoAny): boolean {
  return equal(a, b, new Map());
}

function equal(a: GoAny, b: GoAny, seen: Seen): boolean {
  if (a === null || b === null) return a === b;
  if (typeOf(a) !== typeOf(b)) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof GoInt) return a.v === (b as GoInt).v;
  if (a instanceof GoFloat) return a.v === (b as GoFloat).v;
  if (a instanceof GoComplex) return a.re === (b as GoComplex).re && a.im === (b as GoComplex).im;
  if (a instanceof GoFunc) return false;
  return compositeEqual(a, b as GoMap | GoSlice | GoStruct, seen);
}

function compositeEqual(a: GoMap | GoSlice | GoStruct, b: GoMap | GoSlice | GoStruct, seen: Seen): boolean {
  if (a === b) return true;
  // A pair already being compared is assumed equal, as reflect.DeepEqual does for cycles.
  const partners = seen.get(a) ?? new Set<object>();
  if (partners.has(b)) return true;
  partners.add(b);
  seen.set(a, partners);
  if (a instanceof GoMap) return mapsEqual(a, b as GoMap, seen);
  if (a instanceof GoSlice) return slicesEqual(a, b as GoSlice, seen);
  return structsEqual(a, b as GoStruct, seen);
}

function mapsEqual(a: GoMap, b: GoMap, seen: Seen): boolean {
  if (a.entries === null || b.entries === null) return a.entries === b.entries;
  if (a.entries === b.entries) return true;
  if (a.entries.size !== b.entries.size) return false;
  for (const [k, v] of a.entries) {
    if (!b.entries.has(k) || !equal(v, b.entries.get(k)!, seen)) return false;
  }
  return true;
}

function slicesEqual(a: GoSlice, b: GoSlice, seen: Seen): boolean {
  if (a.items === null || b.items === null) return a.items === b.items;
  if (a.items === b.items) return true;
  if (a.items.length !== b.items.length) return false;
  return a.items.every((v, i) => equal(v, b.items![i]!, seen));
}

function structsEqual(a: GoStruct, b: GoStruct, seen: Seen): boolean {
  if (a.fields === null || b.fields === null) return a.fields === b.fields;
  for (const f of a.type.kind === 'ptr' ? a.type.elem!.fields ?? [] : a.type.fields ?? []) {
    if (!equal(a.fields.get(f.name) ?? zeroOf(f.type), b.fields.get(f.name) ?? zeroOf(f.type), seen)) return false;
  }
  return payloadEqual(a.payload, b.payload);
}

/** Opaque library state (a time, a semver): compared structurally. */
function payloadEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => payloadEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
