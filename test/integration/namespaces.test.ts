/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON response bodies */
// Namespace lifecycle inside the embedded server: Terminating, no new content, purge of built-in
// and custom objects with their finalizers honoured, status conditions, /finalize, removal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { CRDS, send, statusMessage, widgetCrd } from '../support/crds.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

const nsUrl = (name: string, base = ts.url): string => `${base}/api/v1/namespaces/${name}`;
const settle = (): Promise<void> => ts.server.controllers.idle();

test('deleting a namespace purges it, honouring finalizers, then removes it', async () => {
  assert.equal((await send(`${ts.url}${CRDS}`, 'POST', widgetCrd())).status, 201);
  assert.equal((await send(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name: 'doomed' } })).status, 201);
  await send(`${nsUrl('doomed')}/configmaps`, 'POST', { metadata: { name: 'plain' } });
  await send(`${nsUrl('doomed')}/configmaps`, 'POST', { metadata: { name: 'held', finalizers: ['example.com/hold'] } });
  await send(`${nsUrl('doomed')}/secrets`, 'POST', { metadata: { name: 's' }, stringData: { a: 'b' } });
  await send(`${ts.url}/apis/example.com/v1/namespaces/doomed/widgets`, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'small' } });

  const deleted = await call(nsUrl('doomed'), { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.kind, 'Namespace');
  assert.equal(deleted.body.status.phase, 'Terminating');
  assert.ok(deleted.body.metadata.deletionTimestamp);
  assert.deepEqual(deleted.body.spec.finalizers, ['kubernetes']);

  const refused = await send(`${nsUrl('doomed')}/configmaps`, 'POST', { metadata: { name: 'late' } });
  assert.equal(refused.status, 403);
  assert.equal(statusMessage(refused), 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
  assert.equal(refused.body.details.causes[0].reason, 'NamespaceTerminating');

  await settle();
  assert.deepEqual((await call(`${nsUrl('doomed')}/configmaps`)).body.items.map((c: any) => c.metadata.name), ['held']);
  assert.deepEqual((await call(`${nsUrl('doomed')}/secrets`)).body.items, []);
  assert.deepEqual((await call(`${ts.url}/apis/example.com/v1/namespaces/doomed/widgets`)).body.items, []);
  const terminating = (await call(nsUrl('doomed'))).body;
  const conditions = Object.fromEntries(terminating.status.conditions.map((c: any) => [c.type, [c.status, c.reason, c.message]]));
  assert.deepEqual(conditions, {
    NamespaceDeletionDiscoveryFailure: ['False', 'ResourcesDiscovered', 'All resources successfully discovered'],
    NamespaceDeletionGroupVersionParsingFailure: ['False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
    NamespaceDeletionContentFailure: ['False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
    NamespaceContentRemaining: ['True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
    NamespaceFinalizersRemaining: ['True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances'],
  });

  await send(`${nsUrl('doomed')}/configmaps/held`, 'PATCH', { metadata: { finalizers: null } }, 'application/merge-patch+json');
  await settle();
  const gone = await call(nsUrl('doomed'));
  assert.equal(gone.status, 404);
  assert.equal(statusMessage(gone), 'namespaces "doomed" not found');
  await call(`${ts.url}${CRDS}/widgets.example.com`, { method: 'DELETE' });
  await settle();
});

test('/finalize removes spec finalizers; a finalized namespace goes once it is deleted', async () => {
  await send(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name: 'manual' } });
  const ns = (await call(nsUrl('manual'))).body;
  // The main resource cannot change spec.finalizers; /finalize can.
  const ignored = await send(nsUrl('manual'), 'PUT', { ...ns, spec: { finalizers: [] } });
  assert.deepEqual(ignored.body.spec.finalizers, ['kubernetes']);
  // That PUT was recorded in managedFields (kube's field manager runs before the strategy resets
  // spec.finalizers), so the namespace has a new resourceVersion: continue from it.
  const current = ignored.body;
  const bad = await send(`${nsUrl('manual')}/finalize`, 'PUT', { ...current, spec: { finalizers: ['not-qualified'] } });
  assert.equal(bad.status, 422);
  assert.equal(statusMessage(bad), 'Namespace "manual" is invalid: spec.finalizers: Invalid value: "not-qualified": name is neither a standard finalizer name nor is it fully qualified');
  const finalized = await send(`${nsUrl('manual')}/finalize`, 'PUT', { ...current, spec: { finalizers: [] }, status: { phase: 'Bogus' } });
  assert.equal(finalized.status, 200);
  assert.deepEqual(finalized.body.spec, { finalizers: [] });
  assert.equal(finalized.body.status.phase, 'Active', '/finalize keeps the stored status');
  const deleted = await call(nsUrl('manual'), { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.status.phase, 'Terminating', 'the first DELETE only marks it, as kube-apiserver does');
  await settle();
  assert.equal((await call(nsUrl('manual'))).status, 404);
  const discovery = (await call(`${ts.url}/api/v1`)).body.resources.find((r: any) => r.name === 'namespaces/finalize');
  assert.deepEqual(discovery?.verbs, ['update']);
});

test('system namespaces cannot be deleted; logical clusters terminate their own namespaces', async () => {
  const protectedNs = await call(nsUrl('kube-system'), { method: 'DELETE' });
  assert.equal(protectedNs.status, 403);
  await ts.server.clusters.create('ns-edge');
  const edge = `${ts.url}/clusters/ns-edge`;
  await send(`${edge}/api/v1/namespaces`, 'POST', { metadata: { name: 'apps' } });
  await send(`${edge}/api/v1/namespaces/apps/configmaps`, 'POST', { metadata: { name: 'c' } });
  await send(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name: 'apps' } });
  await send(`${ts.url}/api/v1/namespaces/apps/configmaps`, 'POST', { metadata: { name: 'c' } });
  await call(nsUrl('apps', edge), { method: 'DELETE' });
  await settle();
  assert.equal((await call(nsUrl('apps', edge))).status, 404);
  assert.equal((await call(`${ts.url}/api/v1/namespaces/apps/configmaps/c`)).status, 200, 'the root cluster\'s namespace of the same name is untouched');
});

test('a namespace terminating when the server stops finishes after the restart', async () => {
  await send(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name: 'resume' } });
  await send(`${nsUrl('resume')}/configmaps`, 'POST', { metadata: { name: 'held', finalizers: ['example.com/hold'] } });
  await call(nsUrl('resume'), { method: 'DELETE' });
  await settle();
  const dir = ts.dir;
  await ts.stop(true);
  ts = await startTestServer({ dir });
  await send(`${nsUrl('resume')}/configmaps/held`, 'PATCH', { metadata: { finalizers: null } }, 'application/merge-patch+json');
  await settle();
  assert.equal((await call(nsUrl('resume'))).status, 404);
});
