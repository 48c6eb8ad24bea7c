import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlainObject } from '../../api/object.js';
import { createBuiltinTypes } from '../registry/builtin/index.js';
import { builtin } from '../registry/builtin/define.js';
import { BuiltinTypes, ResourceRegistry } from '../registry/registry.js';
import { defaultServiceResolver } from '../crd/conversion/webhook.js';
import { customResourceType } from '../crd/custom-resource.js';
import { groupVersionDocument, hashDocument } from './v3.js';

function registry(): ResourceRegistry {
  const r = new ResourceRegistry(createBuiltinTypes());
  r.register(customResourceType({
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' } } } } } } }],
    },
    status: { conditions: [{ type: 'Established', status: 'True' }] },
  }, { resolveService: defaultServiceResolver })!);
  return r;
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (isPlainObject(value)) {
    if (typeof value.$ref === 'string') out.push(value.$ref);
    Object.values(value).forEach((v) => refsOf(v, out));
  }
  return out;
}

type Doc = { paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; 'x-kubernetes-group-version-kind'?: unknown }>>; components: { schemas: Record<string, Record<string, unknown>> } };

test('every served group-version document has a PATCH with GVK and fieldValidation for each kind, and every $ref resolves', () => {
  const r = registry();
  for (const group of r.groups()) {
    for (const version of group.versions) {
      const doc = groupVersionDocument(r, group.name, version) as unknown as Doc;
      for (const type of r.typesIn(group.name, version)) {
        const kind = { group: group.name, version, kind: type.names.kind };
        const patch = Object.values(doc.paths).find((p) => p.patch && JSON.stringify(p.patch['x-kubernetes-group-version-kind']) === JSON.stringify(kind))?.patch;
        if (type.review) continue;
        assert.ok(patch, `no PATCH for ${JSON.stringify(kind)}`);
        assert.ok(patch.parameters.some((p) => p.name === 'fieldValidation' && p.in === 'query'));
        const schema = Object.values(doc.components.schemas).find((s) => JSON.stringify(s['x-kubernetes-group-version-kind']) === JSON.stringify([kind]));
        assert.ok(schema, `no schema with GVK ${JSON.stringify(kind)}`);
      }
      for (const pointer of refsOf(doc)) {
        assert.ok(doc.components.schemas[pointer.replace('#/components/schemas/', '')], `${group.name}/${version}: dangling ${pointer}`);
      }
    }
  }
});

test('a built-in without a hand-written schema is still published, open, with its GVK', () => {
  const r = new ResourceRegistry(new BuiltinTypes([...createBuiltinTypes().all, builtin({ group: 'rbac.authorization.k8s.io', plural: 'roles', kind: 'Role', namespaced: true })]));
  const doc = groupVersionDocument(r, 'rbac.authorization.k8s.io', 'v1') as unknown as Doc;
  assert.deepEqual(doc.components.schemas['io.k8s.authorization.rbac.v1.Role']?.['x-kubernetes-group-version-kind'], [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' }]);
  for (const pointer of refsOf(doc)) assert.ok(doc.components.schemas[pointer.replace('#/components/schemas/', '')], `dangling ${pointer}`);
});

test('custom resources are published under the reversed-group name with ObjectMeta metadata', () => {
  const doc = groupVersionDocument(registry(), 'example.com', 'v1') as unknown as Doc;
  const widget = doc.components.schemas['com.example.v1.Widget']!;
  assert.deepEqual(Object.keys(widget.properties as object).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.ok(doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']?.patch);
  assert.ok(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
});

test('document hashes follow the content', () => {
  const a = hashDocument(groupVersionDocument(registry(), '', 'v1'));
  assert.equal(a.hash, hashDocument(groupVersionDocument(registry(), '', 'v1')).hash);
  assert.match(a.hash, /^[0-9A-F]{128}$/);
  assert.notEqual(a.hash, hashDocument(groupVersionDocument(registry(), 'example.com', 'v1')).hash);
  assert.equal(groupVersionDocument(registry(), 'nope.io', 'v1'), undefined);
});
