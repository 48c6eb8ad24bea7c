// Controller runtime figures: no-op reconciles per second through the work queue and the
// informer cache, and memory per idle remote cluster (client plus one filtered informer) at
// 1,000 logical clusters of the embedded API server (server and clients in separate processes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiServer } from '../src/apiserver/server.js';
import { createSqliteBackend } from '../src/store/index.js';
import { createClient } from '../src/kube/index.js';
import { Manager, RuntimeMetrics, controllerFor, reconcilerFunc } from '../src/runtime/index.js';
import { createLogger, systemClock } from '../src/util/index.js';
import type { BenchSuite, Figure } from './figures.js';

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };

async function noopReconcilesPerSecond(objects = 1000, rounds = 40): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-rt-'));
  const backend = createSqliteBackend({ path: join(dir, 'db.sqlite') });
  const api = await ApiServer.create({ backend });
  const { port } = await api.listen({ host: '127.0.0.1', port: 0 });
  const client = createClient({ server: `http://127.0.0.1:${port}` }, { qps: Infinity });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  for (let i = 0; i < objects; i++) await client.create({ ...CM, metadata: { name: `cm-${i}`, namespace: 'bench' }, data: { i: String(i) } });
  const manager = new Manager({ client, log: createLogger({ level: 'silent' }), clock: systemClock, metrics: new RuntimeMetrics() });
  const informer = manager.cache.informerFor({ gvk: CM, namespace: 'bench' });
  let done = 0;
  let found = 0;
  const controller = controllerFor(manager, CM, { namespace: 'bench' }).withOptions({ maxConcurrentReconciles: 4 }).complete(reconcilerFunc((req) => {
    if (informer.get(req.name, req.namespace)) found++;
    done++;
    return Promise.resolve({});
  }));
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  const waitFor = async (n: number): Promise<void> => {
    while (done < n) await new Promise((r) => setImmediate(r));
  };
  await waitFor(objects);
  const keys = informer.list().map((o) => ({ namespace: 'bench', name: o.metadata!.name! }));
  const start = performance.now();
  for (let round = 1; round <= rounds; round++) {
    for (const key of keys) controller.enqueue(key);
    await waitFor(objects * (round + 1));
  }
  const rate = (objects * rounds * 1000) / (performance.now() - start);
  stop.abort();
  await running;
  await api.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
  if (found !== done) throw new Error(`only ${found} of ${done} reconciles found their object in the cache`);
  return rate;
}

function outputOf(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before printing ${pattern}: ${out}`)));
  });
}

async function idleClusterKiB(count = 1000): Promise<{ rssKiB: number; heapKiB: number }> {
  const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
  const server = spawn(process.execPath, ['--import', 'tsx', here('./support/apiserver-child.ts'), String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = (await outputOf(server, /PORT (\d+)\n/))[1]!;
    const client = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', here('./support/idle-clusters-child.ts'), `http://127.0.0.1:${port}`, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = (await outputOf(client, /(\{.*\})\n/))[1]!;
    const result = JSON.parse(line) as { rss: number; heap: number; external: number };
    return { rssKiB: result.rss / count / 1024, heapKiB: (result.heap + result.external) / count / 1024 };
  } finally {
    server.kill('SIGTERM');
  }
}

export const runtimeSuite: BenchSuite = {
  prefix: 'runtime.',
  async run(): Promise<Figure[]> {
    const rate = await noopReconcilesPerSecond();
    const idle = await idleClusterKiB();
    return [
      { name: 'runtime.noop_reconciles_per_s', value: Math.round(rate), unit: 'ops/s', goal: '>= 20000' },
      { name: 'runtime.idle_cluster_kib', value: Math.round(idle.rssKiB * 10) / 10, unit: 'KiB', goal: '<= 200' },
      { name: 'runtime.idle_cluster_heap_kib', value: Math.round(idle.heapKiB * 10) / 10, unit: 'KiB', goal: null },
    ];
  },
};
