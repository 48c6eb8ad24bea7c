// Custom resource figures of the API server: creates per second of an ExternalSecret-shaped
// custom resource (schema coercion, defaults, validation) next to ConfigMap creates measured in
// the same run, listing 1,000 of them (read-time pruning and defaulting), and a 1,000-dependent
// garbage-collection cascade.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ApiServer } from '../src/apiserver/server.js';
import { createSqliteBackend } from '../src/store/index.js';
import { type BenchSuite, type Figure, ratePerS } from './figures.js';

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

function send(url: string, method: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function externalSecret(name: string): string {
  return JSON.stringify({
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name },
    spec: { secretStoreRef: { kind: 'SecretStore', name: 'store' }, target: { name }, data: [{ secretKey: 'k', remoteRef: { key: 'remote', property: 'p' } }] },
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const crdSuite: BenchSuite = {
  prefix: 'apiserver.cr_',
  run: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-crd-'));
    const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
    const server = await ApiServer.create({ backend });
    try {
      const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${port}`;
      const crd = parse(readFileSync(fileURLToPath(new URL('../test/fixtures/crds/externalsecrets.external-secrets.io.yaml', import.meta.url)), 'utf8')) as unknown;
      await send(`${base}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, 'POST', JSON.stringify(crd));
      const ess = `${base}/apis/external-secrets.io/v1/namespaces/default/externalsecrets`;
      const cms = `${base}/api/v1/namespaces/default/configmaps`;
      const status = (r: { status: number }): number => r.status;
      const configMaps = await ratePerS(1000, 32, (i) => send(cms, 'POST', JSON.stringify({ metadata: { name: `c${i}` }, data: { k: 'v'.repeat(200) } })).then(status));
      const customResources = await ratePerS(1000, 32, (i) => send(ess, 'POST', externalSecret(`es${i}`)).then(status));
      const listMs = await timed(() => send(ess, 'GET', ''));
      const owner = JSON.parse((await send(cms, 'POST', JSON.stringify({ metadata: { name: 'owner' } }))).text) as { metadata: { uid: string } };
      const ownerRef = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }];
      await ratePerS(1000, 32, (i) => send(cms, 'POST', JSON.stringify({ metadata: { name: `d${i}`, ownerReferences: ownerRef } })).then(status));
      await server.controllers.idle();
      const cascadeMs = await timed(async () => {
        await send(`${cms}/owner`, 'DELETE', '');
        await server.controllers.idle();
      });
      const figures: Figure[] = [
        { name: 'apiserver.cr_create_per_s', value: Math.round(customResources), unit: 'ops/s', goal: null },
        { name: 'apiserver.cr_create_ratio_configmap', value: customResources / configMaps, unit: 'ratio', goal: '>= 0.5' },
        { name: 'apiserver.cr_list_1000_ms', value: listMs, unit: 'ms', goal: null },
        { name: 'apiserver.cr_gc_cascade_1000_ms', value: cascadeMs, unit: 'ms', goal: null },
      ];
      return figures;
    } finally {
      await server.close();
      await backend.close();
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
