/* eslint-disable @typescript-eslint/no-unsafe-member-access -- assertions read untyped JSON response bodies */
// @kubernetes/client-node 1.4.0 against the real embedded API server over HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { type TestServer, startTestServer } from '../support/apiserver.js';

let ts: TestServer;
let kc: k8s.KubeConfig;

function kubeconfig(server: string): k8s.KubeConfig {
  const config = new k8s.KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

before(async () => {
  ts = await startTestServer();
  kc = kubeconfig(ts.url);
});
after(() => ts.stop());

test('CoreV1Api: create, read, list by label, replace with conflict detection, delete', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const created = await core.createNamespacedSecret({
    namespace: 'default',
    body: { metadata: { name: 'cn1', labels: { app: 'demo' } }, stringData: { user: 'admin' } },
  });
  assert.equal(created.data?.user, Buffer.from('admin').toString('base64'));
  assert.equal(created.type, 'Opaque');
  assert.match(created.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
  const listed = await core.listNamespacedSecret({ namespace: 'default', labelSelector: 'app=demo' });
  assert.deepEqual(listed.items.map((s) => s.metadata?.name), ['cn1']);
  const replaced = await core.replaceNamespacedSecret({ name: 'cn1', namespace: 'default', body: { ...created, data: { user: Buffer.from('root').toString('base64') } } });
  assert.notEqual(replaced.metadata?.resourceVersion, created.metadata?.resourceVersion);
  const stale = await core.replaceNamespacedSecret({ name: 'cn1', namespace: 'default', body: created }).catch((e: unknown) => e);
  assert.ok(stale instanceof k8s.ApiException);
  assert.equal(stale.code, 409);
  assert.equal(JSON.parse(stale.body as string).reason, 'Conflict');
  await core.deleteNamespacedSecret({ name: 'cn1', namespace: 'default' });
  const gone = await core.readNamespacedSecret({ name: 'cn1', namespace: 'default' }).catch((e: unknown) => e);
  assert.ok(gone instanceof k8s.ApiException);
  assert.equal(gone.code, 404);
  assert.equal(JSON.parse(gone.body as string).message, 'secrets "cn1" not found');
});

test('KubernetesObjectApi: merge patch and server-side apply payloads', async () => {
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  type WithData = { data: Record<string, string> };
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'default' }, data: { a: '1' } };
  await objects.create(cm);
  const merged = await objects.patch(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'default', labels: { x: 'y' } }, data: { b: '2' } },
    undefined, undefined, undefined, undefined, k8s.PatchStrategy.MergePatch,
  );
  assert.deepEqual(merged.metadata?.labels, { x: 'y' });
  assert.deepEqual((merged as unknown as WithData).data, { a: '1', b: '2' });
  const applied = await objects.patch(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-ssa', namespace: 'default' }, data: { k: 'v' } },
    undefined, undefined, 'flotilla-test', true, k8s.PatchStrategy.ServerSideApply,
  );
  assert.equal((applied as unknown as WithData).data.k, 'v');
  const reapplied = await objects.patch(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-ssa', namespace: 'default' }, data: { k: 'v2' } },
    undefined, undefined, 'flotilla-test', true, k8s.PatchStrategy.ServerSideApply,
  );
  assert.equal((reapplied as unknown as WithData).data.k, 'v2');
});

test('an informer sees add, update and delete, and survives a server-side watch cut', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const events: string[] = [];
  const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'inf=1' }), 'inf=1');
  const seen = (want: string): Promise<void> => new Promise((resolve) => {
    const check = (): void => (events.includes(want) ? resolve() : void setTimeout(check, 10));
    check();
  });
  informer.on('add', (o) => events.push(`add ${o.metadata?.name}`));
  informer.on('update', (o) => events.push(`update ${o.metadata?.name}`));
  informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
  await informer.start();
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'i1', labels: { inf: '1' } }, data: { a: '1' } } });
  await seen('add i1');
  await core.patchNamespacedConfigMap({ name: 'i1', namespace: 'default', body: { data: { a: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  await seen('update i1');
  await ts.server.close(); // cuts every watch; the informer re-watches from its last resourceVersion
  await ts.server.listen({ host: '127.0.0.1', port: Number(new URL(ts.url).port) });
  await core.deleteNamespacedConfigMap({ name: 'i1', namespace: 'default' });
  await seen('delete i1');
  await informer.stop();
  assert.deepEqual(events, ['add i1', 'update i1', 'delete i1']);
});
