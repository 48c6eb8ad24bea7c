// API server figures: creates/updates per second over HTTP next to the raw SQLite transaction
// rate with the same pragmas (the storage limit), watch delivery latency, idle cluster memory.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, type ClientRequest, request } from 'node:http';
import { ApiServer } from '../src/apiserver/server.js';
import { SQLITE_PRAGMAS, createSqliteBackend } from '../src/store/index.js';
import { type BenchSuite, type Figure, percentile } from './figures.js';

function rawSqliteTxPerS(dir: string, ms = 1500): number {
  const db = new Database(join(dir, 'raw.db'));
  for (const p of SQLITE_PRAGMAS) db.pragma(p);
  db.exec('CREATE TABLE log (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, created INTEGER, deleted INTEGER, create_rev INTEGER, prev_rev INTEGER, value BLOB); CREATE INDEX log_key_rev ON log(key, rev); CREATE UNIQUE INDEX log_key_prev ON log(key, prev_rev);');
  const insert = db.prepare('INSERT INTO log VALUES (?, ?, 1, 0, ?, 0, ?)');
  const value = Buffer.alloc(300, 97);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    n++;
    insert.run(n, `/root/configmaps/default/raw-${n}`, n, value);
  }
  const rate = (n * 1000) / (performance.now() - start);
  db.close();
  return rate;
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });
function send(url: string, method: string, body: string, contentType = 'application/json'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function ratePerS(count: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await op(next++);
  }));
  return (count * 1000) / (performance.now() - start);
}

async function watchLatency(base: string, watchers: number, events: number): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  const sent = new Map<string, number>();
  const ns = `w${watchers}`;
  await send(`${base}/api/v1/namespaces`, 'POST', JSON.stringify({ metadata: { name: ns } }));
  const streams = await Promise.all(Array.from({ length: watchers }, () => new Promise<ClientRequest>((resolve) => {
    const req = request(`${base}/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=0`, { agent: false }, (res) => {
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        const now = performance.now();
        buf += chunk.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const name = /"name":"([^"]+)"/.exec(line)?.[1];
          const t0 = name ? sent.get(name) : undefined;
          if (t0 !== undefined) samples.push(now - t0);
        }
      });
      resolve(req);
    });
    req.end();
  })));
  for (let i = 0; i < events; i++) {
    const name = `e${i}`;
    sent.set(name, performance.now());
    await send(`${base}/api/v1/namespaces/${ns}/configmaps`, 'POST', JSON.stringify({ metadata: { name } }));
    await new Promise((r) => setTimeout(r, 2));
  }
  await new Promise((r) => setTimeout(r, 200));
  for (const s of streams) s.destroy();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export const apiserverSuite: BenchSuite = {
  prefix: 'apiserver.',
  run: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-'));
    const figures: Figure[] = [];
    try {
      const raw = rawSqliteTxPerS(dir);
      const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
      const server = await ApiServer.create({ backend });
      const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${port}`;
      const cms = `${base}/api/v1/namespaces/default/configmaps`;
      const creates = await ratePerS(3000, 32, (i) => send(cms, 'POST', JSON.stringify({ metadata: { name: `c${i}` }, data: { k: 'v'.repeat(200) } })));
      const updates = await ratePerS(3000, 32, (i) => send(`${cms}/c${i}`, 'PATCH', JSON.stringify({ data: { k: `u${i}` } }), 'application/merge-patch+json'));
      figures.push(
        { name: 'apiserver.sqlite_raw_tx_per_s', value: Math.round(raw), unit: 'ops/s', goal: null },
        { name: 'apiserver.creates_per_s', value: Math.round(creates), unit: 'ops/s', goal: null },
        { name: 'apiserver.updates_per_s', value: Math.round(updates), unit: 'ops/s', goal: null },
        { name: 'apiserver.create_ratio_sqlite', value: creates / raw, unit: 'ratio', goal: '>= 0.5' },
      );
      for (const n of [1, 10, 100]) {
        const { p50, p99 } = await watchLatency(base, n, 200);
        figures.push({ name: `apiserver.watch_p50_ms_${n}`, value: p50, unit: 'ms', goal: null });
        figures.push({ name: `apiserver.watch_p99_ms_${n}`, value: p99, unit: 'ms', goal: n === 100 ? '< 5' : null });
      }
      const before = process.memoryUsage().rss;
      for (let i = 0; i < 1000; i++) await server.clusters.create(`idle-${i}`);
      global.gc?.();
      const after = process.memoryUsage().rss;
      figures.push({ name: 'apiserver.idle_1000_clusters_rss_mib', value: after / 1024 / 1024, unit: 'MiB', goal: '< 300' });
      figures.push({ name: 'apiserver.idle_1000_clusters_delta_mib', value: (after - before) / 1024 / 1024, unit: 'MiB', goal: null });
      await server.close();
      await backend.close();
    } finally {
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
