// API server figures, all from one run on one machine:
//
// - Write throughput over HTTP next to the raw SQLite rate with the same pragmas (WAL,
//   synchronous=FULL): the raw reference is one INSERT per transaction, one fsync each, from a
//   single writer; that is the durable rate one sequential writer can get from SQLite. Measured
//   in 3 rounds of raw-then-API-server pairs (ratios per pair, medians reported), because the
//   cost of an fsync on a shared host swings by an order of magnitude between seconds.
//   * creates_per_s: 32 concurrent clients. The store's group commit puts every write that
//     arrives during one event-loop turn in one transaction (one fsync), as etcd does, so this
//     can exceed the raw rate; create_batch_mean says how many writes shared a commit.
//   * creates_per_s_sequential: one client, each create awaited before the next: one fsync per
//     write plus HTTP, JSON and validation. Its ratio to the raw rate is the honest per-write cost.
// - Watch delivery latency: from the COMMIT of a write (the store's onCommit observer, called
//   right after the SQLite transaction, fsync included, returned and before any watcher is
//   called) to the moment a watch client has read the event line from its socket. The clients
//   (1, 10 or 100 watches of one namespace, each its own connection) run in a worker thread as
//   bare TCP sockets (watch-clients.worker.ts) and stamp lines with process.hrtime, the same
//   monotonic clock the commit stamp uses. The writer
//   creates one ConfigMap at a time with a 2 ms pause, so latency is not queueing behind a burst,
//   after 30 unmeasured warm-up events (JIT). p50/p99 are over every (watcher, event) pair of
//   400 events. host_load_1m records how busy the machine was: on a shared host, descheduling
//   of either thread shows up in the p99.
// - RSS of a separate server process with 1,000 idle logical clusters (support/idle-apiserver-child.ts).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiServer } from '../src/apiserver/server.js';
import { SQLITE_PRAGMAS, type WatchEvent, createSqliteBackend } from '../src/store/index.js';
import { type BenchSuite, type Figure, percentile } from './figures.js';

function rawSqliteTxPerS(path: string, ms: number): number {
  const db = new Database(path);
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

/** Operations per second of `count` calls of `op` (each resolving to an HTTP status), `concurrency` at a time. */
export async function ratePerS(count: number, concurrency: number, op: (i: number) => Promise<number>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const status = await op(next++);
      if (status >= 300) throw new Error(`bench request failed with HTTP ${status}`);
    }
  }));
  return (count * 1000) / (performance.now() - start);
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const WARM_UP_EVENTS = 30;
const ROUNDS = 3;

/** What the store's onCommit observer records while a benchmark phase runs. */
class CommitProbe {
  commits = 0;
  writes = 0;
  /** Commit time (ms, monotonic) by object name, while watch latency is measured. */
  readonly committedAt = new Map<string, number>();
  stampNames = false;

  /** Time from commit to the end of the synchronous fan-out (every watcher's socket write issued). */
  fanOut: number[] = [];

  readonly observe = (events: readonly WatchEvent[]): void => {
    const at = nowMs();
    this.commits++;
    this.writes += events.length;
    if (!this.stampNames) return;
    for (const e of events) this.committedAt.set(e.kv.key.slice(e.kv.key.lastIndexOf('/') + 1), at);
    // Microtasks run once the commit's synchronous work (the whole fan-out) has returned.
    queueMicrotask(() => this.fanOut.push(nowMs() - at));
  };

  reset(): void {
    this.commits = 0;
    this.writes = 0;
    this.fanOut = [];
  }
}

interface Samples {
  readonly names: string[];
  readonly at: number[];
}

