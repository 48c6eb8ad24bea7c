import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeOf, negotiate, parseAccept } from './negotiate.js';

const TBL = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const AGG_OLD = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

test('kubectl get asks for a Table and falls back to JSON where none is served', () => {
  assert.deepEqual(negotiate(TBL, { table: true }), { kind: 'table', version: 'v1' });
  assert.deepEqual(negotiate(TBL, {}), { kind: 'object', encoding: 'json' });
});

test('aggregated discovery is negotiated by version, in the client order', () => {
  assert.deepEqual(negotiate(AGG, { discovery: true }), { kind: 'discovery', version: 'v2' });
  assert.deepEqual(negotiate(AGG_OLD, { discovery: true }), { kind: 'discovery', version: 'v2beta1' });
  assert.equal(contentTypeOf({ kind: 'discovery', version: 'v2beta1' }), 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
});

test('protobuf entries are skipped; only protobuf is 406; q orders ranges', () => {
  assert.deepEqual(negotiate('application/vnd.kubernetes.protobuf,application/json'), { kind: 'object', encoding: 'json' });
  assert.throws(() => negotiate('application/vnd.kubernetes.protobuf'), /only the following media types are accepted/);
  assert.deepEqual(negotiate('application/json;q=0.5, application/yaml'), { kind: 'object', encoding: 'yaml' });
  assert.deepEqual(negotiate('*/*'), { kind: 'object', encoding: 'json' });
  assert.deepEqual(negotiate(undefined), { kind: 'object', encoding: 'json' });
  assert.equal(parseAccept('text/html;q=0, application/json').length, 1);
});

test('PartialObjectMetadataList content type names the list form', () => {
  const form = negotiate('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json', { partial: true });
  assert.equal(contentTypeOf(form, true), 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io');
});
