/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- assertions read untyped JSON bodies */
// Webhook conversion against a real HTTPS conversion webhook running in-process with a CA made
// for the test: ConversionReview v1 by URL and by service reference, storage in the storage
// version, one review per list, metadata restored, kube's errors when the webhook misbehaves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { CRDS, send, statusMessage } from '../support/crds.js';
import { requireTool, which } from '../support/external-tools.js';
import { type TestPki, createTestPki } from '../support/test-pki.js';
import { openWatch } from '../support/watch-reader.js';

interface Review {
  readonly path: string;
  readonly apiVersion: string;
  readonly uid: string;
  readonly desiredAPIVersion: string;
  readonly objects: any[];
}

/** What the webhook does with the next reviews (tests switch it to misbehave). */
let mode: 'ok' | 'fail' | 'rename' | 'relabel' = 'ok';
const reviews: Review[] = [];

/** v1: spec.size; v2: spec.scale.size — a real shape change only the webhook knows. */
function convert(obj: any, desired: string): any {
  const out = structuredClone(obj);
  if (desired === 'example.com/v2' && obj.apiVersion === 'example.com/v1') {
    out.spec = { scale: { size: obj.spec?.size } };
  } else if (desired === 'example.com/v1' && obj.apiVersion === 'example.com/v2') {
    out.spec = { size: obj.spec?.scale?.size };
  }
  out.apiVersion = desired;
  if (mode === 'rename') out.metadata.name = 'renamed';
  if (mode === 'relabel') out.metadata = { ...out.metadata, labels: { converted: 'yes' }, generation: 99 };
  return out;
}

function startWebhook(pki: TestPki): Promise<Server> {
  const server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const { uid, desiredAPIVersion, objects } = review.request;
      reviews.push({ path: req.url ?? '', apiVersion: review.apiVersion, uid, desiredAPIVersion, objects });
      const response = mode === 'fail'
        ? { uid, result: { status: 'Failure', message: 'the converter refuses' } }
        : { uid, convertedObjects: objects.map((o: any) => convert(o, desiredAPIVersion)), result: { status: 'Success' } };
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ apiVersion: review.apiVersion, kind: 'ConversionReview', response }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let ts: TestServer | undefined;
/** One webhook reached by URL (certificate for 127.0.0.1), one by service (certificate for the service name only). */
let byUrl: Server | undefined;
let byService: Server | undefined;
let pki: TestPki | undefined;
let servicePki: TestPki | undefined;
let port = 0;

before(() => {
  const openssl = which('openssl');
  if (!openssl) return;
  pki = createTestPki(openssl, { dnsNames: [], ipAddresses: ['127.0.0.1'] });
  servicePki = createTestPki(openssl, { dnsNames: ['widget-converter.webhooks.svc'], ipAddresses: [] });
});
after(async () => {
  await ts?.stop();
  byUrl?.close();
  byService?.close();
});

async function setUp(): Promise<void> {
  if (ts) return;
  byUrl = await startWebhook(pki!);
  byService = await startWebhook(servicePki!);
  port = (byUrl.address() as AddressInfo).port;
  const servicePort = (byService.address() as AddressInfo).port;
  ts = await startTestServer({
    // The embedding code maps services it runs itself; TLS still verifies the service's name.
    resolveService: (s) => ({ url: new URL(`https://127.0.0.1:${servicePort}${s.path ?? ''}`), serverName: `${s.name}.${s.namespace}.svc` }),
    webhookTimeoutMs: 5000,
  });
}

function crd(clientConfig: Record<string, unknown>): unknown {
  const schema = (spec: Record<string, unknown>): unknown => ({ openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: spec } } } });
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
      versions: [
        { name: 'v1', served: true, storage: true, schema: schema({ size: { type: 'string' } }) },
        { name: 'v2', served: true, storage: false, schema: schema({ scale: { type: 'object', properties: { size: { type: 'string' } } } }) },
      ],
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { ...clientConfig, caBundle: Buffer.from(pki!.caPem).toString('base64') } } },
    },
  };
}

const v1 = (): string => `${ts!.url}/apis/example.com/v1/namespaces/default/widgets`;
const v2 = (): string => `${ts!.url}/apis/example.com/v2/namespaces/default/widgets`;

