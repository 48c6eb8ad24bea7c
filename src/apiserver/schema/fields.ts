/**
 * Unknown fields, as kube-apiserver finds them: for built-in kinds the strict JSON decoder into
 * the Go types, for custom resources structural-schema pruning. One walk over the object and
 * its schema reports every field the schema does not declare (`spec.foo`,
 * `spec.items[0].bad`) and, when asked, removes it, so the stored object never carries it.
 *
 * A node that preserves unknown fields, or has no schema, accepts anything below it; declared
 * properties below such a node are still checked.
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';
import { type Definitions, ref, resolve } from './builder.js';
import { propertySchema, type JsonSchema } from './types.js';

const OBJECT_META = ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
const TYPE_META = new Set(['apiVersion', 'kind']);

export interface UnknownFieldOptions {
  readonly definitions: Definitions;
  /** Remove the unknown fields from the object. */
  readonly prune: boolean;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function walkArray(value: unknown[], schema: JsonSchema, path: string, ctx: UnknownFieldOptions & { found: string[] }): void {
  const items = schema.items;
  if (!items) return;
  value.forEach((item, i) => walk(item, items, `${path}[${i}]`, ctx));
}

/** The schema of a key that is not a declared property of an object node, or a marker for "unknown". */
function undeclared(schema: JsonSchema, key: string, embedded: boolean): JsonSchema | 'any' | 'unknown' {
  if (embedded && TYPE_META.has(key)) return 'any';
  if (embedded && key === 'metadata') return OBJECT_META;
  const additional = schema.additionalProperties;
  if (isPlainObject(additional)) return additional;
  if (additional === true || schema['x-kubernetes-preserve-unknown-fields'] === true) return 'any';
  return 'unknown';
}

function walkObject(value: Record<string, unknown>, schema: JsonSchema, path: string, ctx: UnknownFieldOptions & { found: string[] }): void {
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    const declared = schema.properties?.[key];
    const child = declared ?? undeclared(schema, key, embedded);
    if (child === 'any') continue;
    if (child === 'unknown') {
      ctx.found.push(join(path, key));
      if (ctx.prune) delete value[key];
      continue;
    }
    walk(value[key], child, join(path, key), ctx);
  }
}

function walk(value: unknown, rawSchema: JsonSchema, path: string, ctx: UnknownFieldOptions & { found: string[] }): void {
  const schema = resolve(rawSchema, ctx.definitions);
  if (!schema) return;
  if (Array.isArray(value)) {
    walkArray(value, schema, path, ctx);
    return;
  }
  if (!isPlainObject(value)) return;
  const isObjectNode = schema.type === 'object' || schema.properties !== undefined || schema.additionalProperties !== undefined;
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true && !schema.properties && schema.additionalProperties === undefined;
  if (!isObjectNode || open) return;
  walkObject(value, schema, path, ctx);
}

/**
 * Every field of `obj` that `schema` (the kind's schema) does not declare, as dotted paths;
 * with `prune`, those fields are removed from `obj`. `apiVersion` and `kind` are always known,
 * and `metadata` is always checked as ObjectMeta.
 */
export function findUnknownFields(obj: Record<string, unknown>, schema: JsonSchema, options: UnknownFieldOptions): string[] {
  const found: string[] = [];
  const root = resolve(schema, options.definitions) ?? {};
  const withMeta: JsonSchema = { ...root, type: 'object', properties: { ...(root.properties ?? {}), apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: OBJECT_META } };
  walk(obj, withMeta, '', { ...options, found });
  return found;
}

/** The schema of the field at `path` (property names) below `schema`, following references. */
export function schemaAt(schema: JsonSchema | undefined, path: readonly string[], definitions: Definitions): JsonSchema | undefined {
  let current = resolve(schema, definitions);
  for (const key of path) current = resolve(propertySchema(current, key), definitions);
  return current;
}
