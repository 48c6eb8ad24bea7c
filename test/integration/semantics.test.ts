/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON response bodies */
// HTTP semantics and bad input against the real embedded API server: each bad request gets
// kube-apiserver's reason and code, and nothing is stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

const secrets = (): string => `${ts.url}/api/v1/namespaces/default/secrets`;
const json = 'application/json';

async function assertNothingStored(): Promise<void> {
  const list = await call(secrets());
  assert.deepEqual(list.body.items, []);
}

test('bad input is answered like kube-apiserver and nothing is stored', async () => {
  const cases: { body: string | Buffer; contentType?: string; code: number; reason: string; message?: RegExp }[] = [
    { body: '{"apiVersion":"v1",', code: 400, reason: 'BadRequest', message: /json parse error/ },
    { body: 'a: [b', contentType: 'application/yaml', code: 400, reason: 'BadRequest', message: /^error converting YAML to JSON/ },
    { body: Buffer.alloc(3 * 1024 * 1024 + 10, 32), code: 413, reason: 'RequestEntityTooLarge' },
    { body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}', code: 400, reason: 'BadRequest', message: /cannot be handled as a Secret/ },
    { body: '{"apiVersion":"apps/v1","kind":"Secret","metadata":{"name":"x"}}', code: 400, reason: 'BadRequest', message: /does not match the expected API version/ },
    { body: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"Bad_Name"}}', code: 422, reason: 'Invalid', message: /^Secret "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/ },
    {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big' }, data: { k: Buffer.alloc(1024 * 1024 + 1).toString('base64') } }),
      code: 422, reason: 'Invalid', message: /^Secret "big" is invalid: data: Too long: may not be more than 1048576 bytes$/,
    },
    { body: '{}', contentType: 'application/vnd.kubernetes.protobuf', code: 415, reason: 'UnsupportedMediaType' },
    { body: '{"metadata":{"name":"rv","resourceVersion":"5"}}', code: 500, reason: 'InternalError', message: /resourceVersion should not be set on objects to be created/ },
  ];
  for (const c of cases) {
    const res = await call(secrets(), { method: 'POST', body: c.body, contentType: c.contentType ?? json });
    assert.equal(res.status, c.code, JSON.stringify(res.body));
    assert.equal(res.body.kind, 'Status');
    assert.equal(res.body.status, 'Failure');
    assert.equal(res.body.reason, c.reason);
    assert.equal(res.body.code, c.code);
    if (c.message) assert.match(res.body.message, c.message);
  }
  const selector = await call(`${secrets()}?labelSelector=${encodeURIComponent('a in (b')}`);
  assert.equal(selector.status, 400);
  assert.equal(selector.body.reason, 'BadRequest');
  const field = await call(`${secrets()}?fieldSelector=spec.bogus%3Dx`);
  assert.equal(field.status, 400);
  assert.equal(field.body.message, 'field label not supported: spec.bogus');
  await assertNothingStored();
});

test('status bodies for missing things and conflicts match kube wording', async () => {
  const missing = await call(`${ts.url}/apis/example.com/v1/widgets`);
  assert.deepEqual(missing.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  const noNs = await call(`${ts.url}/api/v1/namespaces/nope/configmaps`, { method: 'POST', body: '{"metadata":{"name":"a"}}', contentType: json });
  assert.equal(noNs.status, 404);
  assert.equal(noNs.body.message, 'namespaces "nope" not found');
  await call(secrets(), { method: 'POST', body: '{"metadata":{"name":"dup"}}', contentType: json });
  const dup = await call(secrets(), { method: 'POST', body: '{"metadata":{"name":"dup"}}', contentType: json });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.reason, 'AlreadyExists');
  assert.equal(dup.body.message, 'secrets "dup" already exists');
  const protectedNs = await call(`${ts.url}/api/v1/namespaces/default`, { method: 'DELETE' });
  assert.equal(protectedNs.status, 403);
  assert.equal(protectedNs.body.message, 'namespaces "default" is forbidden: this namespace may not be deleted');
  await call(`${secrets()}/dup`, { method: 'DELETE' });
});

