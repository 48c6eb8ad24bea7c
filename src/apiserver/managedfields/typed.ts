/**
 * Objects seen through their schema, as structured-merge-diff's `typed` package sees them:
 * structs (declared properties), granular or atomic maps, lists that are atomic, sets or maps
 * keyed by some fields, and scalars. Without a schema (or below `x-kubernetes-preserve-unknown-
 * fields`) the shape is deduced from the value: maps are granular and lists are atomic.
 *
 * On top of that: the set of fields an object sets (`toFieldSet`), the difference between two
 * versions of an object (`compare`), the merge of an applied configuration into a live object
 * (`merge`) and the removal of fields (`removeItems`).
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';
import { type Definitions, resolve } from '../schema/builder.js';
import type { JsonSchema } from '../schema/types.js';
import { FieldSet, type Path, type PathElement, serializeElement } from './fieldpath.js';

type Shape =
  | { readonly kind: 'struct'; readonly fields: Readonly<Record<string, JsonSchema>>; readonly rest: JsonSchema | 'any' | undefined; readonly atomic: boolean }
  | { readonly kind: 'map'; readonly values: JsonSchema | undefined; readonly atomic: boolean }
  | { readonly kind: 'list'; readonly items: JsonSchema | undefined; readonly listType: 'atomic' | 'set' | 'map'; readonly keys: readonly string[] }
  | { readonly kind: 'scalar' };

/** Schema context: definitions for `$ref`s. */
export interface TypeContext {
  readonly definitions: Definitions;
}

const EMBEDDED_FIELDS: Readonly<Record<string, JsonSchema>> = {
  apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
};

function deduced(value: unknown): Shape {
  if (isPlainObject(value)) return { kind: 'map', values: undefined, atomic: false };
  if (Array.isArray(value)) return { kind: 'list', items: undefined, listType: 'atomic', keys: [] };
  return { kind: 'scalar' };
}

function objectShape(schema: JsonSchema, value: unknown): Shape {
  const atomic = schema['x-kubernetes-map-type'] === 'atomic';
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (schema.properties || embedded) {
    const rest = isPlainObject(additional) ? (additional) : additional === true || preserve ? 'any' : undefined;
    return { kind: 'struct', fields: { ...(embedded ? EMBEDDED_FIELDS : {}), ...(schema.properties ?? {}) }, rest, atomic };
  }
  if (isPlainObject(additional)) return { kind: 'map', values: additional, atomic };
  return atomic ? { kind: 'map', values: undefined, atomic } : deduced(value);
}

/** The shape of `value` under `schema`. */
export function shapeOf(rawSchema: JsonSchema | undefined, value: unknown, ctx: TypeContext): Shape {
  const schema = resolve(rawSchema, ctx.definitions);
  if (!schema) return deduced(value);
  if (schema.type === 'array' || schema.items) {
    const listType = schema['x-kubernetes-list-type'] ?? 'atomic';
    return { kind: 'list', items: schema.items, listType, keys: schema['x-kubernetes-list-map-keys'] ?? [] };
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties !== undefined || schema['x-kubernetes-embedded-resource']) {
    return objectShape(schema, value);
  }
  if (schema.type !== undefined || schema['x-kubernetes-int-or-string']) return { kind: 'scalar' };
  return deduced(value);
}

function childSchema(shape: Shape, key: string): { schema: JsonSchema | undefined; declared: boolean } {
  if (shape.kind === 'struct') {
    const declared = shape.fields[key];
    if (declared) return { schema: declared, declared: true };
    return { schema: shape.rest === 'any' ? undefined : shape.rest, declared: false };
  }
  return { schema: shape.kind === 'map' ? shape.values : undefined, declared: false };
}

