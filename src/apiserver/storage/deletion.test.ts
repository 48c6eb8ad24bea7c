import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/object.js';
import { builtin } from '../registry/builtin/define.js';
import { deletionPending, planDeletion } from './deletion.js';

const plain = builtin({ plural: 'configmaps', kind: 'ConfigMap', namespaced: true });
const withCleanup = builtin({ plural: 'widgets', kind: 'Widget', namespaced: false, strategy: { finalizersOnDelete: () => ['example.com/cleanup'] } });
const obj = (finalizers?: string[], deleting = false): KubeObject => ({
  metadata: { name: 'a', ...(finalizers ? { finalizers } : {}), ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
});

test('propagation policies map to the garbage collector finalizers like kube-apiserver', () => {
  assert.deepEqual(planDeletion(plain, obj(), {}), { finalizers: [], changed: false });
  assert.deepEqual(planDeletion(plain, obj(), { propagationPolicy: 'Background' }), { finalizers: [], changed: false });
  assert.deepEqual(planDeletion(plain, obj(['a.io/x']), { propagationPolicy: 'Orphan' }), { finalizers: ['a.io/x', 'orphan'], changed: true });
  assert.deepEqual(planDeletion(plain, obj(), { propagationPolicy: 'Foreground' }), { finalizers: ['foregroundDeletion'], changed: true });
  assert.deepEqual(planDeletion(plain, obj(), { orphanDependents: true }), { finalizers: ['orphan'], changed: true });
  assert.deepEqual(planDeletion(plain, obj(), { orphanDependents: false }), { finalizers: [], changed: false });
  // A later DELETE may switch the policy of an object already being deleted.
  assert.deepEqual(planDeletion(plain, obj(['orphan'], true), { propagationPolicy: 'Foreground' }), { finalizers: ['foregroundDeletion'], changed: true });
  // Without an explicit policy, a GC finalizer already present keeps deciding.
  assert.deepEqual(planDeletion(plain, obj(['foregroundDeletion'], true), {}), { finalizers: ['foregroundDeletion'], changed: false });
});

test('types add their own finalizers on the first deletion only', () => {
  assert.deepEqual(planDeletion(withCleanup, obj(), {}), { finalizers: ['example.com/cleanup'], changed: true });
  assert.deepEqual(planDeletion(withCleanup, obj([], true), {}), { finalizers: [], changed: false });
  assert.equal(deletionPending(plain, obj()), false);
  assert.equal(deletionPending(plain, obj(['x'])), true);
});
