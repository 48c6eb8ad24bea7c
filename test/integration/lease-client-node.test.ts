/* eslint-disable @typescript-eslint/no-unsafe-member-access -- assertions read untyped JSON response bodies */
// Leader election's traffic from @kubernetes/client-node 1.4.0: a coordination.k8s.io/v1 Lease
// whose times are MicroTime (client-node sends six fractional digits, as client-go does); the
// server stores them in kube's canonical form (UTC, six digits) and sends them back so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

test('client-node creates and renews a Lease with MicroTime fields; a millisecond timestamp is refused like kube does', async () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: ts.url, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  const coordination = kc.makeApiClient(k8s.CoordinationV1Api);
  const acquired = new k8s.V1MicroTime('2025-03-01T10:00:00.123Z');
  const created = await coordination.createNamespacedLease({
    namespace: 'default',
    body: { metadata: { name: 'leader' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: acquired, renewTime: acquired } },
  });
  // client-node hands MicroTime values back as the server's text.
  assert.equal(String(created.spec?.renewTime), '2025-03-01T10:00:00.123000Z');
  const renewedAt = new k8s.V1MicroTime('2025-03-01T10:00:02.456Z');
  const renewed = await coordination.replaceNamespacedLease({
    name: 'leader', namespace: 'default', body: { ...created, spec: { ...created.spec, renewTime: renewedAt } },
  });
  assert.equal(String(renewed.spec?.renewTime), '2025-03-01T10:00:02.456000Z');
  const raw = await call(`${ts.url}/apis/coordination.k8s.io/v1/namespaces/default/leases/leader`);
  assert.deepEqual(
    [raw.body.spec.acquireTime, raw.body.spec.renewTime],
    ['2025-03-01T10:00:00.123000Z', '2025-03-01T10:00:02.456000Z'],
  );
  const millis = await call(`${ts.url}/apis/coordination.k8s.io/v1/namespaces/default/leases/leader`, {
    method: 'PATCH', contentType: 'application/merge-patch+json', body: JSON.stringify({ spec: { renewTime: '2025-03-01T10:00:04.000Z' } }),
  });
  assert.equal(millis.status, 400);
  assert.equal(millis.body.reason, 'BadRequest');
});
