/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) for built-in kinds, as
 * apimachinery's `strategicpatch` applies it on the server. Patch metadata comes from the kind's
 * OpenAPI schema (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`): lists with
 * the `merge` strategy merge element-wise (by merge key, or by value for scalars), all others
 * are replaced. Directives:
 *
 * - `$patch: replace|delete` in a map (replace it / empty it), and `{"$patch": "delete", <key>}`
 *   or `{"$patch": "replace"}` elements in a merging list;
 * - `$retainKeys: [...]` drops the fields of the original map not listed;
 * - `$deleteFromPrimitiveList/<field>: [...]` removes values from a merging scalar list;
 * - `$setElementOrder/<field>: [...]` orders a merging list (patch order, then live order).
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';
import { type Definitions, resolve } from '../schema/builder.js';
import { type JsonSchema, propertySchema } from '../schema/types.js';
import { PatchError } from './json-patch.js';

type Json = unknown;
type JsonMap = Record<string, Json>;

/** A malformed strategic merge patch (a 400 BadRequest). */
export class StrategicPatchError extends PatchError {}

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

interface Ctx {
  readonly definitions: Definitions;
}

interface ListMeta {
  readonly merge: boolean;
  readonly mergeKey?: string;
  readonly schema?: JsonSchema;
}

function childSchema(schema: JsonSchema | undefined, key: string, ctx: Ctx): JsonSchema | undefined {
  return resolve(propertySchema(resolve(schema, ctx.definitions), key), ctx.definitions);
}

function listMeta(parent: JsonSchema | undefined, key: string, ctx: Ctx): ListMeta {
  const schema = childSchema(parent, key, ctx);
  const strategies = (schema?.['x-kubernetes-patch-strategy'] ?? '').split(',');
  const mergeKey = schema?.['x-kubernetes-patch-merge-key'];
  return { merge: strategies.includes('merge'), ...(mergeKey ? { mergeKey } : {}), ...(schema?.items ? { schema: resolve(schema.items, ctx.definitions) } : {}) };
}

/** Identity of a list element: its merge-key value for maps, the value itself for scalars. */
function identity(item: Json, mergeKey: string | undefined): string {
  return JSON.stringify(mergeKey !== undefined && isPlainObject(item) ? item[mergeKey] : item);
}

/** Removes directives from a value taken as it is (a new subtree), like kube's decode into Go types drops them. */
function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.filter((v) => !(isPlainObject(v) && v[PATCH] === 'delete')).map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

/**
 * Merges two lists that are each ordered by their own rules into one, keeping both relative
 * orders and interleaving server-only items by their position in the live list (kube's
 * mergeSortedSlice).
 */
function mergeSorted(serverOnly: Json[], patchItems: Json[], liveOrder: string[], mergeKey: string | undefined): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = liveOrder.indexOf(identity(serverOnly[i], mergeKey));
      const ri = liveOrder.indexOf(identity(patchItems[j], mergeKey));
      out.push(li >= 0 && ri >= 0 && li < ri ? serverOnly[i++] : patchItems[j++]);
    }
  }
  return out;
}

/** Orders `merged`: items named in `order` first by that order, server-only items interleaved by live order. */
function normalizeOrder(merged: Json[], order: Json[], live: Json[], mergeKey: string | undefined): Json[] {
  const wanted = order.map((o) => identity(o, mergeKey));
  const inOrder = merged.filter((m) => wanted.includes(identity(m, mergeKey)));
  inOrder.sort((a, b) => wanted.indexOf(identity(a, mergeKey)) - wanted.indexOf(identity(b, mergeKey)));
  const serverOnly = merged.filter((m) => !wanted.includes(identity(m, mergeKey)));
  return mergeSorted(serverOnly, inOrder, live.map((l) => identity(l, mergeKey)), mergeKey);
}

function mergeScalarList(original: Json[], patch: Json[], isDelete: boolean): Json[] {
  if (isDelete) {
    const removed = new Set(patch.map((p) => JSON.stringify(p)));
    return original.filter((o) => !removed.has(JSON.stringify(o)));
  }
  const seen = new Set<string>();
  return [...original, ...patch].filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeMapList(original: Json[], patch: Json[], meta: ListMeta, ctx: Ctx): Json[] {
  const mergeKey = meta.mergeKey;
  if (mergeKey === undefined) throw new StrategicPatchError('cannot merge lists without merge key');
  if (patch.some((p) => isPlainObject(p) && p[PATCH] === 'replace')) {
    return patch.filter((p) => !(isPlainObject(p) && p[PATCH] === 'replace')).map(stripDirectives);
  }
  const deleted = new Set(patch.filter((p) => isPlainObject(p) && p[PATCH] === 'delete').map((p) => identity(p, mergeKey)));
  const result = original.filter((o) => !deleted.has(identity(o, mergeKey)));
  for (const item of patch) {
    if (!isPlainObject(item)) throw new StrategicPatchError(`expected a map in a list merged by ${mergeKey}, got ${JSON.stringify(item)}`);
    if (item[PATCH] === 'delete') continue;
    if (!(mergeKey in item)) throw new StrategicPatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    const at = result.findIndex((o) => identity(o, mergeKey) === identity(item, mergeKey));
    if (at >= 0) result[at] = mergeMap(isPlainObject(result[at]) ? result[at] : {}, item, meta.schema, ctx);
    else result.push(mergeMap({}, item, meta.schema, ctx));
  }
  return result;
}

/** kube's mergeSlice: merge, then order patch items by patch order with server-only items interleaved. */
function mergeList(original: Json[], patch: Json[], meta: ListMeta, ctx: Ctx & { isDelete?: boolean }): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const maps = [...original, ...patch].some(isPlainObject);
  const merged = maps ? mergeMapList(original, patch, meta, ctx) : mergeScalarList(original, patch, ctx.isDelete === true);
  if (ctx.isDelete) return merged;
  const mergeKey = maps ? meta.mergeKey : undefined;
  const named = patch.filter((p) => !(isPlainObject(p) && p[PATCH] !== undefined));
  return normalizeOrder(merged, named, original, mergeKey);
}

function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  const retain = patch[RETAIN_KEYS];
  if (retain === undefined) return;
  if (!Array.isArray(retain)) throw new StrategicPatchError(`${RETAIN_KEYS} must be a list, got ${JSON.stringify(retain)}`);
  const keep = new Set(retain.map(String));
  for (const key of Object.keys(patch)) {
    if (!key.startsWith('$') && !keep.has(key)) throw new StrategicPatchError(`the patch has ${key} which is not in ${RETAIN_KEYS}`);
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

function mergeValue(original: Json, patch: Json, meta: { parent: JsonSchema | undefined; key: string }, ctx: Ctx): Json {
  if (isPlainObject(original) && isPlainObject(patch)) return mergeMap(original, patch, childSchema(meta.parent, meta.key, ctx), ctx);
  const list = listMeta(meta.parent, meta.key, ctx);
  if (Array.isArray(patch) && list.merge) return mergeList(Array.isArray(original) ? original : [], patch, list, ctx);
  if (isPlainObject(patch)) return mergeMap({}, patch, childSchema(meta.parent, meta.key, ctx), ctx);
  return stripDirectives(patch);
}

/** Applies the `$setElementOrder/<field>` directives of `patch` to the merged `out`. */
function applyElementOrders(out: JsonMap, original: JsonMap, patch: JsonMap, schema: JsonSchema | undefined, ctx: Ctx): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const field = key.slice(SET_ORDER.length);
    if (!Array.isArray(order)) throw new StrategicPatchError(`${key} must be a list`);
    const merged = out[field];
    if (!Array.isArray(merged)) continue;
    const list = listMeta(schema, field, ctx);
    const live = Array.isArray(original[field]) ? original[field] : [];
    out[field] = normalizeOrder(merged, order, live, merged.some(isPlainObject) ? list.mergeKey : undefined);
  }
}

/** The result of a map-level `$patch` directive, or undefined to merge normally. */
function mapDirective(patch: JsonMap): JsonMap | undefined {
  const directive = patch[PATCH];
  if (directive === 'replace') return stripDirectives(Object.fromEntries(Object.entries(patch).filter(([k]) => k !== PATCH))) as JsonMap;
  if (directive === 'delete') return {};
  if (directive !== undefined && directive !== 'merge') throw new StrategicPatchError(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
  return undefined;
}

function mergeMap(originalIn: JsonMap, patch: JsonMap, schema: JsonSchema | undefined, ctx: Ctx): JsonMap {
  const replaced = mapDirective(patch);
  if (replaced) return replaced;
  const original = structuredClone(originalIn);
  const live = structuredClone(originalIn);
  applyRetainKeys(original, patch);
  for (const [key, value] of Object.entries(patch)) {
    if (key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      if (!Array.isArray(value)) throw new StrategicPatchError(`${key} must be a list`);
      if (Array.isArray(original[field])) original[field] = mergeList(original[field], value, listMeta(schema, field, ctx), { ...ctx, isDelete: true });
      continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    original[key] = mergeValue(original[key], value, { parent: schema, key }, ctx);
  }
  applyElementOrders(original, live, patch, schema, ctx);
  return original;
}

/** Applies a strategic merge patch to `doc` (not mutated) with patch metadata from `schema`. */
export function applyStrategicMergePatch<T>(doc: T, patch: unknown, options: { schema: JsonSchema | undefined; definitions: Definitions }): T {
  if (!isPlainObject(patch)) throw new StrategicPatchError('a strategic merge patch must be a JSON object');
  if (!isPlainObject(doc)) throw new StrategicPatchError('the object to patch must be a JSON object');
  return mergeMap(doc, patch, options.schema, { definitions: options.definitions }) as T;
}
