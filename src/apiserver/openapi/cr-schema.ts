/**
 * How a custom resource's schema is published in OpenAPI, as apiextensions-apiserver does: the
 * CRD version's `openAPIV3Schema` (or an open object when it has none) with `apiVersion`,
 * `kind` and `metadata` (ObjectMeta) declared and the GVK extension added, under the name
 * `<reversed group>.<version>.<Kind>` (`com.example.v1.Widget`).
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';
import type { ResourceType } from '../registry/types.js';
import { gvk, kindProperties } from '../schema/builder.js';
import type { JsonSchema } from '../schema/types.js';

/** `example.com`, `v1`, `Widget` → `com.example.v1.Widget`. */
export function crDefinitionName(group: string, version: string, kind: string): string {
  const reversed = group.split('.').reverse().join('.');
  return `${reversed === '' ? 'core' : reversed}.${version}.${kind}`;
}

/** The published schema of a custom resource version. */
export function crSchema(type: ResourceType, version: string): JsonSchema {
  const declared = type.versions.find((v) => v.name === version)?.schema;
  const base: JsonSchema = declared && isPlainObject(declared) ? structuredClone(declared) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return {
    ...base,
    type: 'object',
    properties: { ...(base.properties ?? {}), ...kindProperties() },
    ...gvk(type.group, version, type.names.kind),
  };
}