/** The path element identifying a list item, or undefined for atomic lists. */
export function itemElement(shape: Shape, item: unknown, index: number): PathElement | undefined {
  if (shape.kind !== 'list' || shape.listType === 'atomic') return undefined;
  if (shape.listType === 'set') return { kind: 'value', value: item };
  if (shape.keys.length === 0) return { kind: 'index', index };
  const fields = shape.keys.map((k) => [k, isPlainObject(item) && item[k] !== undefined ? item[k] : null] as const);
  return { kind: 'key', fields: [...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

function isLeaf(shape: Shape): boolean {
  return shape.kind === 'scalar' || ((shape.kind === 'map' || shape.kind === 'struct') && shape.atomic) || (shape.kind === 'list' && shape.listType === 'atomic');
}

function isEmptyMap(value: unknown): boolean {
  return value === null || (isPlainObject(value) && Object.keys(value).length === 0);
}

function addFields(value: unknown, schema: JsonSchema | undefined, path: PathElement[], into: FieldSet, ctx: TypeContext): void {
  const shape = shapeOf(schema, value, ctx);
  if (isLeaf(shape)) {
    into.insert(path);
    return;
  }
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
      const pe = itemElement(shape, item, i)!;
      addFields(item, shape.items, [...path, pe], into, ctx);
      into.insert([...path, pe]);
    });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const { schema: sub, declared } = childSchema(shape, key);
    const childPath = [...path, { kind: 'field', name: key } as const];
    addFields(child, sub, childPath, into, ctx);
    if (isEmptyMap(child) || !declared) into.insert(childPath);
  }
}

/** Every field `value` sets, by structured-merge-diff's rules (typed.ToFieldSet). */
export function toFieldSet(value: unknown, schema: JsonSchema | undefined, ctx: TypeContext): FieldSet {
  const set = new FieldSet();
  addFields(value, schema, [], set, ctx);
  return set;
}

/** What changed from `lhs` to `rhs`. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

function entriesByElement(shape: Shape, value: unknown): Map<string, { pe: PathElement; value: unknown }> {
  const out = new Map<string, { pe: PathElement; value: unknown }>();
  if (shape.kind === 'list') {
    if (Array.isArray(value)) value.forEach((item, i) => {
      const pe = itemElement(shape, item, i)!;
      out.set(serializeElement(pe), { pe, value: item });
    });
  } else if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) out.set(`f:${key}`, { pe: { kind: 'field', name: key }, value: v });
  }
  return out;
}


/** Records a leaf (or a whole node) that appeared or disappeared. */
function presence(lhs: unknown, rhs: unknown, path: PathElement[], out: Comparison): boolean {
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
  else return false;
  return true;
}

function compareAt(lhs: unknown, rhs: unknown, schema: JsonSchema | undefined, path: PathElement[], out: Comparison, ctx: TypeContext): void {
  const shape = shapeOf(schema, rhs !== undefined ? rhs : lhs, ctx);
  if (isLeaf(shape)) {
    if (!presence(lhs, rhs, path, out) && JSON.stringify(lhs) !== JSON.stringify(rhs)) out.modified.insert(path);
    return;
  }
  const left = entriesByElement(shape, lhs);
  const right = entriesByElement(shape, rhs);
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const entry = (right.get(key) ?? left.get(key))!;
    const sub = shape.kind === 'list' ? shape.items : childSchema(shape, (entry.pe as { name: string }).name).schema;
    compareAt(left.get(key)?.value, right.get(key)?.value, sub, [...path, entry.pe], out, ctx);
  }
  if (path.length > 0) presence(lhs, rhs, path, out);
}

/** The fields added, modified and removed between two versions of an object (typed.Compare). */
export function compare(lhs: unknown, rhs: unknown, schema: JsonSchema | undefined, ctx: TypeContext): Comparison {
  const out = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareAt(lhs, rhs, schema, [], out, ctx);
  return out;
}

