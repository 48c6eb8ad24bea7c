import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../api/object.js';
import { goFloat, goJson, goQuote } from './go-format.js';
import { CoercionError, ResourceSchema } from './resource-schema.js';

const schema = new ResourceSchema({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'string', enum: ['small', 'large'] },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        ratio: { type: 'number', maximum: 1000000 },
        name: { type: 'string', maxLength: 5, pattern: '^[a-z]+$' },
        when: { type: 'string', format: 'date-time' },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, protocol: { type: 'string', default: 'TCP' } } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        template: {
          type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true,
        },
        optional: { type: 'string', nullable: true },
        nested: { type: 'object', default: {}, properties: { mode: { type: 'string', default: 'auto' } } },
      },
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
});

const cr = (spec: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec, ...extra });
const messages = (obj: KubeObject, old?: KubeObject): string[] => schema.validate(obj, old).map((e) => `${e.field}: ${e.message}`);

test('Go formatting helpers print like fmt and encoding/json', () => {
  assert.equal(goFloat(1000000), '1e+06');
  assert.equal(goFloat(0.5), '0.5');
  assert.equal(goFloat(0.00001), '1e-05');
  assert.equal(goFloat(123456.5), '123456.5');
  assert.equal(goQuote('a"b\n'), '"a\\"b\\n"');
  assert.equal(goJson({ b: 1, a: '<x>' }), '{"a":"\\u003cx\\u003e","b":1}');
});

test('validation messages match kube-apiserver', () => {
  assert.deepEqual(messages(cr({ size: 'small', replicas: 'string' })), [
    'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
  ]);
  assert.deepEqual(messages(cr({ replicas: 11 })), [
    'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
    'spec.size: Required value',
  ]);
  assert.deepEqual(messages(cr({ size: 'medium', replicas: 0 })), [
    'spec.size: Unsupported value: "medium": supported values: "small", "large"',
    'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
  ]);
  assert.deepEqual(messages(cr({ size: 'small', name: 'toolong', when: 'yesterday', ratio: 1e7 + 0.5 })), [
    'spec.ratio: Invalid value: 1.00000005e+07: spec.ratio in body should be less than or equal to 1e+06',
    'spec.name: Too long: may not be more than 5 bytes',
    'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
  ]);
  assert.deepEqual(messages(cr({ size: 'small', name: 'ABC', port: true, tags: ['a', 'b', 'c'] })), [
    'spec.name: Invalid value: "ABC": spec.name in body should match \'^[a-z]+$\'',
    'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    'spec.tags: Too many: 3: must have at most 2 items',
  ]);
  assert.deepEqual(messages(cr({ size: 'small', port: 'http', when: '2024-02-29T10:00:00Z', optional: null, labels: { a: 1 } })), [
    'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
  ]);
});

test('list types: sets and map lists reject duplicates', () => {
  assert.deepEqual(messages(cr({ size: 'small', tags: ['a', 'a'], ports: [{ name: 'x' }, { name: 'y' }, { name: 'x' }] })), [
    'spec.tags[1]: Duplicate value: "a"',
    'spec.ports[2]: Duplicate value: {"name":"x"}',
  ]);
});

test('updates ratchet: errors on unchanged values are not reported', () => {
  const old = cr({ size: 'medium', replicas: 0 });
  assert.deepEqual(messages(cr({ size: 'medium', replicas: 2 }), old), []);
  assert.deepEqual(messages(cr({ size: 'medium', replicas: 20 }), old), [
    'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
  ]);
});

test('requests are pruned, nulls dropped and defaults applied', () => {
  const obj = cr({
    size: 'small', unknown: 1, replicas: null, optional: null, ports: [{ name: 'x', extra: true }],
    free: { anything: { deep: 1 }, known: { a: 'x', b: 'pruned' } },
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', bogus: 1 }, data: { k: 'v' } },
  }, { extra: 'top', metadata: { name: 'w', unknownMeta: 'x' } });
  const unknown = schema.coerceRequest(obj);
  schema.default(obj);
  assert.deepEqual(unknown, ['extra', 'metadata.unknownMeta', 'spec.free.known.b', 'spec.ports[0].extra', 'spec.unknown']);
  assert.deepEqual(obj, {
    apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' },
    spec: {
      size: 'small', replicas: 1, optional: null, ports: [{ name: 'x', protocol: 'TCP' }],
      free: { anything: { deep: 1 }, known: { a: 'x' } },
      template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } },
      nested: { mode: 'auto' },
    },
  });
});

test('mistyped metadata fails a request and is dropped from stored data', () => {
  assert.throws(() => schema.coerceRequest(cr({ size: 'small' }, { metadata: { name: 'w', labels: ['x'] as unknown as Record<string, string> } })), (e: unknown) =>
    e instanceof CoercionError && e.message === 'json: cannot unmarshal array into Go struct field ObjectMeta.labels of type map[string]string');
  assert.throws(() => schema.coerceRequest(cr({ size: 'small', template: { apiVersion: 1, kind: 'X' } })), /spec.template.apiVersion: Invalid value: 1: must be a string/);
  const stored = cr({ size: 'small' }, { metadata: { name: 'w', labels: ['x'] as unknown as Record<string, string> } });
  schema.coerceStored(stored);
  assert.deepEqual(stored.metadata, { name: 'w' });
});

test('embedded resources need apiVersion and kind, and valid metadata', () => {
  assert.deepEqual(messages(cr({ size: 'small', template: { metadata: { name: 'a/b', labels: { 'bad key!': 'x' } } } })).map((m) => m.split(':')[0]), [
    'spec.template.apiVersion', 'spec.template.kind', 'spec.template.metadata.name', 'spec.template.metadata.labels',
  ]);
});

test('status validation covers only status', () => {
  const old = cr({ size: 'small' });
  const errors = schema.validateStatus(cr({ size: 'bogus' }, { status: { ready: 'yes' } }), old);
  assert.deepEqual(errors.map((e) => `${e.field}: ${e.message}`), ['status.ready: Invalid value: "string": ready in body must be of type boolean: "string"']);
});
