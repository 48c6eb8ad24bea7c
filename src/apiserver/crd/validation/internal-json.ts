/**
 * How kube-apiserver prints CRD values inside validation messages: some errors carry the
 * internal `apiextensions` object as their bad value (`spec.versions: Invalid value:
 * [{"Name":"v1","Served":true,...}]: must have exactly one version marked as storage
 * version`), and internal types have no json tags, so Go's json.Marshal writes Go field names,
 * in declaration order, every field present.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { CrdVersion, InternalLayout } from '../crd-view.js';

type Json = Record<string, unknown>;

/** [Go field, v1 JSON key, how to render]. */
type FieldSpec = readonly [goName: string, key: string, render: (v: unknown) => unknown];

/** A free-form JSON value (interface{}): its maps encode with sorted keys. */
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  return isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])])) : v;
}

const raw = (v: unknown): unknown => (v === undefined ? null : sortDeep(v));
const str = (v: unknown): unknown => (typeof v === 'string' ? v : '');
const bool = (v: unknown): unknown => v === true;
const list = (render: (v: unknown) => unknown) => (v: unknown): unknown => (Array.isArray(v) ? v.map(render) : null);
// Go sorts map keys when encoding; structs keep their field order.
const map = (render: (v: unknown) => unknown) => (v: unknown): unknown =>
  (isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, render(v[k])])) : null);

function orArray(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? { Schema: null, JSONSchemas: v.map(schemaProps) } : { Schema: schemaProps(v), JSONSchemas: null };
}

function orBool(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return typeof v === 'boolean' ? { Allows: v, Schema: null } : { Allows: true, Schema: schemaProps(v) };
}

function dependency(v: unknown): unknown {
  return Array.isArray(v) ? { Schema: null, Property: v } : { Schema: schemaProps(v), Property: null };
}

const validationRule = (v: unknown): unknown => {
  const r = isPlainObject(v) ? v : {};
  return { Rule: str(r.rule), Message: str(r.message), MessageExpression: str(r.messageExpression), Reason: raw(r.reason), FieldPath: str(r.fieldPath), OptionalOldSelf: raw(r.optionalOldSelf) };
};

const SCHEMA_FIELDS: readonly FieldSpec[] = [
  ['ID', 'id', str], ['Schema', '$schema', str], ['Ref', '$ref', raw], ['Description', 'description', str], ['Type', 'type', str],
  ['Nullable', 'nullable', bool], ['Format', 'format', str], ['Title', 'title', str], ['Default', 'default', raw], ['Maximum', 'maximum', raw],
  ['ExclusiveMaximum', 'exclusiveMaximum', bool], ['Minimum', 'minimum', raw], ['ExclusiveMinimum', 'exclusiveMinimum', bool],
  ['MaxLength', 'maxLength', raw], ['MinLength', 'minLength', raw], ['Pattern', 'pattern', str], ['MaxItems', 'maxItems', raw],
  ['MinItems', 'minItems', raw], ['UniqueItems', 'uniqueItems', bool], ['MultipleOf', 'multipleOf', raw], ['Enum', 'enum', raw],
  ['MaxProperties', 'maxProperties', raw], ['MinProperties', 'minProperties', raw], ['Required', 'required', raw], ['Items', 'items', orArray],
  ['AllOf', 'allOf', list((v) => schemaProps(v))], ['OneOf', 'oneOf', list((v) => schemaProps(v))], ['AnyOf', 'anyOf', list((v) => schemaProps(v))],
  ['Not', 'not', (v) => (v === undefined ? null : schemaProps(v))], ['Properties', 'properties', map((v) => schemaProps(v))],
  ['AdditionalProperties', 'additionalProperties', orBool], ['PatternProperties', 'patternProperties', map((v) => schemaProps(v))],
  ['Dependencies', 'dependencies', map(dependency)], ['AdditionalItems', 'additionalItems', orBool],
  ['Definitions', 'definitions', map((v) => schemaProps(v))],
  ['ExternalDocs', 'externalDocs', (v) => (isPlainObject(v) ? { Description: str(v.description), URL: str(v.url) } : null)],
  ['Example', 'example', raw], ['XPreserveUnknownFields', 'x-kubernetes-preserve-unknown-fields', raw],
  ['XEmbeddedResource', 'x-kubernetes-embedded-resource', bool], ['XIntOrString', 'x-kubernetes-int-or-string', bool],
  ['XListMapKeys', 'x-kubernetes-list-map-keys', raw], ['XListType', 'x-kubernetes-list-type', raw], ['XMapType', 'x-kubernetes-map-type', raw],
  ['XValidations', 'x-kubernetes-validations', list(validationRule)],
];

/** An internal JSONSchemaProps, from its v1 JSON. */
export function schemaProps(v: unknown): Json {
  const s = isPlainObject(v) ? v : {};
  return Object.fromEntries(SCHEMA_FIELDS.map(([goName, key, render]) => [goName, render(s[key])]));
}

function subresources(v: CrdVersion['subresources']): unknown {
  if (!v) return null;
  const scale = v.scale ? { SpecReplicasPath: v.scale.specReplicasPath, StatusReplicasPath: v.scale.statusReplicasPath, LabelSelectorPath: v.scale.labelSelectorPath ?? null } : null;
  return { Status: v.status ? {} : null, Scale: scale };
}

/** The internal versions list as kube renders it (hoisted fields are nil in every version). */
export function internalVersions(versions: readonly CrdVersion[], layout: InternalLayout): unknown[] {
  return versions.map((v) => ({
    Name: v.name, Served: v.served, Storage: v.storage, Deprecated: v.deprecated, DeprecationWarning: v.deprecationWarning ?? null,
    Schema: layout.schema || !v.schemaField ? null : { OpenAPIV3Schema: v.openAPIV3Schema ? schemaProps(v.openAPIV3Schema) : null },
    Subresources: layout.subresources ? null : subresources(v.subresources),
    AdditionalPrinterColumns: layout.columns || v.additionalPrinterColumns.length === 0 ? null : v.additionalPrinterColumns.map((c) => ({
      Name: c.name, Type: c.type, Format: c.format, Description: c.description, Priority: c.priority, JSONPath: c.jsonPath,
    })),
    SelectableFields: layout.selectableFields || v.selectableFields.length === 0 ? null : v.selectableFields.map((p) => ({ JSONPath: p })),
  }));
}
