// API surface figures of part 2: what server-side apply, encryption at rest, TLS, Tables and
// OpenAPI cost, each as a ratio to the plain operation measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../src/apiserver/server.js';
import { defaultEncryptionConfiguration, parseEncryptionConfiguration } from '../src/apiserver/storage/encryption.js';
import { groupVersionDocument } from '../src/apiserver/openapi/v3.js';
import { defaultServiceResolver } from '../src/apiserver/crd/conversion/webhook.js';
import { customResourceType } from '../src/apiserver/crd/custom-resource.js';
import { ensureServingPki, servingHosts } from '../src/apiserver/tls/pki.js';
import { type Backend, createSqliteBackend } from '../src/store/index.js';
import { type BenchSuite, type Figure, ratePerS } from './figures.js';

interface Target {
  readonly base: string;
  send(path: string, method: string, body?: string, headers?: Record<string, string>): Promise<number>;
}

function target(base: string, ca?: string): Target {
  const secure = base.startsWith('https:');
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 16, ca }) : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  return {
    base,
    send: (path, method, body = '', headers = {}) => new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(`${base}${path}`, { method, agent, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    }),
  };
}

interface Started {
  readonly server: ApiServer;
  readonly backend: Backend;
  readonly t: Target;
}

async function start(dir: string, name: string, options: { encrypted?: boolean; tls?: boolean } = {}): Promise<Started> {
  const backend = createSqliteBackend({ path: join(dir, `${name}.db`) });
  const server = await ApiServer.create({ backend, ...(options.encrypted ? { transformers: parseEncryptionConfiguration(defaultEncryptionConfiguration()) } : {}) });
  const pki = options.tls ? ensureServingPki(join(dir, name), servingHosts([]), new Date()) : undefined;
  const address = await server.listen({ host: '127.0.0.1', port: 0, ...(pki ? { tls: pki } : {}) });
  return { server, backend, t: target(`${pki ? 'https' : 'http'}://127.0.0.1:${address.port}`, pki?.caPem) };
}

async function stop(s: Started): Promise<void> {
  await s.server.close();
  await s.backend.close();
}

const CM = '/api/v1/namespaces/default/configmaps';

async function applyVersusPatch(plain: Started): Promise<Figure[]> {
  const n = 600;
  await ratePerS(n, 8, (i) => plain.t.send(CM, 'POST', JSON.stringify({ metadata: { name: `p${i}` }, data: { a: '1' } })));
  const patches = await ratePerS(n, 8, (i) => plain.t.send(`${CM}/p${i}`, 'PATCH', JSON.stringify({ data: { a: '2', b: String(i) } }), { 'Content-Type': 'application/merge-patch+json' }));
  const applies = await ratePerS(n, 8, (i) => plain.t.send(`${CM}/p${i}?fieldManager=bench`, 'PATCH',
    JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `p${i}`, labels: { app: 'bench' } }, data: { a: '3', c: String(i) } }),
    { 'Content-Type': 'application/apply-patch+yaml' }));
  return [
    { name: 'apisurface.merge_patches_per_s', value: Math.round(patches), unit: 'ops/s', goal: null },
    { name: 'apisurface.ssa_applies_per_s', value: Math.round(applies), unit: 'ops/s', goal: null },
    { name: 'apisurface.ssa_ratio_merge_patch', value: applies / patches, unit: 'ratio', goal: '>= 0.5' },
  ];
}

async function tableList(plain: Started): Promise<Figure> {
  const runs = 20;
  const startedAt = performance.now();
  for (let i = 0; i < runs; i++) await plain.t.send(`${CM}?limit=500`, 'GET', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  return { name: 'apisurface.table_list_600_ms', value: (performance.now() - startedAt) / runs, unit: 'ms', goal: '< 100' };
}

async function secretCreates(s: Started, n: number, round: number): Promise<number> {
  return ratePerS(n, 8, (i) => s.t.send('/api/v1/namespaces/default/secrets', 'POST', JSON.stringify({ metadata: { name: `s${round}-${i}` }, stringData: { password: `value-${i}`.repeat(8) } })));
}

async function getsPerS(s: Started): Promise<number> {
  return ratePerS(2000, 8, () => s.t.send('/api/v1/namespaces/default', 'GET'));
}

export const apisurfaceSuite: BenchSuite = {
  prefix: 'apisurface.',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-surface-'));
    const plain = await start(dir, 'plain');
    const encrypted = await start(dir, 'encrypted', { encrypted: true });
    const secure = await start(dir, 'secure', { tls: true });
    try {
      const figures = await applyVersusPatch(plain);
      figures.push(await tableList(plain));
      // Alternate rounds and keep the best of each: the machine is shared, so a single round is noisy.
      let plainSecrets = 0;
      let encryptedSecrets = 0;
      for (let round = 0; round < 3; round++) {
        plainSecrets = Math.max(plainSecrets, await secretCreates(plain, 600, round));
        encryptedSecrets = Math.max(encryptedSecrets, await secretCreates(encrypted, 600, round));
      }
      figures.push({ name: 'apisurface.encrypted_secret_creates_ratio', value: encryptedSecrets / plainSecrets, unit: 'ratio', goal: '>= 0.8' });
      let httpGets = 0;
      let httpsGets = 0;
      for (let round = 0; round < 3; round++) {
        httpGets = Math.max(httpGets, await getsPerS(plain));
        httpsGets = Math.max(httpsGets, await getsPerS(secure));
      }
      figures.push({ name: 'apisurface.https_get_ratio', value: httpsGets / httpGets, unit: 'ratio', goal: '>= 0.5' });
      figures.push(openapiDocument(plain));
      return figures;
    } finally {
      await Promise.all([stop(plain), stop(encrypted), stop(secure)]);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Generating the OpenAPI document of a group with 50 custom resource kinds. */
function openapiDocument(s: Started): Figure {
  const registry = s.server.clusters.root.registry;
  for (let i = 0; i < 50; i++) {
    registry.register(customResourceType({
      metadata: { name: `kinds${i}.bench.example.com` },
      spec: {
        group: 'bench.example.com', scope: 'Namespaced', names: { plural: `kinds${i}`, kind: `Kind${i}` },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } } } } } }],
      },
      status: { conditions: [{ type: 'Established', status: 'True' }] },
    }, { resolveService: defaultServiceResolver })!);
  }
  const runs = 10;
  const startedAt = performance.now();
  for (let i = 0; i < runs; i++) groupVersionDocument(registry, 'bench.example.com', 'v1');
  return { name: 'apisurface.openapi_doc_50_kinds_ms', value: (performance.now() - startedAt) / runs, unit: 'ms', goal: '< 100' };
}