async function watchLatency(
  address: { host: string; port: number }, probe: CommitProbe, watchers: number, events: number,
): Promise<{ p50: number; p99: number; fanOut: number }> {
  const base = `http://${address.host}:${address.port}`;
  const ns = `w${watchers}`;
  await send(`${base}/api/v1/namespaces`, 'POST', JSON.stringify({ metadata: { name: ns } }));
  // Node 20 does not apply the parent's `--import tsx` to a worker's entry module: register tsx first.
  const entry = new URL('./watch-clients.worker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    workerData: {
      ...address, path: `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=0`, watchers, expected: watchers * (events + WARM_UP_EVENTS),
    },
  });
  const results = new Promise<Samples>((resolve, reject) => {
    worker.on('message', (m: Samples | { ready: true }) => {
      if ('names' in m) resolve(m);
    });
    worker.once('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  probe.reset();
  const create = (name: string): Promise<number> => send(`${base}/api/v1/namespaces/${ns}/configmaps`, 'POST', JSON.stringify({ metadata: { name }, data: { k: 'v'.repeat(200) } }));
  // Warm-up (not measured): the first events pay for JIT compilation of the whole path.
  for (let i = 0; i < WARM_UP_EVENTS; i++) await create(`${ns}-warm${i}`);
  probe.stampNames = true;
  for (let i = 0; i < events; i++) {
    await create(`${ns}-e${i}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const timeout = setTimeout(() => worker.postMessage({ stop: true }), 10_000);
  const { names, at } = await results;
  clearTimeout(timeout);
  probe.stampNames = false;
  await worker.terminate();
  const samples = names.flatMap((name, i) => {
    const committed = probe.committedAt.get(name);
    return committed === undefined ? [] : [at[i]! - committed];
  });
  if (samples.length < watchers * events) throw new Error(`watch bench: ${samples.length} of ${watchers * events} events arrived`);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), fanOut: percentile(probe.fanOut, 50) };
}

const median = (values: readonly number[]): number => percentile(values, 50);

/**
 * Write throughput in ROUNDS rounds, each measuring the raw SQLite rate and then the API server
 * right after it, so that each ratio compares runs made under the same disk conditions (a
 * shared host's fsync cost moves a lot from one second to the next); figures are medians.
 */
async function writeFigures(base: string, dir: string, probe: CommitProbe): Promise<Figure[]> {
  const cms = `${base}/api/v1/namespaces/default/configmaps`;
  const body = (name: string): string => JSON.stringify({ metadata: { name }, data: { k: 'v'.repeat(200) } });
  const rounds: { raw: number; batched: number; sequential: number }[] = [];
  let writes = 0;
  let commits = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const raw = rawSqliteTxPerS(join(dir, `raw-${r}.db`), 500);
    probe.reset();
    const batched = await ratePerS(1000, 32, (i) => send(cms, 'POST', body(`c${r}-${i}`)));
    writes += probe.writes;
    commits += probe.commits;
    const sequential = await ratePerS(150, 1, (i) => send(cms, 'POST', body(`s${r}-${i}`)));
    rounds.push({ raw, batched, sequential });
  }
  const updates = await ratePerS(3000, 32, (i) => send(`${cms}/c${i % ROUNDS}-${Math.floor(i / ROUNDS)}`, 'PATCH', JSON.stringify({ data: { k: `u${i}` } }), 'application/merge-patch+json'));
  return [
    { name: 'apiserver.sqlite_raw_tx_per_s', value: Math.round(median(rounds.map((x) => x.raw))), unit: 'ops/s', goal: null, note: 'one INSERT per transaction (one fsync each), one writer, same pragmas' },
    { name: 'apiserver.creates_per_s', value: Math.round(median(rounds.map((x) => x.batched))), unit: 'ops/s', goal: null, note: '32 concurrent clients over HTTP; group commit shares fsyncs' },
    { name: 'apiserver.create_batch_mean', value: writes / commits, unit: 'writes/commit', goal: null, note: 'why creates_per_s can beat the raw rate' },
    { name: 'apiserver.creates_per_s_sequential', value: Math.round(median(rounds.map((x) => x.sequential))), unit: 'ops/s', goal: null, note: 'one client, one create at a time: one fsync per write' },
    { name: 'apiserver.updates_per_s', value: Math.round(updates), unit: 'ops/s', goal: null, note: 'merge patches, 32 concurrent clients' },
    {
      name: 'apiserver.create_ratio_sqlite', value: median(rounds.map((x) => x.batched / x.raw)), unit: 'ratio', goal: '>= 0.5',
      note: `batched creates / raw, median of ${ROUNDS} paired rounds; > 1 only thanks to group commit`,
    },
    {
      name: 'apiserver.create_ratio_sqlite_sequential', value: median(rounds.map((x) => x.sequential / x.raw)), unit: 'ratio', goal: null,
      note: 'sequential creates / raw: HTTP + JSON + validation cost per durable write',
    },
  ];
}

/** Runs support/idle-apiserver-child.ts: one server process, `count` idle clusters, its RSS. */
function idleClustersRss(count: number): { rss: number; delta: number } {
  const child = fileURLToPath(new URL('./support/idle-apiserver-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(count)], { encoding: 'utf8' });
  return JSON.parse(out) as { rss: number; delta: number };
}

export const apiserverSuite: BenchSuite = {
  prefix: 'apiserver.',
  run: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-'));
    const figures: Figure[] = [];
    const probe = new CommitProbe();
    try {
      const backend = createSqliteBackend({ path: join(dir, 'apiserver.db'), onCommit: probe.observe });
      const server = await ApiServer.create({ backend });
      const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${port}`;
      figures.push(...await writeFigures(base, dir, probe));
      for (const n of [1, 10, 100]) {
        const { p50, p99, fanOut } = await watchLatency({ host: '127.0.0.1', port }, probe, n, 400);
        const last = n === 100;
        figures.push({ name: `apiserver.watch_p50_ms_${n}`, value: p50, unit: 'ms', goal: null });
        figures.push({
          name: `apiserver.watch_p99_ms_${n}`, value: p99, unit: 'ms', goal: last ? '< 5' : null,
          ...(last ? { note: 'from commit (after fsync) to the client reading the line off its socket; clients in a worker thread' } : {}),
        });
        figures.push({
          name: `apiserver.watch_fanout_ms_${n}`, value: fanOut, unit: 'ms', goal: null,
          ...(last ? { note: 'median server time from commit until every watcher\'s socket write is issued' } : {}),
        });
      }
      figures.push({
        name: 'apiserver.host_load_1m', value: loadavg()[0]!, unit: 'load', goal: null,
        note: `1-minute load average of this ${availableParallelism()}-CPU host after the watch runs: latency tails grow with it`,
      });
      const idle = idleClustersRss(1000);
      figures.push({
        name: 'apiserver.idle_1000_clusters_rss_mib', value: idle.rss / 1024 / 1024, unit: 'MiB', goal: '< 300',
        note: 'RSS of a separate server process hosting 1,000 idle logical clusters on SQLite',
      });
      figures.push({ name: 'apiserver.idle_1000_clusters_delta_mib', value: idle.delta / 1024 / 1024, unit: 'MiB', goal: null });
      await server.close();
      await backend.close();
    } finally {
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
