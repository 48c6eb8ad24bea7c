import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/object.js';
import { and, annotationsChanged, generationChanged, labelsChanged, not, objectFilter, or, resourceVersionChanged } from './predicate.js';
import { forOwner } from './handler.js';

const obj = (meta: KubeObject['metadata']): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n', ...meta } });

test('update predicates compare what they name; other events pass', () => {
  assert.equal(generationChanged.update!(obj({ generation: 1 }), obj({ generation: 1 })), false);
  assert.equal(generationChanged.update!(obj({ generation: 1 }), obj({ generation: 2 })), true);
  assert.equal('create' in generationChanged, false);
  assert.equal(labelsChanged.update!(obj({ labels: { a: '1' } }), obj({ labels: { a: '1' } })), false);
  assert.equal(labelsChanged.update!(obj({}), obj({ labels: { a: '1' } })), true);
  assert.equal(annotationsChanged.update!(obj({ annotations: { a: '1' } }), obj({ annotations: { a: '2' } })), true);
  assert.equal(resourceVersionChanged.update!(obj({ resourceVersion: '5' }), obj({ resourceVersion: '5' })), false);
});

test('and, or, not and objectFilter combine per event', () => {
  const isX = objectFilter((o) => o.metadata?.name === 'x');
  const both = and(generationChanged, labelsChanged);
  const either = or(generationChanged, labelsChanged);
  const changedGen = [obj({ generation: 1 }), obj({ generation: 2 })] as const;
  assert.equal(both.update!(...changedGen), false);
  assert.equal(either.update!(...changedGen), true);
  assert.equal(not(isX).create!(obj({})), false);
  assert.equal(both.create!(obj({})), true);
});

test('forOwner maps to the controller owner of the given group and kind, any version', () => {
  const owned = obj({ ownerReferences: [
    { apiVersion: 'example.com/v1beta1', kind: 'Widget', name: 'w', uid: '1', controller: true },
    { apiVersion: 'example.com/v1', kind: 'Widget', name: 'other', uid: '2' },
    { apiVersion: 'other.io/v1', kind: 'Widget', name: 'foreign', uid: '3', controller: true },
  ] });
  assert.deepEqual(forOwner({ apiVersion: 'example.com/v1', kind: 'Widget' })(owned), [{ name: 'w', namespace: 'n' }]);
  assert.deepEqual(forOwner({ apiVersion: 'example.com/v1', kind: 'Widget' }, { onlyController: false })(owned, 'east').map((r) => r.name), ['w', 'other']);
});
