import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinTypes, ResourceRegistry, compareVersionPriority } from './registry.js';
import { ALL_VERBS, type ResourceType, groupResource } from './types.js';

function type(group: string, plural: string, kind: string, versions: string[]): ResourceType {
  return {
    group,
    versions: versions.map((name, i) => ({ name, served: true, storage: i === 0 })),
    names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, shortNames: [], categories: [] },
    namespaced: true,
    verbs: ALL_VERBS,
    subresources: { status: false },
    tracksGeneration: true,
    allowUnconditionalUpdate: false,
    deleteReturnsObject: true,
    origin: group === '' ? { kind: 'builtin' } : { kind: 'crd', crdName: `${plural}.${group}` },
    strategy: {},
  };
}

const builtins = new BuiltinTypes([type('', 'secrets', 'Secret', ['v1'])]);

test('custom types are registered and unregistered at run time, per cluster', () => {
  const a = new ResourceRegistry(builtins);
  const b = new ResourceRegistry(builtins);
  const changes: string[] = [];
  a.onChange((c) => changes.push(`${c.type} ${groupResource(c.resource)}`));
  const widgets = type('example.com', 'widgets', 'Widget', ['v1', 'v1beta1']);
  a.register(widgets);
  assert.equal(a.lookup('example.com', 'v1beta1', 'widgets'), widgets);
  assert.equal(a.lookup('example.com', 'v2', 'widgets'), undefined);
  assert.equal(b.lookup('example.com', 'v1', 'widgets'), undefined, 'clusters are isolated');
  assert.deepEqual(a.groups().map((g) => [g.name, g.preferredVersion, g.versions]), [['', 'v1', ['v1']], ['example.com', 'v1', ['v1', 'v1beta1']]]);
  assert.deepEqual(a.typesIn('example.com', 'v1').map(groupResource), ['widgets.example.com']);
  a.unregister('widgets.example.com');
  assert.equal(a.lookup('example.com', 'v1', 'widgets'), undefined);
  assert.deepEqual(changes, ['registered widgets.example.com', 'unregistered widgets.example.com']);
  assert.throws(() => a.register(type('', 'secrets', 'Secret', ['v1'])), /built-in/);
});

test('versions sort like kube-aware version strings', () => {
  assert.deepEqual(['v1alpha1', 'v1beta2', 'v2', 'v1', 'v1beta1', 'foo', 'v10'].sort(compareVersionPriority), ['v10', 'v2', 'v1', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo']);
});
