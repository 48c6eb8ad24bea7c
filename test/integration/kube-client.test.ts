 
// src/kube against the real embedded API server: kubeconfig loading and auth (token, client
// certificate, custom CA over TLS), the dynamic client's verbs, typed errors, discovery refresh,
// watch streaming, rate limiting and request timeouts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ApiServer } from '../../src/apiserver/server.js';
import { createSqliteBackend, type Backend } from '../../src/store/index.js';
import {
  type KubeClient, type WatchEvent, KubeApiError, KubeTransportError, KubeconfigError, NoKindMatchError, bearerToken, createClient,
  inClusterConnection, isAlreadyExists, isConflict, isInvalid, isNotFound, loadKubeconfig,
} from '../../src/kube/index.js';
import { ManualClock, systemClock } from '../../src/util/index.js';
import { generateTls, type TlsMaterial } from '../support/tls.js';
import { IN_CI, which } from '../support/external-tools.js';

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const TOKEN = 'secret-token-for-tests';

let dir: string;
let backend: Backend;
let api: ApiServer;
let httpUrl: string;
let https: Server | undefined;
let httpsUrl = '';
let tls: TlsMaterial | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flotilla-kube-'));
  backend = createSqliteBackend({ path: join(dir, 'db.sqlite') });
  api = await ApiServer.create({
    backend,
    authenticate: (req) => {
      const socket = req.socket as Partial<TLSSocket>;
      if (socket.authorized) return { name: 'cert-user' };
      return req.headers.authorization === `Bearer ${TOKEN}` ? { name: 'token-user' } : undefined;
    },
  });
  const address = await api.listen({ host: '127.0.0.1', port: 0 });
  httpUrl = `http://127.0.0.1:${address.port}`;
  if (which('openssl') || IN_CI) {
    tls = generateTls();
    https = createHttpsServer({ key: tls.serverKey, cert: tls.serverCert, ca: tls.ca, requestCert: true, rejectUnauthorized: false }, api.handle);
    await new Promise<void>((resolve) => https!.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  }
});

