import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ref } from './builder.js';
import { BUILTIN_DEFINITIONS } from './builtin/index.js';
import { findDuplicateKeys } from './duplicates.js';
import { findUnknownFields } from './fields.js';
import type { JsonSchema } from './types.js';

const opts = { definitions: BUILTIN_DEFINITIONS, prune: true };

test('built-in kinds: unknown top-level, metadata and nested fields are found and pruned; maps accept any key', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', labels: { any: 'key' }, bogus: 1, ownerReferences: [{ uid: 'u', extra: true }] }, data: { k: 'dg==' }, bad: 1 };
  assert.deepEqual(findUnknownFields(secret, ref('io.k8s.api.core.v1.Secret'), opts), ['metadata.bogus', 'metadata.ownerReferences[0].extra', 'bad']);
  assert.deepEqual(secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', labels: { any: 'key' }, ownerReferences: [{ uid: 'u' }] }, data: { k: 'dg==' } });
});

test('CRD manifests: open JSON values (default, enum, items) are never rejected', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b' },
    spec: {
      group: 'b', scope: 'Namespaced', names: { plural: 'a', kind: 'A' },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: {
        type: 'object', properties: { spec: { type: 'object', default: { x: 1 }, items: { type: 'string', odd: 1 }, 'x-kubernetes-validations': [{ rule: 'true' }], properties: { e: { enum: [{ a: 1 }] } } } },
      } } }],
    },
  };
  assert.deepEqual(findUnknownFields(crd, ref('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'), opts), []);
});

test('custom resource schemas: preserve-unknown-fields, embedded resources, arrays of objects', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: {} } } },
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: {} } } },
        },
      },
    },
  };
  const cr = { apiVersion: 'e/v1', kind: 'W', metadata: { name: 'w' }, spec: { items: [{ name: 'a' }, { name: 'b', bad: 1 }], free: { x: 1, known: { y: 1 } }, template: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', oops: 1 }, spec: { z: 1 } } } };
  assert.deepEqual(findUnknownFields(cr, schema, { definitions: BUILTIN_DEFINITIONS, prune: false }), [
    'spec.items[1].bad', 'spec.free.known.y', 'spec.template.metadata.oops', 'spec.template.spec.z',
  ]);
  assert.deepEqual(findUnknownFields({ spec: { anything: 1 } }, { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, opts), []);
});

test('duplicate keys are reported with their path', () => {
  assert.deepEqual(findDuplicateKeys('{"a":1,"b":{"c":[{"d":1,"d":2}],"c":3},"a":"x\\"y","s":"{\\"a\\":1,\\"a\\":1}"}'), ['b.c[0].d', 'b.c', 'a']);
  assert.deepEqual(findDuplicateKeys('{"metadata":{"name":"a","labels":{"x":"1"},"name":"b"}}'), ['metadata.name']);
  assert.deepEqual(findDuplicateKeys('[{"a":1},{"a":2}]'), []);
});
