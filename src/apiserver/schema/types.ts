/**
 * OpenAPI v3 schemas as Kubernetes uses them: structural schemas with the `x-kubernetes-*`
 * extensions that drive pruning, strict field validation, strategic merge patch and
 * server-side apply. Built-in kinds carry hand-written schemas (`schema/builtin/`); custom
 * resources carry their CRD's `openAPIV3Schema`.
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';

/** A (structural) OpenAPI v3 schema node. Unknown keywords are kept as they are. */
export interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-map-type'?: 'atomic' | 'granular';
  /** Strategic merge patch: `merge`, `replace`, `retainKeys` or `merge,retainKeys` (built-ins only). */
  readonly 'x-kubernetes-patch-strategy'?: string;
  readonly 'x-kubernetes-patch-merge-key'?: string;
  readonly [keyword: string]: unknown;
}

/** The schema of property `name` of an object schema, from `properties` or `additionalProperties`. */
export function propertySchema(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  if (!schema) return undefined;
  const declared = schema.properties?.[name];
  if (declared) return declared;
  return isPlainObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

/** True when `schema` says nothing about the fields below it (no schema, or unknown fields preserved without properties). */
export function isOpen(schema: JsonSchema | undefined): boolean {
  if (!schema) return true;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return true;
  return schema.type === undefined && schema.properties === undefined && schema.additionalProperties === undefined && schema.items === undefined;
}
