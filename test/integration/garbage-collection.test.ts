/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON response bodies */
// ownerReferences garbage collection inside the embedded server: background, foreground with
// blockOwnerDeletion, orphan, dangling references, namespaced lookups, custom resource owners,
// per logical cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { CRDS, send, statusMessage, widgetCrd } from '../support/crds.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

const cms = (base: string, ns = 'default'): string => `${base}/api/v1/namespaces/${ns}/configmaps`;
const settle = (): Promise<void> => ts.server.controllers.idle();

async function configMap(name: string, extra: Record<string, unknown> = {}, base = ts.url, ns = 'default'): Promise<any> {
  const res = await send(cms(base, ns), 'POST', { metadata: { name, ...extra } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function ownedBy(owner: any, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: owner.apiVersion ?? 'v1', kind: owner.kind ?? 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid, ...extra };
}

async function names(base = ts.url, ns = 'default'): Promise<string[]> {
  return (await call(cms(base, ns))).body.items.map((i: any) => i.metadata.name).filter((n: string) => n.startsWith('gc-'));
}

test('background and default propagation: dependents follow their deleted owner', async () => {
  for (const policy of ['Background', undefined]) {
    const owner = await configMap('gc-owner');
    await configMap('gc-child', { ownerReferences: [ownedBy(owner)] });
    const grandchild = await configMap('gc-grandchild', { ownerReferences: [ownedBy((await call(`${cms(ts.url)}/gc-child`)).body)] });
    assert.ok(grandchild.metadata.uid);
    const res = await send(`${cms(ts.url)}/gc-owner`, 'DELETE', policy ? { propagationPolicy: policy } : {});
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'Success');
    await settle();
    assert.deepEqual(await names(), []);
  }
});

test('foreground: dependents with blockOwnerDeletion go first, then the owner', async () => {
  const owner = await configMap('gc-fg-owner');
  await configMap('gc-fg-free', { ownerReferences: [ownedBy(owner)] });
  await configMap('gc-fg-held', { ownerReferences: [ownedBy(owner, { blockOwnerDeletion: true })], finalizers: ['example.com/hold'] });
  const res = await send(`${cms(ts.url)}/gc-fg-owner`, 'DELETE', { propagationPolicy: 'Foreground' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.metadata.finalizers, ['foregroundDeletion']);
  assert.ok(res.body.metadata.deletionTimestamp);
  await settle();
  assert.deepEqual(await names(), ['gc-fg-held', 'gc-fg-owner'], 'the owner waits for its blocking dependent');
  assert.ok((await call(`${cms(ts.url)}/gc-fg-held`)).body.metadata.deletionTimestamp, 'the blocking dependent is being deleted');
  await send(`${cms(ts.url)}/gc-fg-held`, 'PATCH', { metadata: { finalizers: null } }, 'application/merge-patch+json');
  await settle();
  assert.deepEqual(await names(), []);
});

test('orphan: the owner goes, its dependents stay without the reference', async () => {
  const owner = await configMap('gc-or-owner');
  const other = await configMap('gc-or-other');
  await configMap('gc-or-child', { ownerReferences: [ownedBy(owner), ownedBy(other)] });
  const res = await call(`${cms(ts.url)}/gc-or-owner?propagationPolicy=Orphan`, { method: 'DELETE' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.metadata.finalizers, ['orphan']);
  await settle();
  assert.deepEqual(await names(), ['gc-or-child', 'gc-or-other']);
  const child = (await call(`${cms(ts.url)}/gc-or-child`)).body;
  assert.deepEqual(child.metadata.ownerReferences, [ownedBy(other)]);
  for (const name of ['gc-or-child', 'gc-or-other']) await call(`${cms(ts.url)}/${name}`, { method: 'DELETE' });
  await settle();
});

test('dangling references: objects whose owners never existed are collected; others keep only live owners', async () => {
  const live = await configMap('gc-live');
  const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'gc-ghost', uid: '00000000-0000-0000-0000-000000000001' };
  await configMap('gc-dangling', { ownerReferences: [ghost] });
  await configMap('gc-mixed', { ownerReferences: [ghost, ownedBy(live)] });
  // A namespaced owner is looked up in the dependent's namespace: the same name elsewhere does not count.
  await send(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name: 'gc-other-ns' } });
  await configMap('gc-elsewhere', { ownerReferences: [ownedBy(live)] }, ts.url, 'gc-other-ns');
  await settle();
  assert.deepEqual(await names(), ['gc-live', 'gc-mixed']);
  assert.deepEqual((await call(`${cms(ts.url)}/gc-mixed`)).body.metadata.ownerReferences, [ownedBy(live)]);
  assert.deepEqual(await names(ts.url, 'gc-other-ns'), []);
  for (const name of ['gc-live']) await call(`${cms(ts.url)}/${name}`, { method: 'DELETE' });
  await settle();
  assert.deepEqual(await names(), []);
});

