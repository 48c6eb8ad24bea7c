/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment -- assertions read untyped JSON response bodies */
// `flotilla apiserver` as users run it: HTTPS with a generated CA, bearer tokens, Secrets
// encrypted at rest, and a restart on the same data directory that keeps the kubeconfig working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ApiServer } from '../../src/apiserver/server.js';
import { createSqliteBackend } from '../../src/store/index.js';
import { httpsCall } from '../support/https.js';
import { call } from '../support/apiserver.js';
import { type CliApiserver, startCliApiserver, stopCliApiserver } from '../support/cli-apiserver.js';

type Running = CliApiserver;
const start = (dir: string, listen: string): Promise<Running> => startCliApiserver(dir, listen, ['--tls-san', 'flotilla.test']);
const stop = stopCliApiserver;

function kubeconfig(dir: string): { server: string; ca: string; token: string } {
  const doc = parseYaml(readFileSync(join(dir, 'kubeconfig'), 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: { token: string } }[];
  };
  return { server: doc.clusters[0]!.cluster.server, ca: Buffer.from(doc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString(), token: doc.users[0]!.user.token };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const CANARY = 'flotilla-canary-7f3a9c-do-not-store';

test('HTTPS with tokens, encryption at rest, and a restart that keeps the kubeconfig working', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-sec-'));
  try {
    const first = await start(dir, '127.0.0.1:0');
    const kc = kubeconfig(dir);
    assert.equal(statSync(join(dir, 'kubeconfig')).mode & 0o777, 0o600);
    assert.equal(kc.server, first.url);
    const auth = { ca: kc.ca, token: kc.token };

    assert.equal((await httpsCall(`${first.url}/api/v1/namespaces`, { ca: kc.ca })).status, 401, 'no credentials');
    const forged = await httpsCall(`${first.url}/healthz`, { ca: kc.ca, token: 'forged' });
    assert.equal(forged.status, 401, 'an invalid token is refused even on /healthz');
    assert.equal((forged.body as { reason: string }).reason, 'Unauthorized');
    assert.equal((await httpsCall(`${first.url}/readyz`, { ca: kc.ca })).status, 200, 'health is public');
    assert.equal((await httpsCall(`${first.url}/version`, { ca: kc.ca })).status, 200, 'version is public');

    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'canary' }, stringData: { value: CANARY } };
    assert.equal((await httpsCall(`${first.url}/api/v1/namespaces/default/secrets`, { ...auth, method: 'POST', body: JSON.stringify(secret), contentType: 'application/json' })).status, 201);
    const plainMarker = 'plain-configmap-marker-2b8e';
    await httpsCall(`${first.url}/api/v1/namespaces/default/configmaps`, { ...auth, method: 'POST', body: JSON.stringify({ metadata: { name: 'm' }, data: { v: plainMarker } }), contentType: 'application/json' });
    const ssar = await httpsCall(`${first.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
      ...auth, method: 'POST', contentType: 'application/json',
      body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', resource: 'secrets' } } }),
    });
    assert.equal(ssar.status, 201);
    assert.equal((ssar.body as any).status.allowed, true);
    await stop(first);

    const needles = [CANARY, Buffer.from(CANARY).toString('base64')];
    let sawPlainMarker = false;
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      for (const needle of needles) assert.equal(bytes.includes(needle), false, `${file} holds the secret value`);
      sawPlainMarker ||= bytes.includes(plainMarker);
    }
    assert.ok(sawPlainMarker, 'the scan sees unencrypted data (ConfigMaps stay plain)');

    const second = await start(dir, new URL(first.url).host);
    try {
      assert.deepEqual(kubeconfig(dir), kc, 'the kubeconfig is unchanged after a restart');
      const read = await httpsCall(`${second.url}/api/v1/namespaces/default/secrets/canary`, auth);
      assert.equal(read.status, 200);
      assert.equal(Buffer.from((read.body as any).data.value, 'base64').toString(), CANARY);
    } finally {
      await stop(second);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tokens belong to one logical cluster and die with it; TokenReview checks them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-tok-'));
  const backend = createSqliteBackend({ path: join(dir, 'db') });
  const server = await ApiServer.create({ backend, authentication: 'tokens' });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${address.port}`;
  const get = (path: string, token?: string): Promise<number> => fetch(`${base}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {}).then((r) => r.status);
  try {
    await server.clusters.create('edge');
    const rootToken = await server.tokens!.issue('root');
    const edgeToken = await server.tokens!.issue('edge');
    assert.equal(await get('/api/v1/namespaces', rootToken), 200);
    assert.equal(await get('/clusters/edge/api/v1/namespaces', edgeToken), 200);
    assert.equal(await get('/clusters/edge/api/v1/namespaces', rootToken), 401);
    assert.equal(await get('/api/v1/namespaces', edgeToken), 401);
    const review = await fetch(`${base}/apis/authentication.k8s.io/v1/tokenreviews`, {
      method: 'POST', headers: { Authorization: `Bearer ${rootToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: rootToken } }),
    }).then((r) => r.json()) as any;
    assert.equal(review.status.authenticated, true);
    assert.deepEqual(review.status.user.groups, ['system:masters', 'system:authenticated']);
    await server.clusters.delete('edge');
    await server.clusters.create('edge');
    assert.equal(await get('/clusters/edge/api/v1/namespaces', edgeToken), 401, 'a re-created cluster does not honour old tokens');
    assert.equal((await call(`${base}/api`)).status, 401);
  } finally {
    await server.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
