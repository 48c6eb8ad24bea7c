/**
 * dario.cat/mergo v1.0.2's Merge and MergeWithOverwrite for the map[string]interface{}
 * arguments sprig's merge family passes, with mergo's exact per-key rules:
 *
 * - a nil source value is copied only when overwriting;
 * - maps merge recursively into the destination map, which is mutated (not copied), and a
 *   non-empty destination map is then kept;
 * - a slice never merges element-wise: an existing non-empty destination value is kept unless
 *   overwriting;
 * - any other value is copied when overwriting, when the key is absent, or when the existing
 *   value is empty (mergo's isEmptyValue: nil, "", 0, false, empty map or slice).
 *
 * Writing a value into a map of another element type (a `map[string]string` from `split`)
 * panics in reflect; we fail with the same message.
 *
 * @module
 */
import { T, type GoType } from '../../values/types.js';
import { GoFloat, GoInt, GoMap, GoSlice, GoStruct, isNil, typeOf, type GoAny } from '../../values/value.js';
import { FuncError } from '../registry.js';

/** Nesting beyond which merging a (cyclic) map is refused; mergo itself would overflow the stack. */
const MAX_MERGE_DEPTH = 1000;

/** mergo's isEmptyValue with dereferencing (interfaces and pointers look at what they hold). */
function isEmptyValue(v: GoAny | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'boolean') return !v;
  if (v instanceof GoInt) return v.v === 0n;
  if (v instanceof GoFloat) return v.v === 0;
  if (v instanceof GoMap) return v.size === 0;
  if (v instanceof GoSlice) return v.length === 0;
  // Unlike sprig's empty, mergo never finds a complex number, a struct or a function empty.
  return v instanceof GoStruct && v.type.kind === 'ptr' && v.fields === null;
}

/** reflect's assignability check behind SetMapIndex: the source's static type must fit the map's element type. */
function setMapIndex(dst: GoMap, key: string, value: GoAny, staticType: GoType): void {
  const elem = dst.type.elem!;
  if (elem !== T.any && staticType !== elem) {
    throw new FuncError(`reflect.Value.SetMapIndex: value of type ${staticType.name} is not assignable to type ${elem.name}`);
  }
  dst.entries!.set(key, value);
}

/** The static type of a map's elements as reflect sees them (interface {} or the concrete element type). */
function staticTypeOf(m: GoMap): GoType {
  return m.type.elem!;
}

function isMapValue(v: GoAny | undefined): v is GoMap {
  return v instanceof GoMap;
}

/** reflect's IsNil on a map element, which panics for element kinds that cannot be nil. */
function elementIsNil(dst: GoMap, v: GoAny): boolean {
  const elem = dst.type.elem!;
  if (elem === T.any) return v === null;
  if (!elem.canBeNil) throw new FuncError(`reflect: call of reflect.Value.IsNil on ${elem.kind} Value`);
  return isNil(v);
}

/** mergo's slice case: the map entry becomes the source slice, the existing value or an empty slice. */
function mergeSliceKey(dst: GoMap, key: string, s: GoSlice, overwrite: boolean): void {
  const d = dst.entries!.get(key);
  const existing = d === undefined || elementIsNil(dst, d) ? undefined : d;
  const next = overwrite || dst.size === 0 ? s : (existing ?? new GoSlice(s.type, []));
  setMapIndex(dst, key, next, typeOf(next));
}

/** Whether mergo keeps a non-empty destination value as it is (slices always, maps merged into maps). */
function keepsDestination(d: GoAny | undefined, s: GoAny): boolean {
  if (d === undefined || isEmptyValue(d)) return false;
  return s instanceof GoSlice || (isMapValue(s) && isMapValue(d));
}

/** One key of mergo's deepMerge map case. */
function mergeKey(dst: GoMap, src: GoMap, key: string, s: GoAny, overwrite: boolean, depth: number): void {
  const srcStatic = staticTypeOf(src);
  const d = dst.entries!.get(key);
  if (srcStatic === T.any && s === null) {
    if (overwrite) setMapIndex(dst, key, s, srcStatic);
    return;
  }
  if (isMapValue(s) && isMapValue(d)) mergeMaps(d, s, overwrite, depth + 1);
  else if (s instanceof GoSlice) mergeSliceKey(dst, key, s, overwrite);
  if (keepsDestination(d, s)) return;
  if (overwrite || d === undefined || isEmptyValue(d)) setMapIndex(dst, key, s, srcStatic);
}

/** mergo's deepMerge of two maps: writes into `dst` (which must not be nil unless `src` is). */
function mergeMaps(dst: GoMap, src: GoMap, overwrite: boolean, depth: number): void {
  if (depth > MAX_MERGE_DEPTH) throw new FuncError('merge: maps nested too deeply (is one cyclic?)');
  if (dst.entries === null || src.entries === null) return;
  for (const [key, s] of src.entries) mergeKey(dst, src, key, s, overwrite, depth);
}

/**
 * mergo.Merge(&dst, src) (or MergeWithOverwrite): returns the destination, which is a new map
 * only when `dst` was a nil map.
 */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean): GoMap {
  const target = dst.entries === null && src.entries !== null ? new GoMap(dst.type, new Map()) : dst;
  mergeMaps(target, src, overwrite, 0);
  return target;
}