test('ownerReferences are validated like kube-apiserver', async () => {
  const owner = await configMap('gc-val-owner');
  const twoControllers = await send(cms(ts.url), 'POST', {
    metadata: { name: 'gc-bad', ownerReferences: [ownedBy(owner, { controller: true }), { ...ownedBy(owner, { controller: true }), name: 'other', uid: 'u2' }] },
  });
  assert.equal(twoControllers.status, 422);
  assert.match(statusMessage(twoControllers), /metadata.ownerReferences: Invalid value: .*: Only one reference can have Controller set to true. Found "true" in references for ConfigMap\/gc-val-owner and ConfigMap\/other$/);
  const missing = await send(cms(ts.url), 'POST', { metadata: { name: 'gc-bad', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }] } });
  assert.equal(statusMessage(missing), 'ConfigMap "gc-bad" is invalid: metadata.ownerReferences[0].uid: Required value: must not be empty');
  await call(`${cms(ts.url)}/gc-val-owner`, { method: 'DELETE' });
  await settle();
});

test('custom resources own built-ins, and deleting their CRD cascades through them', async () => {
  assert.equal((await send(`${ts.url}${CRDS}`, 'POST', widgetCrd())).status, 201);
  const widgets = `${ts.url}/apis/example.com/v1/namespaces/default/widgets`;
  const first = (await send(widgets, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'one' }, spec: { size: 'small' } })).body;
  const second = (await send(widgets, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'two' }, spec: { size: 'small' } })).body;
  const secret = (name: string, owner: any): unknown => ({ metadata: { name, ownerReferences: [ownedBy(owner, { controller: true, blockOwnerDeletion: true })] }, stringData: { k: 'v' } });
  await send(`${ts.url}/api/v1/namespaces/default/secrets`, 'POST', secret('gc-secret-one', first));
  await send(`${ts.url}/api/v1/namespaces/default/secrets`, 'POST', secret('gc-secret-two', second));
  const secretNames = async (): Promise<string[]> => (await call(`${ts.url}/api/v1/namespaces/default/secrets`)).body.items.map((s: any) => s.metadata.name).filter((n: string) => n.startsWith('gc-'));
  await call(`${widgets}/one`, { method: 'DELETE' });
  await settle();
  assert.deepEqual(await secretNames(), ['gc-secret-two']);
  await call(`${ts.url}${CRDS}/widgets.example.com`, { method: 'DELETE' });
  await settle();
  assert.deepEqual(await secretNames(), []);
});

test('each logical cluster collects its own garbage', async () => {
  await ts.server.clusters.create('gc-edge');
  const edge = `${ts.url}/clusters/gc-edge`;
  const owner = await configMap('gc-edge-owner', {}, edge);
  await configMap('gc-edge-child', { ownerReferences: [ownedBy(owner)] }, edge);
  await call(`${cms(edge)}/gc-edge-owner`, { method: 'DELETE' });
  await settle();
  assert.deepEqual(await names(edge), []);
});

test('the graph is rebuilt after a restart: dependents of owners deleted later are still collected', async () => {
  const owner = await configMap('gc-rs-owner');
  await configMap('gc-rs-child', { ownerReferences: [ownedBy(owner)] });
  const dir = ts.dir;
  await ts.stop(true);
  ts = await startTestServer({ dir });
  await call(`${cms(ts.url)}/gc-rs-owner`, { method: 'DELETE' });
  await settle();
  assert.deepEqual(await names(), []);
});
