/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- assertions read untyped JSON response bodies */
// What clients negotiate over HTTP: aggregated discovery versions, Tables, metadata-only lists,
// YAML in and out, OpenAPI documents by content hash, OpenAPI v2 in protobuf, fieldValidation
// warnings, and protobuf DeleteOptions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageWriter } from '../../src/apiserver/protobuf/wire.js';
import { type TestServer, startTestServer } from '../support/apiserver.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

async function get(path: string, accept?: string): Promise<Response> {
  return fetch(`${ts.url}${path}`, accept ? { headers: { Accept: accept } } : {});
}

test('aggregated discovery answers exactly the version asked for, legacy JSON otherwise', async () => {
  const v2 = await get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json');
  assert.equal(v2.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const body = await v2.json() as any;
  assert.equal(body.apiVersion, 'apidiscovery.k8s.io/v2');
  const coordination = body.items.find((g: any) => g.metadata.name === 'coordination.k8s.io');
  assert.deepEqual(coordination.versions[0].resources[0], {
    resource: 'leases', responseKind: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, scope: 'Namespaced', singularResource: 'lease',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  });
  const old = await get('/api', 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json');
  assert.equal(old.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
  const core = await old.json() as any;
  assert.equal(core.apiVersion, 'apidiscovery.k8s.io/v2beta1');
  assert.deepEqual(core.items.map((g: any) => g.metadata.name), ['']);
  const namespaces = core.items[0].versions[0].resources.find((r: any) => r.resource === 'namespaces');
  assert.deepEqual(namespaces.subresources, [
    { subresource: 'finalize', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['update'] },
    { subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['get', 'patch', 'update'] },
  ]);
  const legacy = await get('/apis', 'application/json');
  assert.equal((await legacy.json() as any).kind, 'APIGroupList');
});

test('Table, PartialObjectMetadataList and YAML forms of reads', async () => {
  await fetch(`${ts.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: 'metadata:\n  name: yaml-in\n  labels: {a: b}\ndata:\n  k: v\n' });
  const table = await (await get('/api/v1/namespaces/default/configmaps?labelSelector=a%3Db', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).json() as any;
  assert.equal(table.kind, 'Table');
  assert.deepEqual(table.rows.map((r: any) => [r.cells[0], r.cells[1], r.object.kind]), [['yaml-in', 1, 'PartialObjectMetadata']]);
  assert.match(table.metadata.resourceVersion, /^\d+$/);
  const partial = await get('/api/v1/namespaces/default/configmaps', 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json');
  assert.equal(partial.headers.get('content-type'), 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io');
  const list = await partial.json() as any;
  assert.equal(list.kind, 'PartialObjectMetadataList');
  assert.equal(list.items[0].data, undefined);
  const yaml = await get('/api/v1/namespaces/default/configmaps/yaml-in', 'application/yaml');
  assert.equal(yaml.headers.get('content-type'), 'application/yaml');
  assert.match(await yaml.text(), /^apiVersion: v1\ndata:\n {2}k: v\nkind: ConfigMap\nmetadata:\n/, "keys sorted as Go maps encode them");
  assert.equal((await get('/api/v1/namespaces', 'application/vnd.kubernetes.protobuf')).status, 406);
});

test('OpenAPI v3: root, content-hash URLs with redirects for stale hashes; v2 in protobuf', async () => {
  const root = await (await get('/openapi/v3')).json() as any;
  const url: string = root.paths['api/v1'].serverRelativeURL;
  assert.match(url, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
  const doc = await get(url);
  assert.equal(doc.headers.get('cache-control'), 'public, immutable');
  const stale = await fetch(`${ts.url}/openapi/v3/api/v1?hash=OLD`, { redirect: 'manual' });
  assert.equal(stale.status, 301);
  assert.equal(stale.headers.get('location'), url);
  const v2 = await get('/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
  assert.equal(v2.headers.get('content-type'), 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  const expected = new MessageWriter().bytes(1, '2.0').bytes(2, new MessageWriter().bytes(1, 'Kubernetes').bytes(2, 'v1.32.0')).finish();
  assert.deepEqual(new Uint8Array(await v2.arrayBuffer()), expected);
  assert.equal((await get('/openapi/v2', 'text/html')).status, 406);
});

test('fieldValidation=Warn answers Warning headers; Strict refuses duplicates and unknown fields', async () => {
  const post = (query: string, body: string): Promise<Response> =>
    fetch(`${ts.url}/api/v1/namespaces/default/configmaps${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const warned = await post('', '{"metadata":{"name":"warned"},"data":{"a":"1"},"extra":1}');
  assert.equal(warned.status, 201);
  assert.equal(warned.headers.get('warning'), '299 - "unknown field \\"extra\\""');
  assert.equal((await warned.json() as any).extra, undefined, 'unknown fields are never stored');
  const strict = await post('?fieldValidation=Strict', '{"metadata":{"name":"strict","name":"again"},"extra":1}');
  assert.equal(strict.status, 400);
  assert.equal((await strict.json() as any).message, 'strict decoding error: duplicate field "metadata.name", unknown field "extra"');
  const invalid = await post('?fieldValidation=Loud', '{"metadata":{"name":"x"}}');
  assert.equal(invalid.status, 422);
});

test('DELETE accepts protobuf DeleteOptions (controller-runtime sends them)', async () => {
  await fetch(`${ts.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"metadata":{"name":"pb-delete"}}' });
  const options = new MessageWriter().bytes(4, 'Background').finish();
  const envelope = new MessageWriter().bytes(1, new MessageWriter().bytes(1, 'v1').bytes(2, 'DeleteOptions')).bytes(2, options).finish();
  const res = await fetch(`${ts.url}/api/v1/namespaces/default/configmaps/pb-delete`, {
    method: 'DELETE', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: Buffer.concat([Buffer.from('k8s\0', 'latin1'), envelope]),
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json() as any).status, 'Success');
});
