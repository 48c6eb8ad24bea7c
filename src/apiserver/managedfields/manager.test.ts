import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../http/status.js';
import { ref } from '../schema/builder.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { FieldSet, parseElement, pathString } from './fieldpath.js';
import { type WriteContext, applyConfiguration, decodeManagedFields, recordUpdate } from './manager.js';

const base = { definitions: BUILTIN_DEFINITIONS, apiVersion: 'v1', hasStatus: false, now: '2025-01-01T00:00:00Z' };
const cm = (manager: string): WriteContext => ({ ...base, schema: ref('io.k8s.api.core.v1.ConfigMap'), manager });
const sa = (manager: string): WriteContext => ({ ...base, schema: ref('io.k8s.api.core.v1.ServiceAccount'), manager });
const gr = { group: '', resource: 'configmaps' };
const apply = (live: KubeObject | undefined, config: KubeObject, manager: string, force = false): KubeObject =>
  applyConfiguration(live, config, { ...cm(manager), force, gr, name: 'c' }).object;
const fields = (obj: KubeObject): Record<string, unknown> =>
  Object.fromEntries((obj.metadata!.managedFields as { manager: string; operation: string; fieldsV1: unknown }[]).map((e) => [`${e.manager}/${e.operation}`, e.fieldsV1]));

test('FieldsV1 round trip, ordering and "." for members with children', () => {
  const json = { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"u1"}': {} }, 'f:finalizers': { 'v:"x"': {} } } };
  const set = FieldSet.fromFieldsV1(json);
  assert.deepEqual(set.toFieldsV1(), { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:finalizers': { 'v:"x"': {} }, 'f:ownerReferences': { 'k:{"uid":"u1"}': {} } } });
  assert.equal(pathString([parseElement('f:spec'), parseElement('k:{"name":"x","port":80}'), parseElement('f:image')]), '.spec[name="x",port=80].image');
  assert.equal(pathString([parseElement('f:metadata'), parseElement('f:finalizers'), parseElement('v:"a"')]), '.metadata.finalizers[="a"]');
  assert.throws(() => FieldSet.fromFieldsV1({ 'z:bad': {} }), /invalid path element/);
});

test('a create records every set field, with "." on new maps, and never the stripped metadata', () => {
  const created = recordUpdate(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', labels: { app: 'x' } }, data: { a: '1' } }, cm('kubectl-create'));
  assert.deepEqual(created.metadata!.managedFields, [{
    manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
  }]);
});

test('an update takes over the fields it changes; an unchanged write records nothing', () => {
  const created = recordUpdate(undefined, { metadata: { name: 'c' }, data: { a: '1', b: '2' } }, cm('first'));
  const updated = recordUpdate(created, { ...created, data: { a: 'changed', b: '2' } }, cm('second'));
  assert.deepEqual(fields(updated), { 'first/Update': { 'f:data': { '.': {}, 'f:b': {} } }, 'second/Update': { 'f:data': { 'f:a': {} } } });
  assert.deepEqual(recordUpdate(updated, structuredClone(updated), cm('third')).metadata!.managedFields, updated.metadata!.managedFields);
  assert.equal(recordUpdate(updated, { ...updated, metadata: { ...updated.metadata, managedFields: [] } }, cm('x')).metadata!.managedFields, undefined, '[] resets');
});

test('apply: create, conflict with another manager, force takes the field over', () => {
  const live = apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'x' } }, data: { a: '1' } }, 'kubectl');
  assert.deepEqual(fields(live), { 'kubectl/Apply': { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } } });
  const patched = recordUpdate(live, { ...live, data: { a: 'theirs' } }, cm('other'));
  const error = (() => {
    try {
      apply(patched, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'mine' } }, 'kubectl');
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(error instanceof ApiError && error.httpCode === 409);
  assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "other" using v1: .data.a');
  assert.deepEqual(error.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "other" using v1', field: '.data.a' }]);
  const forced = apply(patched, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'mine' } }, 'kubectl', true);
  assert.equal((forced.data as Record<string, string>).a, 'mine');
  assert.deepEqual(fields(forced), { 'kubectl/Apply': { 'f:data': { 'f:a': {} } } });
});

test('apply removes fields the applier dropped unless another manager owns them; same values are co-owned', () => {
  const first = apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { x: '1', y: '2' } }, 'one');
  const coOwned = apply(first, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { y: '2' } }, 'two');
  const pruned = apply(coOwned, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } } }, 'one');
  assert.deepEqual(pruned.metadata!.labels, { a: '1' });
  assert.deepEqual(pruned.data, { y: '2' }, 'x removed; y kept because "two" owns it');
  assert.equal(pruned.metadata!.name, 'c');
  assert.deepEqual(fields(pruned), { 'one/Apply': { 'f:metadata': { 'f:labels': { 'f:a': {} } } }, 'two/Apply': { 'f:data': { 'f:y': {} } } });
});

test('apply merges associative lists by key and records list items', () => {
  const live = applyConfiguration(undefined, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' }, secrets: [{ name: 'a' }, { name: 'b' }] }, { ...sa('one'), force: false, gr, name: 's' }).object;
  const next = applyConfiguration(live, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' }, secrets: [{ name: 'c' }] }, { ...sa('two'), force: false, gr, name: 's' }).object;
  assert.deepEqual(next.secrets, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  assert.deepEqual(fields(next)['two/Apply'], { 'f:secrets': { 'k:{"name":"c"}': {} } }, 'ObjectReference is an atomic struct');
  assert.equal(decodeManagedFields('junk').length, 0);
});