test('finalizers hold a deletion until an update removes them; dryRun stores nothing', async () => {
  const cms = `${ts.url}/api/v1/namespaces/default/configmaps`;
  const dry = await call(`${cms}?dryRun=All`, { method: 'POST', body: '{"metadata":{"name":"dry"}}', contentType: json });
  assert.equal(dry.status, 201);
  assert.equal((await call(`${cms}/dry`)).status, 404);
  await call(cms, { method: 'POST', body: '{"metadata":{"name":"fin","finalizers":["example.com/x"]}}', contentType: json });
  const deleting = await call(`${cms}/fin`, { method: 'DELETE' });
  assert.equal(deleting.status, 200);
  assert.ok(deleting.body.metadata.deletionTimestamp);
  const addMore = await call(`${cms}/fin`, { method: 'PATCH', body: '{"metadata":{"finalizers":["example.com/x","example.com/y"]}}', contentType: 'application/merge-patch+json' });
  assert.equal(addMore.status, 422);
  const removed = await call(`${cms}/fin`, { method: 'PATCH', body: '[{"op":"remove","path":"/metadata/finalizers"}]', contentType: 'application/json-patch+json' });
  assert.equal(removed.status, 200);
  assert.equal((await call(`${cms}/fin`)).status, 404);
});

test('limit/continue pages a consistent snapshot; compaction makes old revisions 410 Expired', async () => {
  const cms = `${ts.url}/api/v1/namespaces/default/configmaps`;
  for (let i = 0; i < 5; i++) await call(cms, { method: 'POST', body: JSON.stringify({ metadata: { name: `p${i}`, labels: { page: 'y' } } }), contentType: json });
  const first = await call(`${cms}?labelSelector=page%3Dy&limit=2`);
  assert.deepEqual(first.body.items.map((o: any) => o.metadata.name), ['p0', 'p1']);
  await call(`${cms}/p2`, { method: 'DELETE' });
  const second = await call(`${cms}?labelSelector=page%3Dy&limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
  assert.deepEqual(second.body.items.map((o: any) => o.metadata.name), ['p2', 'p3'], 'the page reflects the first page\'s revision');
  assert.equal(second.body.metadata.resourceVersion, first.body.metadata.resourceVersion);
  await ts.backend.compact(ts.backend.currentRevision());
  const stale = await call(`${cms}?labelSelector=page%3Dy&limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`);
  assert.equal(stale.status, 410);
  assert.equal(stale.body.reason, 'Expired');
  const watch = await call(`${cms}?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`);
  assert.equal(watch.status, 200);
  const event = typeof watch.body === 'string' ? JSON.parse(watch.body.trim()) : watch.body;
  assert.equal(event.type, 'ERROR');
  assert.equal(event.object.code, 410);
  assert.match(event.object.message, /^too old resource version: \d+ \(\d+\)$/);
});

test('sendInitialEvents streams the state, then the initial-events-end bookmark, then changes', async () => {
  const leases = `${ts.url}/apis/coordination.k8s.io/v1/namespaces/default/leases`;
  await call(leases, { method: 'POST', body: '{"metadata":{"name":"l1"},"spec":{"holderIdentity":"a"}}', contentType: json });
  const controller = new AbortController();
  const res = await fetch(`${leases}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  const lines = async (n: number): Promise<any[]> => {
    while (text.split('\n').length - 1 < n) text += new TextDecoder().decode((await reader.read()).value);
    return text.split('\n').slice(0, n).map((l) => JSON.parse(l));
  };
  const [added, bookmark] = await lines(2);
  assert.equal(added.type, 'ADDED');
  assert.equal(added.object.metadata.name, 'l1');
  assert.equal(bookmark.type, 'BOOKMARK');
  assert.deepEqual(bookmark.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
  await call(`${leases}/l1`, { method: 'DELETE' });
  const [, , deleted] = await lines(3);
  assert.equal(deleted.type, 'DELETED');
  controller.abort();
});

test('logical clusters are isolated from each other and from the root', async () => {
  await ts.server.clusters.create('edge-1');
  const edge = `${ts.url}/clusters/edge-1/api/v1/namespaces/default/configmaps`;
  await call(edge, { method: 'POST', body: '{"metadata":{"name":"only-here"}}', contentType: json });
  assert.equal((await call(`${edge}/only-here`)).status, 200);
  assert.equal((await call(`${ts.url}/api/v1/namespaces/default/configmaps/only-here`)).status, 404);
  assert.equal((await call(`${ts.url}/clusters/nope/api/v1/namespaces`)).status, 404);
  await ts.server.clusters.delete('edge-1');
  assert.equal((await call(edge)).status, 404);
});
