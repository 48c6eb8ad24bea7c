import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ref } from '../schema/builder.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { StrategicPatchError, applyStrategicMergePatch } from './strategic.js';

const secretSchema = { schema: ref('io.k8s.api.core.v1.Secret'), definitions: BUILTIN_DEFINITIONS };
const saSchema = { schema: ref('io.k8s.api.core.v1.ServiceAccount'), definitions: BUILTIN_DEFINITIONS };
const U1 = '11111111-1111-1111-1111-111111111111';
const U2 = '22222222-2222-2222-2222-222222222222';

test('the patch kubectl apply sends when finalizers and ownerReferences change', () => {
  const live = {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name: 's', finalizers: ['a.example/x', 'b.example/y'], ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'p1', uid: U1 }], annotations: { keep: '1' } },
    data: { old: 'b2xk' },
  };
  const patch = {
    metadata: {
      '$deleteFromPrimitiveList/finalizers': ['a.example/x'],
      '$setElementOrder/finalizers': ['b.example/y', 'c.example/z'],
      '$setElementOrder/ownerReferences': [{ uid: U2 }],
      finalizers: ['c.example/z'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'p2', uid: U2 }, { $patch: 'delete', uid: U1 }],
      annotations: { added: '2' },
    },
    stringData: { k: 'v' },
  };
  assert.deepEqual(applyStrategicMergePatch(live, patch, secretSchema), {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name: 's', finalizers: ['b.example/y', 'c.example/z'], ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'p2', uid: U2 }], annotations: { keep: '1', added: '2' } },
    data: { old: 'b2xk' }, stringData: { k: 'v' },
  });
  assert.deepEqual(live.metadata.finalizers, ['a.example/x', 'b.example/y'], 'input untouched');
});

test('lists without a merge strategy are replaced; null deletes; $patch replace and delete on maps', () => {
  const live = { metadata: { name: 'n', labels: { a: '1', b: '2' } }, imagePullSecrets: [{ name: 'x' }, { name: 'y' }], data: { k: 'v' } };
  assert.deepEqual(applyStrategicMergePatch(live, { imagePullSecrets: [{ name: 'z' }], metadata: { labels: { a: null } } }, saSchema), {
    metadata: { name: 'n', labels: { b: '2' } }, imagePullSecrets: [{ name: 'z' }], data: { k: 'v' },
  });
  assert.deepEqual(applyStrategicMergePatch(live, { metadata: { labels: { $patch: 'replace', c: '3' } } }, saSchema).metadata, { name: 'n', labels: { c: '3' } });
  assert.deepEqual(applyStrategicMergePatch(live, { data: { $patch: 'delete' } }, saSchema).data, {});
});

test('merging map lists by key: update in place, append, replace-all element, order by patch then live', () => {
  const live = { secrets: [{ name: 'a', namespace: 'x' }, { name: 'b' }, { name: 'c' }] };
  assert.deepEqual(applyStrategicMergePatch(live, { secrets: [{ name: 'c', fieldPath: 'f' }, { name: 'd' }] }, saSchema).secrets, [
    { name: 'a', namespace: 'x' }, { name: 'b' }, { name: 'c', fieldPath: 'f' }, { name: 'd' },
  ]);
  assert.deepEqual(applyStrategicMergePatch(live, { secrets: [{ $patch: 'replace' }, { name: 'only' }] }, saSchema).secrets, [{ name: 'only' }]);
  assert.deepEqual(applyStrategicMergePatch(live, { '$setElementOrder/secrets': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }, saSchema).secrets, [
    { name: 'c' }, { name: 'a', namespace: 'x' }, { name: 'b' },
  ]);
});

test('$retainKeys drops unlisted fields of the original map; directives never survive in new subtrees', () => {
  const live = { spec: { a: 1, b: 2, c: 3 } };
  assert.deepEqual(applyStrategicMergePatch(live, { spec: { $retainKeys: ['a', 'c'], c: 4 } }, { schema: undefined, definitions: {} }), { spec: { a: 1, c: 4 } });
  assert.deepEqual(applyStrategicMergePatch({}, { metadata: { ownerReferences: [{ uid: U1, name: 'n' }, { $patch: 'delete', uid: U2 }] } }, secretSchema), {
    metadata: { ownerReferences: [{ uid: U1, name: 'n' }] },
  });
});

test('malformed strategic patches are errors', () => {
  assert.throws(() => applyStrategicMergePatch({}, [1], secretSchema), StrategicPatchError);
  assert.throws(() => applyStrategicMergePatch({ metadata: {} }, { metadata: { ownerReferences: [{ name: 'no-uid' }] } }, secretSchema), /does not contain declared merge key: uid/);
  assert.throws(() => applyStrategicMergePatch({}, { metadata: { $patch: 'explode' } }, secretSchema), /unknown patch type/);
  assert.throws(() => applyStrategicMergePatch({ spec: { a: 1 } }, { spec: { $retainKeys: ['a'], b: 1 } }, { schema: undefined, definitions: {} }), /not in \$retainKeys/);
});
