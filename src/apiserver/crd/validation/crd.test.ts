import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../api/object.js';
import { decodeCrd, recordStoredVersion } from '../crd-codec.js';
import { validateCrd, validateCrdUpdate } from './crd.js';

function crd(versions: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  const decoded = decodeCrd({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions, ...extra },
  });
  recordStoredVersion(decoded);
  return decoded;
}

const version = (openAPIV3Schema: unknown, more: Record<string, unknown> = {}): unknown => ({ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema }, ...more });
const errors = (obj: KubeObject): string[] => validateCrd(obj).map((e) => `${e.field}: ${e.message}`);
const obj = (properties: Record<string, unknown>): unknown => ({ type: 'object', properties });

test('structural schema rules', () => {
  assert.deepEqual(errors(crd([version(obj({ port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true } }))])), [], 'the IntOrString anyOf pattern is structural');
  assert.deepEqual(errors(crd([version(obj({ a: { type: 'string', anyOf: [{ type: 'string', maxLength: 2 }] } }))])), [
    'spec.validation.openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural',
  ]);
  // kube checks that value validations name only specified fields at the root only.
  assert.deepEqual(errors(crd([version(obj({ a: { type: 'object', allOf: [{ properties: { b: { minLength: 1 } } }] } }))])), []);
  assert.deepEqual(errors(crd([version({ type: 'object', allOf: [{ properties: { b: { minLength: 1 } } }] })])), [
    'spec.validation.openAPIV3Schema.properties[b]: Required value: because it is defined in spec.validation.openAPIV3Schema.allOf[0].properties[b]',
  ]);
  assert.deepEqual(errors(crd([version(obj({ e: { type: 'object', 'x-kubernetes-embedded-resource': true } }))])), [
    'spec.validation.openAPIV3Schema.properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
  ]);
  assert.deepEqual(errors(crd([version({ type: 'array', items: { type: 'string' } })])), [
    'spec.validation.openAPIV3Schema.type: Invalid value: "array": must be object at the root',
  ]);
});

test('list and map types, defaults and status root restrictions', () => {
  assert.deepEqual(errors(crd([version(obj({
    ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'port'], items: obj({ name: { type: 'string' }, port: { type: 'object' } }) },
  }))])), [
    'spec.validation.openAPIV3Schema.properties[ports].items.properties[port].type: Invalid value: "object": must be a scalar type if parent array\'s x-kubernetes-list-type is map',
    'spec.validation.openAPIV3Schema.properties[ports].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
    'spec.validation.openAPIV3Schema.properties[ports].items.properties[port].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
  ]);
  assert.deepEqual(errors(crd([version(obj({ tags: { type: 'string', 'x-kubernetes-list-type': 'set' } }))])), [
    'spec.validation.openAPIV3Schema.properties[tags].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified',
  ]);
  assert.deepEqual(errors(crd([version(obj({ o: { type: 'object', default: { a: 1, junk: true }, properties: { a: { type: 'integer' } } } }))])), [
    'spec.validation.openAPIV3Schema.properties[o].default: Invalid value: {"a":1,"junk":true}: must not have unknown fields',
  ]);
  assert.deepEqual(errors(crd([version({ ...(obj({ a: { type: 'string' } }) as object), nullable: true }, { subresources: { status: {} } })])), [
    'spec.validation.openAPIV3Schema: Invalid value: {"ID":"","Schema":"","Ref":null,"Description":"","Type":"object","Nullable":true,"Format":"","Title":"","Default":null,"Maximum":null,"ExclusiveMaximum":false,"Minimum":null,"ExclusiveMinimum":false,"MaxLength":null,"MinLength":null,"Pattern":"","MaxItems":null,"MinItems":null,"UniqueItems":false,"MultipleOf":null,"Enum":null,"MaxProperties":null,"MinProperties":null,"Required":null,"Items":null,"AllOf":null,"OneOf":null,"AnyOf":null,"Not":null,"Properties":{"a":{"ID":"","Schema":"","Ref":null,"Description":"","Type":"string","Nullable":false,"Format":"","Title":"","Default":null,"Maximum":null,"ExclusiveMaximum":false,"Minimum":null,"ExclusiveMinimum":false,"MaxLength":null,"MinLength":null,"Pattern":"","MaxItems":null,"MinItems":null,"UniqueItems":false,"MultipleOf":null,"Enum":null,"MaxProperties":null,"MinProperties":null,"Required":null,"Items":null,"AllOf":null,"OneOf":null,"AnyOf":null,"Not":null,"Properties":null,"AdditionalProperties":null,"PatternProperties":null,"Dependencies":null,"AdditionalItems":null,"Definitions":null,"ExternalDocs":null,"Example":null,"XPreserveUnknownFields":null,"XEmbeddedResource":false,"XIntOrString":false,"XListMapKeys":null,"XListType":null,"XMapType":null,"XValidations":null}},"AdditionalProperties":null,"PatternProperties":null,"Dependencies":null,"AdditionalItems":null,"Definitions":null,"ExternalDocs":null,"Example":null,"XPreserveUnknownFields":null,"XEmbeddedResource":false,"XIntOrString":false,"XListMapKeys":null,"XListType":null,"XMapType":null,"XValidations":null}: only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled',
    'spec.validation.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root',
  ]);
});

test('per-version fields keep their version paths; names, columns and selectable fields', () => {
  const v1 = version(obj({ spec: obj({ color: { type: 'string' }, count: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }) }), {
    additionalPrinterColumns: [{ name: 'Color', type: 'text', jsonPath: 'spec.color' }],
    selectableFields: [{ jsonPath: '.spec.color' }, { jsonPath: '.spec.color' }, { jsonPath: '.spec.tags' }, { jsonPath: '.metadata.name' }, { jsonPath: '.spec.nope' }],
  });
  const v2 = { ...(version(obj({ spec: { type: 'object' } })) as object), name: 'v2', storage: false };
  assert.deepEqual(errors(crd([v1, v2], { names: { plural: 'widgets', kind: 'Widget', shortNames: ['Bad'], listKind: 'Widget' } })), [
    'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string',
    'spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "spec.color": must be a simple json path starting with .',
    'spec.versions[0].selectableFields[1].jsonPath: Duplicate value: ".spec.color"',
    'spec.versions[0].selectableFields[2].jsonPath: Invalid value: ".spec.tags": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
    'spec.versions[0].selectableFields[3].jsonPath: Invalid value: ".metadata.name": is an invalid path: does not refer to a valid field',
    'spec.versions[0].selectableFields[4].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field',
    'spec.names.shortNames[0]: Invalid value: "Bad": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
  ]);
});

test('updates: group and plural never change, scope and kind once established', () => {
  const old = crd([version(obj({}))]);
  (old.status as Record<string, unknown>).conditions = [{ type: 'Established', status: 'True' }];
  const next = structuredClone(old);
  (next.spec as Record<string, unknown>).scope = 'Cluster';
  (next.spec as { names: Record<string, unknown> }).names.kind = 'Gizmo';
  assert.deepEqual(validateCrdUpdate(next, old).map((e) => `${e.field}: ${e.message}`), [
    'spec.scope: Invalid value: "Cluster": field is immutable',
    'spec.names.kind: Invalid value: "Gizmo": field is immutable',
  ]);
});