function mergeList(lhs: unknown[], rhs: unknown[], shape: Extract<Shape, { kind: 'list' }>, ctx: TypeContext): unknown[] {
  const right = entriesByElement(shape, rhs);
  const left = entriesByElement(shape, lhs);
  const out: unknown[] = [];
  const done = new Set<string>();
  // Live items keep their place; applied items merge into them; new applied items follow the
  // applied item before them (structured-merge-diff keeps both relative orders).
  let rightIndex = 0;
  const rightKeys = [...right.keys()];
  for (const [key, item] of left) {
    if (right.has(key)) {
      while (rightIndex < rightKeys.length && rightKeys[rightIndex] !== key) {
        const pending = rightKeys[rightIndex++]!;
        if (!left.has(pending) && !done.has(pending)) {
          out.push(right.get(pending)!.value);
          done.add(pending);
        }
      }
      rightIndex++;
      out.push(merge(item.value, right.get(key)!.value, shape.items, ctx));
    } else {
      out.push(item.value);
    }
    done.add(key);
  }
  for (const key of rightKeys) if (!done.has(key)) out.push(right.get(key)!.value);
  return out;
}

/** Merges an applied configuration into a live object (typed.Merge): the configuration wins. */
export function merge(lhs: unknown, rhs: unknown, schema: JsonSchema | undefined, ctx: TypeContext): unknown {
  if (lhs === undefined) return structuredClone(rhs);
  const shape = shapeOf(schema, rhs, ctx);
  if (isLeaf(shape)) return structuredClone(rhs);
  if (shape.kind === 'list') return Array.isArray(lhs) && Array.isArray(rhs) ? mergeList(lhs, rhs, shape, ctx) : structuredClone(rhs);
  if (!isPlainObject(lhs) || !isPlainObject(rhs)) return structuredClone(rhs);
  const out: Record<string, unknown> = structuredClone(lhs);
  for (const [key, value] of Object.entries(rhs)) out[key] = merge(lhs[key], value, childSchema(shape, key).schema, ctx);
  return out;
}

/** Removes every member of `set` from `value` (fields, map entries, list items). */
export function removeItems(value: unknown, set: FieldSet, schema: JsonSchema | undefined, ctx: TypeContext): unknown {
  const shape = shapeOf(schema, value, ctx);
  if (isLeaf(shape)) return value;
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return value;
    return (value as unknown[]).flatMap((item, i) => {
      const pe = itemElement(shape, item, i)!;
      if (set.has([pe])) return [];
      return [set.hasBelow([pe]) ? removeItems(item, subset(set, pe), shape.items, ctx) : item];
    });
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const pe: PathElement = { kind: 'field', name: key };
    if (set.has([pe])) continue;
    out[key] = set.hasBelow([pe]) ? removeItems(child, subset(set, pe), childSchema(shape, key).schema, ctx) : child;
  }
  return out;
}

/** The part of `set` below the element `pe`, re-rooted. */
function subset(set: FieldSet, pe: PathElement): FieldSet {
  return set.children.get(serializeElement(pe))?.set ?? new FieldSet();
}

/** Adds, as members, the named struct fields that have members below them (EnsureNamedFieldsAreMembers). */
export function withNamedFields(set: FieldSet, schema: JsonSchema | undefined, ctx: TypeContext): FieldSet {
  const out = set.clone();
  const visit = (node: FieldSet, nodeSchema: JsonSchema | undefined, prefix: Path): void => {
    const shape = shapeOf(nodeSchema, node.children.size > 0 && [...node.children.values()][0]!.pe.kind === 'field' ? {} : [], ctx);
    for (const { pe, set: child } of node.children.values()) {
      const path = [...prefix, pe];
      let sub: JsonSchema | undefined;
      if (pe.kind === 'field' && shape.kind !== 'list') {
        const info = childSchema(shape, pe.name);
        sub = info.schema;
        if (info.declared && shape.kind === 'struct' && !child.empty() && child.children.size > 0) out.insert(path);
      } else if (shape.kind === 'list') {
        sub = shape.items;
      }
      visit(child, sub, path);
    }
  };
  visit(set, schema, []);
  return out;
}