after(async () => {
  https?.closeAllConnections();
  await new Promise<void>((resolve) => (https ? https.close(() => resolve()) : resolve()));
  await api.close();
  await backend.close();
  tls?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function tokenClient(settings: Parameters<typeof createClient>[1] = {}): KubeClient {
  return createClient({ server: httpUrl, credentials: bearerToken(TOKEN) }, { fieldManager: 'flotilla-test', ...settings });
}

function writeKubeconfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('kubeconfig and authentication', () => {
  test('a token kubeconfig with two contexts: the current one, or the one asked for', async () => {
    const path = writeKubeconfig('token.yaml', [
      'apiVersion: v1', 'kind: Config', 'current-context: good',
      'clusters:', '- name: c', '  cluster:', `    server: ${httpUrl}/`, '    insecure-skip-tls-verify: true',
      'users:', '- name: good', '  user:', `    token: ${TOKEN}`, '- name: bad', '  user:', '    token: wrong',
      'contexts:', '- name: good', '  context: {cluster: c, user: good, namespace: team-a}', '- name: bad', '  context: {cluster: c, user: bad}', '',
    ].join('\n'));
    const good = loadKubeconfig({ path });
    assert.equal(good.server, httpUrl);
    assert.equal(good.namespace, 'team-a');
    const ns = await createClient(good).get({ apiVersion: 'v1', kind: 'Namespace' }, 'default');
    assert.equal(ns.metadata?.name, 'default');
    const denied = await createClient(loadKubeconfig({ path, context: 'bad' })).get({ apiVersion: 'v1', kind: 'Namespace' }, 'default').catch((e: unknown) => e);
    assert.ok(denied instanceof KubeApiError);
    assert.equal(denied.reason, 'Unauthorized');
    assert.equal(denied.code, 'KUBE_UNAUTHORIZED');
    assert.throws(() => loadKubeconfig({ path, context: 'nope' }), (e: unknown) => e instanceof KubeconfigError && /context "nope" not found/.test(e.message));
    assert.throws(() => loadKubeconfig({ path: join(dir, 'missing.yaml') }), (e: unknown) => e instanceof KubeconfigError && /cannot load kubeconfig/.test(e.message));
  });

  test('TLS with a custom CA and a client certificate (files relative to the kubeconfig)', async (t) => {
    if (!tls) return void t.skip('openssl is not installed on this machine');
    const path = writeKubeconfig('tls.yaml', [
      'apiVersion: v1', 'kind: Config', 'current-context: x',
      'clusters:', '- name: c', '  cluster:', `    server: ${httpsUrl}`, `    certificate-authority: ${tls.paths.ca}`,
      'users:', '- name: u', '  user:', `    client-certificate: ${tls.paths.clientCert}`, `    client-key-data: ${tls.clientKey.toString('base64')}`,
      'contexts:', '- name: x', '  context: {cluster: c, user: u}', '',
    ].join('\n'));
    const client = createClient(loadKubeconfig({ path }));
    const created = await client.create({ ...CM, metadata: { name: 'over-tls', namespace: 'default' }, data: { a: '1' } });
    assert.equal(created.metadata?.name, 'over-tls');
    // Without the CA the server certificate is not trusted.
    const untrusted = await createClient({ server: httpsUrl, credentials: bearerToken(TOKEN) }).get(CM, 'over-tls', { namespace: 'default' }).catch((e: unknown) => e);
    assert.ok(untrusted instanceof KubeTransportError, String(untrusted));
    // insecure-skip-tls-verify accepts it; the bearer token authenticates.
    const insecure = await createClient({ server: httpsUrl, insecureSkipTlsVerify: true, credentials: bearerToken(TOKEN) }).get(CM, 'over-tls', { namespace: 'default' });
    assert.equal(insecure.metadata?.name, 'over-tls');
  });

  test('in-cluster: the service account token file is read and the namespace taken from it', async () => {
    const sa = join(dir, 'sa');
    (await import('node:fs')).mkdirSync(sa);
    writeFileSync(join(sa, 'token'), `${TOKEN}\n`);
    writeFileSync(join(sa, 'namespace'), 'flotilla-system');
    writeFileSync(join(sa, 'ca.crt'), tls?.ca ?? 'not a real CA');
    const connection = inClusterConnection({ host: '127.0.0.1', port: 443, serviceAccountDir: sa });
    assert.equal(connection.server, 'https://127.0.0.1:443');
    assert.equal(connection.namespace, 'flotilla-system');
    assert.equal(await connection.credentials?.authorization(), `Bearer ${TOKEN}`);
    assert.throws(() => inClusterConnection({ host: '10.0.0.1', port: 443, serviceAccountDir: join(dir, 'nope') }), /not running in a cluster/);
  });
});

describe('dynamic client', () => {
  test('create, get, list with selectors and pages, update with conflict detection, delete', async () => {
    const client = tokenClient();
    for (const i of [1, 2, 3]) await client.create({ ...CM, metadata: { name: `dc-${i}`, namespace: 'default', labels: { set: 'dc', n: String(i) } }, data: { i: String(i) } });
    const dup = await client.create({ ...CM, metadata: { name: 'dc-1', namespace: 'default' } }).catch((e: unknown) => e);
    assert.ok(isAlreadyExists(dup));
    assert.equal((dup as KubeApiError).httpCode, 409);
    const page1 = await client.list(CM, { namespace: 'default', labelSelector: 'set=dc', limit: 2 });
    assert.deepEqual(page1.items.map((o) => o.metadata?.name), ['dc-1', 'dc-2']);
    assert.equal(page1.items[0]?.kind, 'ConfigMap');
    assert.ok(page1.metadata.continue);
    const page2 = await client.list(CM, { namespace: 'default', labelSelector: 'set=dc', limit: 2, continue: page1.metadata.continue });
    assert.deepEqual(page2.items.map((o) => o.metadata?.name), ['dc-3']);
    const byField = await client.list(CM, { fieldSelector: 'metadata.name=dc-2' });
    assert.deepEqual(byField.items.map((o) => o.metadata?.name), ['dc-2']);
    const one = await client.get(CM, 'dc-1', { namespace: 'default' });
    const updated = await client.update({ ...one, data: { i: 'changed' } });
    assert.notEqual(updated.metadata?.resourceVersion, one.metadata?.resourceVersion);
    const stale = await client.update({ ...one, data: { i: 'stale' } }).catch((e: unknown) => e);
    assert.ok(isConflict(stale));
    assert.match((stale as Error).message, /the object has been modified/);
    await client.delete(CM, 'dc-1', { namespace: 'default', propagationPolicy: 'Background' });
    const gone = await client.get(CM, 'dc-1', { namespace: 'default' }).catch((e: unknown) => e);
    assert.ok(isNotFound(gone));
    assert.equal((gone as KubeApiError).message, 'configmaps "dc-1" not found');
    await assert.rejects(client.create({ ...CM, metadata: { name: 'no-ns' } }), /metadata.namespace is required/);
  });

  test('patches: merge, JSON patch, strategic, server-side apply with field manager and force', async () => {
    const client = tokenClient();
    await client.create({ ...CM, metadata: { name: 'patched', namespace: 'default' }, data: { a: '1' } });
    const merged = await client.patch(CM, 'patched', { data: { b: '2' } }, { type: 'merge', namespace: 'default' });
    assert.deepEqual(merged.data, { a: '1', b: '2' });
    const jsonPatched = await client.patch(CM, 'patched', [{ op: 'remove', path: '/data/a' }], { type: 'json', namespace: 'default' });
    assert.deepEqual(jsonPatched.data, { b: '2' });
    const strategic = await client.patch(CM, 'patched', { metadata: { labels: { s: 'y' } } }, { type: 'strategic', namespace: 'default' });
    assert.deepEqual(strategic.metadata?.labels, { s: 'y' });
    const badPatch = await client.patch(CM, 'patched', [{ op: 'test', path: '/data/b', value: 'nope' }], { type: 'json', namespace: 'default' }).catch((e: unknown) => e);
    assert.ok(isInvalid(badPatch), String(badPatch));
    const applied = await client.apply({ ...CM, metadata: { name: 'applied', namespace: 'default' }, data: { k: 'v' } });
    assert.equal(applied.data?.k, 'v');
    const reapplied = await client.apply({ ...CM, metadata: { name: 'applied', namespace: 'default' }, data: { k: 'v2' } }, { fieldManager: 'other' });
    assert.equal(reapplied.data?.k, 'v2');
    await assert.rejects(createClient({ server: httpUrl, credentials: bearerToken(TOKEN) }).apply({ ...CM, metadata: { name: 'x', namespace: 'default' } }), /requires a field manager/);
  });

  test('status subresource: updateStatus and patchStatus touch only status', async () => {
    const client = tokenClient();
    const crd = await applyWidgetCrd(client, 'statuswidgets');
    const gvk = { apiVersion: 'example.com/v1', kind: crd };
    const created = await client.create({ ...gvk, metadata: { name: 'w', namespace: 'default' }, spec: { size: 1 } });
    const withStatus = await client.updateStatus({ ...created, spec: { size: 99 }, status: { phase: 'Ready' } });
    assert.deepEqual(withStatus.status, { phase: 'Ready' });
    assert.deepEqual(withStatus.spec, { size: 1 });
    const patched = await client.patchStatus(gvk, 'w', { status: { phase: 'Done' } }, { type: 'merge', namespace: 'default' });
    assert.deepEqual(patched.status, { phase: 'Done' });
  });

  test('discovery: an unknown kind fails with NoKindMatch, then resolves once its CRD exists', async () => {
    const client = tokenClient();
    const gvk = { apiVersion: 'example.com/v1', kind: 'Gadget' };
    const missing = await client.get(gvk, 'x', { namespace: 'default' }).catch((e: unknown) => e);
    assert.ok(missing instanceof NoKindMatchError);
    assert.equal(missing.message, 'no matches for kind "Gadget" in version "example.com/v1"');
    await applyWidgetCrd(client, 'gadgets', 'Gadget');
    client.discovery.invalidate('example.com/v1');
    const made = await client.create({ ...gvk, metadata: { name: 'g', namespace: 'default' }, spec: {} });
    assert.equal(made.kind, 'Gadget');
  });

  test('watch streams events from a resourceVersion, with bookmarks and sendInitialEvents', async () => {
    const client = tokenClient();
    const list = await client.list(CM, { namespace: 'default' });
    const events: WatchEvent[] = [];
    let notify: () => void = () => undefined;
    const stream = await client.watch(CM, {
      namespace: 'default', resourceVersion: list.metadata.resourceVersion!, allowWatchBookmarks: true, timeoutSeconds: 60,
      onEvent: (e) => { events.push(e); notify(); },
    });
    const waitFor = (n: number): Promise<void> => new Promise((resolve) => {
      notify = () => void (events.length >= n && resolve());
      notify();
    });
    await client.create({ ...CM, metadata: { name: 'watched', namespace: 'default' } });
    await client.delete(CM, 'watched', { namespace: 'default' });
    await waitFor(2);
    assert.deepEqual(events.map((e) => `${e.type}:${e.object.metadata?.name}`), ['ADDED:watched', 'DELETED:watched']);
    stream.close();
    await stream.done;

    const initial: WatchEvent[] = [];
    let resolveEnd: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (resolveEnd = resolve));
    const listWatch = await client.watch(CM, {
      namespace: 'default', labelSelector: 'set=dc', sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true,
      onEvent: (e) => {
        initial.push(e);
        if (e.type === 'BOOKMARK' && e.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true') resolveEnd();
      },
    });
    await ended;
    assert.deepEqual(initial.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata?.name).sort(), ['dc-2', 'dc-3']);
    listWatch.close();
    await listWatch.done;
  });
});

describe('transport', () => {
  test('the token bucket spaces requests once the burst is spent', async () => {
    const clock = new ManualClock(0);
    const client = tokenClient({ qps: 1, burst: 2, clock });
    await client.get({ apiVersion: 'v1', kind: 'Namespace' }, 'default'); // discovery + get: the burst
    let third = false;
    const pending = client.get({ apiVersion: 'v1', kind: 'Namespace' }, 'default').then(() => (third = true));
    await clock.advance(500);
    assert.equal(third, false);
    await clock.advance(600);
    await pending;
    assert.equal(third, true);
  });

  test('a request to a server that never answers times out; a closed port is refused', async () => {
    const sockets: Socket[] = [];
    const blackhole = createNetServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const clock = new ManualClock(0);
    const port = (blackhole.address() as AddressInfo).port;
    const client = createClient({ server: `http://127.0.0.1:${port}` }, { clock, timeoutMs: 5000 });
    const pending = client.transport.request({ method: 'GET', path: '/api/v1/namespaces' }).catch((e: unknown) => e);
    while (sockets.length === 0) await new Promise((r) => setImmediate(r));
    await clock.advance(5000);
    const error = await pending;
    assert.ok(error instanceof KubeTransportError);
    assert.equal(error.code, 'KUBE_REQUEST_TIMEOUT');
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => blackhole.close(() => resolve()));
    const refused = await createClient({ server: `http://127.0.0.1:${port}` }, { clock: systemClock }).transport.request({ method: 'GET', path: '/api' }).catch((e: unknown) => e);
    assert.ok(refused instanceof KubeTransportError);
    assert.equal(refused.code, 'KUBE_CONNECTION_REFUSED');
  });
});

/** Creates a namespaced CRD `<plural>.example.com` with a status subresource; returns its kind. */
async function applyWidgetCrd(client: KubeClient, plural: string, kind = `${plural[0]!.toUpperCase()}${plural.slice(1, -1)}`): Promise<string> {
  await client.create({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural, singular: plural.slice(0, -1), kind, listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
  return kind;
}
