/**
 * sprig's reflection functions (typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual) and
 * deep copies (deepCopy, mustDeepCopy, mitchellh/copystructure's rules).
 *
 * @module
 */
import { sprintf } from '../../fmt/print.js';
import { GoMap, GoSlice, GoStruct, kindOf, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { deepEqual } from './equal.js';

/** fmt's %T: the dynamic type's name, `<nil>` for nil. */
export function typeName(v: GoAny): string {
  return sprintf('%T', [v]);
}

/** Go's reflect.Kind name of a value (`invalid` for nil; `ptr` for pointers). */
function kindName(v: GoAny): string {
  return kindOf(v);
}

/** Nesting beyond which a copy is refused (a cyclic value would otherwise recurse forever). */
const MAX_COPY_DEPTH = 1000;

/**
 * copystructure.Copy: maps and slices are copied all the way down (nil ones stay nil), scalars
 * are values already, struct fields are copied. Go also drops a struct's unexported state (a
 * copied *semver.Version reads 0.0.0; time.Time survives through a registered copier); we keep
 * the opaque payload instead, because the library types' methods expect one (see
 * deviations.json).
 */
function copyValue(v: GoAny, depth: number): GoAny {
  if (depth > MAX_COPY_DEPTH) throw new FuncError('deepCopy: value nested too deeply (is it cyclic?)');
  if (v instanceof GoMap) {
    if (v.entries === null) return v;
    return new GoMap(v.type, new Map(Array.from(v.entries, ([k, e]) => [k, copyValue(e, depth + 1)])));
  }
  if (v instanceof GoSlice) {
    if (v.items === null) return v;
    return new GoSlice(v.type, v.items.map((e) => copyValue(e, depth + 1)));
  }
  if (v instanceof GoStruct) {
    if (v.fields === null) return v;
    const fields = new Map(Array.from(v.fields, ([k, e]) => [k, copyValue(e, depth + 1)]));
    return new GoStruct(v.type, fields, v.payload);
  }
  return v;
}

/** copystructure.Copy(nil) panics inside reflect with this message. */
const NIL_COPY = 'reflect: call of reflect.Value.Type on zero Value';

const deepCopyFunc = (name: string): FuncDef =>
  defineFunc({
    name,
    params: ['interface {}'],
    result: 'interface {}',
    returnsError: name.startsWith('must'),
    impl: (_ctx, v) => {
      if (v === null) throw new FuncError(NIL_COPY);
      return copyValue(v, 0);
    },
  });

/** Reflection and deep-copy functions. */
export const reflectFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'typeOf', params: ['interface {}'], result: 'string', impl: (_ctx, v) => typeName(v) }),
  defineFunc({ name: 'typeIs', params: ['string', 'interface {}'], result: 'bool', impl: (_ctx, target, v) => target === typeName(v) }),
  defineFunc({
    name: 'typeIsLike',
    params: ['string', 'interface {}'],
    result: 'bool',
    impl: (_ctx, target, v) => {
      const t = typeName(v);
      return target === t || `*${target}` === t;
    },
  }),
  defineFunc({ name: 'kindOf', params: ['interface {}'], result: 'string', impl: (_ctx, v) => kindName(v) }),
  defineFunc({ name: 'kindIs', params: ['string', 'interface {}'], result: 'bool', impl: (_ctx, target, v) => target === kindName(v) }),
  defineFunc({ name: 'deepEqual', params: ['interface {}', 'interface {}'], result: 'bool', impl: (_ctx, a, b) => deepEqual(a, b) }),
  deepCopyFunc('deepCopy'),
  deepCopyFunc('mustDeepCopy'),
];
