/**
 * addon-controller's resource functions, closures over the template root
 * (`*currentClusterObjects`): getResource, copy, getField, setField, removeField (by the
 * templateResourceRefs identifier) and chainSetField, chainRemoveField (on a map). As in
 * addon-controller they work IN PLACE on `.MgmtResources`: getResource, copy, setField and
 * removeField strip `metadata.managedFields`, `metadata.resourceVersion` and `metadata.uid` from
 * the shared map, and setField/removeField change it for the rest of the template.
 *
 * Values given to setField/chainSetField are deep-copied with apimachinery's DeepCopyJSONValue,
 * which panics for anything but JSON types: a template literal is a Go `int`, so
 * `setField "id" "a" 3` fails with `cannot deep copy int`.
 *
 * @module
 */
import { sveltosRootType } from '../roots.js';
import { T } from '../values/types.js';
import { GoFloat, GoInt, GoMap, GoSlice, GoStruct, type GoAny, type Reflected } from '../values/value.js';
import { defineFunc, FuncError, type FuncDef } from './registry.js';
import { marshalYaml } from './encoding/yaml-marshal.js';
import { swallow } from './sveltos-data.js';

/** `MgmtResources[id]` of the root, or undefined when the root or the entry is absent. */
function resource(root: Reflected, id: string): GoMap | undefined {
  if (!(root instanceof GoStruct) || root.type !== sveltosRootType || root.fields === null) return undefined;
  const all = root.fields.get('MgmtResources');
  if (!(all instanceof GoMap) || all.entries === null || !all.entries.has(id)) return undefined;
  return all.entries.get(id) as GoMap;
}

const isStringAnyMap = (v: GoAny | undefined): v is GoMap => v instanceof GoMap && v.type === T.mapStringAny;

/** apimachinery's runtime.DeepCopyJSONValue. */
const isJsonScalar = (x: GoAny): boolean =>
  x === null || typeof x === 'string' || typeof x === 'boolean' || (x instanceof GoInt && x.type === T.int64) || (x instanceof GoFloat && x.type === T.float64);

function deepCopyJson(x: GoAny): GoAny {
  if (isJsonScalar(x)) return x;
  if (x === null || typeof x !== 'object') return x;
  if (isStringAnyMap(x)) return x.entries === null ? x : new GoMap(T.mapStringAny, new Map([...x.entries].map(([k, v]) => [k, deepCopyJson(v)] as const)));
  if (x instanceof GoSlice && x.type === T.sliceAny) return x.items === null ? x : new GoSlice(T.sliceAny, x.items.map(deepCopyJson));
  throw new FuncError(`cannot deep copy ${x.type.name}`);
}

/** unstructured.NestedFieldNoCopy: the value, or undefined when absent or not reachable. */
function nestedField(obj: GoMap, fields: readonly string[]): GoAny | undefined {
  let val: GoAny = obj;
  for (const field of fields) {
    if (val === null) return undefined;
    if (!isStringAnyMap(val)) return undefined; // Go returns an accessor error; callers treat it as absent
    if (val.entries === null || !val.entries.has(field)) return undefined;
    val = val.entries.get(field)!;
  }
  return val;
}

function writable(m: GoMap): Map<string, GoAny> {
  if (m.entries === null) throw new FuncError('assignment to entry in nil map');
  return m.entries;
}

/** unstructured.SetNestedField; returns false where Go returns an error. */
function setNestedField(obj: GoMap, value: GoAny, fields: readonly string[]): boolean {
  const copy = deepCopyJson(value);
  let m = obj;
  for (const field of fields.slice(0, -1)) {
    const next = m.entries?.get(field);
    if (next === undefined) {
      const created = new GoMap(T.mapStringAny, new Map());
      writable(m).set(field, created);
      m = created;
    } else if (isStringAnyMap(next)) {
      m = next;
    } else {
      return false;
    }
  }
  writable(m).set(fields[fields.length - 1]!, copy);
  return true;
}

/** unstructured.RemoveNestedField. */
function removeNestedField(obj: GoMap, fields: readonly string[]): void {
  let m = obj;
  for (const field of fields.slice(0, -1)) {
    const next = m.entries?.get(field);
    if (!isStringAnyMap(next)) return;
    m = next;
  }
  m.entries?.delete(fields[fields.length - 1]!);
}

function resetFields(u: GoMap): GoMap {
  for (const f of ['managedFields', 'resourceVersion', 'uid']) removeNestedField(u, ['metadata', f]);
  return u;
}

const yaml = (u: GoMap): string => swallow(() => marshalYaml(u).replace(/\n$/, ''));
const path = (fields: string): string[] => fields.split('.');

export const sveltosResourceFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'getResource',
    params: ['string'],
    result: 'map[string]interface {}',
    impl: (ctx, id) => {
      const u = resource(ctx.root, id);
      return u === undefined ? new GoMap(T.mapStringAny, null) : resetFields(u);
    },
  }),
  defineFunc({
    name: 'copy',
    params: ['string'],
    result: 'string',
    impl: (ctx, id) => {
      const u = resource(ctx.root, id);
      return u === undefined ? '' : yaml(resetFields(u));
    },
  }),
  defineFunc({
    name: 'getField',
    params: ['string', 'string'],
    result: 'interface {}',
    impl: (ctx, id, fields) => {
      const u = resource(ctx.root, id);
      const v = u === undefined ? undefined : nestedField(u, path(fields));
      return v === undefined ? '' : deepCopyJson(v);
    },
  }),
  defineFunc({
    name: 'removeField',
    params: ['string', 'string'],
    result: 'string',
    impl: (ctx, id, fields) => {
      const u = resource(ctx.root, id);
      if (u === undefined) return '';
      removeNestedField(u, path(fields));
      return yaml(resetFields(u));
    },
  }),
  defineFunc({
    name: 'setField',
    params: ['string', 'string', 'interface {}'],
    result: 'string',
    impl: (ctx, id, fields, value) => {
      const u = resource(ctx.root, id);
      if (u === undefined) return '';
      return setNestedField(u, value, path(fields)) ? yaml(resetFields(u)) : '';
    },
  }),
  defineFunc({
    name: 'chainRemoveField',
    params: ['map[string]interface {}', 'string'],
    result: 'map[string]interface {}',
    impl: (_ctx, u, fields) => {
      removeNestedField(u, path(fields));
      return u;
    },
  }),
  defineFunc({
    name: 'chainSetField',
    params: ['map[string]interface {}', 'string', 'interface {}'],
    result: 'map[string]interface {}',
    impl: (_ctx, u, fields, value) => (setNestedField(u, value, path(fields)) ? u : new GoMap(T.mapStringAny, null)),
  }),
];