test('objects written in one version are converted by the webhook, stored in the storage version and served in each', async (t) => {
  if (!requireTool(t, 'openssl', which('openssl'))) return;
  await setUp();
  const created = await send(`${ts!.url}${CRDS}`, 'POST', crd({ url: `https://127.0.0.1:${port}/convert` }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  reviews.length = 0;
  const cr = await send(v2(), 'POST', { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'a', labels: { app: 'x' } }, spec: { scale: { size: 'small' } } });
  assert.equal(cr.status, 201, JSON.stringify(cr.body));
  assert.deepEqual(cr.body.spec, { scale: { size: 'small' } });
  const stored = JSON.parse(Buffer.from(ts!.backend.get('/root/widgets.example.com/default/a')!.value).toString('utf8'));
  assert.equal(stored.apiVersion, 'example.com/v1');
  assert.deepEqual(stored.spec, { size: 'small' });
  assert.equal(reviews[0]?.apiVersion, 'apiextensions.k8s.io/v1');
  assert.equal(reviews[0]?.desiredAPIVersion, 'example.com/v1');
  assert.equal(reviews[0]?.path, '/convert?timeout=5s');
  assert.deepEqual((await call(`${v1()}/a`)).body.spec, { size: 'small' });

  for (const name of ['b', 'c']) await send(v1(), 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { size: 'large' } });
  reviews.length = 0;
  const listed = (await call(v2())).body;
  assert.deepEqual(listed.items.map((i: any) => [i.apiVersion, i.metadata.name, i.spec.scale.size]), [
    ['example.com/v2', 'a', 'small'], ['example.com/v2', 'b', 'large'], ['example.com/v2', 'c', 'large'],
  ]);
  assert.equal(reviews.length, 1, 'one ConversionReview for the whole list');
  assert.equal(reviews[0].objects.length, 3);

  // Watches in a version other than the storage version get converted events.
  const watch = await openWatch(`${v2()}?watch=true&resourceVersion=${listed.metadata.resourceVersion}`);
  await send(v1(), 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'watched' }, spec: { size: 'small' } });
  const event = await watch.next();
  watch.close();
  assert.deepEqual([event.type, event.object.apiVersion, event.object.metadata.name, event.object.spec], ['ADDED', 'example.com/v2', 'watched', { scale: { size: 'small' } }]);

  // Only labels and annotations may change in conversion; the rest of metadata is restored.
  mode = 'relabel';
  const relabeled = (await call(`${v2()}/a`)).body;
  assert.deepEqual(relabeled.metadata.labels, { converted: 'yes' });
  assert.equal(relabeled.metadata.generation, 1);
  mode = 'ok';
});

test('a misbehaving webhook fails the request with kube\'s conversion error, and nothing is stored', async (t) => {
  if (!requireTool(t, 'openssl', which('openssl'))) return;
  await setUp();
  mode = 'fail';
  const failedRead = await call(`${v2()}/a`);
  assert.equal(failedRead.status, 500);
  assert.equal(failedRead.body.reason, undefined);
  assert.equal(statusMessage(failedRead), 'conversion webhook for example.com/v1, Kind=Widget failed: the converter refuses');
  const failedWrite = await send(v2(), 'POST', { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'never' }, spec: {} });
  assert.equal(failedWrite.status, 500);
  assert.equal(ts!.backend.get('/root/widgets.example.com/default/never'), undefined);
  mode = 'rename';
  assert.equal(statusMessage(await call(`${v2()}/a`)), 'conversion webhook for example.com/v1, Kind=Widget returned invalid converted object at index 0: must have the same name: a != renamed');
  mode = 'ok';
});

test('a service reference is resolved by the embedding code and verified against the service name', async (t) => {
  if (!requireTool(t, 'openssl', which('openssl'))) return;
  await setUp();
  const current = (await call(`${ts!.url}${CRDS}/widgets.example.com`)).body;
  current.spec.conversion.webhook.clientConfig = {
    service: { namespace: 'webhooks', name: 'widget-converter', port: 8443, path: '/svc-convert' }, caBundle: Buffer.from(servicePki!.caPem).toString('base64'),
  };
  const updated = await send(`${ts!.url}${CRDS}/widgets.example.com`, 'PUT', current);
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  reviews.length = 0;
  assert.deepEqual((await call(`${v2()}/b`)).body.spec, { scale: { size: 'large' } });
  assert.equal(reviews[0]?.path, '/svc-convert?timeout=5s');

  // A bundle that does not hold the webhook's CA: TLS fails and so does the read.
  const other = createTestPki(which('openssl')!, { dnsNames: ['elsewhere'], ipAddresses: [] });
  updated.body.spec.conversion.webhook.clientConfig.caBundle = Buffer.from(other.caPem).toString('base64');
  assert.equal((await send(`${ts!.url}${CRDS}/widgets.example.com`, 'PUT', updated.body)).status, 200);
  const untrusted = await call(`${v2()}/b`);
  assert.equal(untrusted.status, 500);
  assert.match(statusMessage(untrusted), /^conversion webhook for example.com\/v1, Kind=Widget failed: Post "https:\/\/127.0.0.1:\d+\/svc-convert\?timeout=5s": .*certificate/);
});
