// Secret manager figures: version accesses per second with a valid service-account token, and
// their p99 latency. The server runs in this process (one thread, so one core); the load comes
// from a separate process (secretmanager-load-client.mjs) over 16 keep-alive connections, so
// the client's own cost is not charged to the server.
//
// `access_per_s` is accesses per second of the server's CPU time (process.cpuUsage over the
// measured window): the throughput of one dedicated core. The machine running the bench is
// shared, so the wall-clock rate (`access_wall_per_s`) and the latencies also reflect whatever
// else runs; they are reported, and the p99 has a goal, but read them with the load in mind.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { DATA_FILES, openDatabase, startSecretManager } from '../src/secretmanager/index.js';
import { accessToken, api, createSecretWithValue, createServiceAccountWithKey, tempDir } from '../test/support/secretmanager.js';
import type { BenchSuite, Figure } from './figures.js';

const runFile = promisify(execFile);
const DURATION_MS = 4000;
const CONNECTIONS = 16;

interface LoadResult {
  readonly count: number;
  readonly elapsedMs: number;
  readonly latenciesMs: { readonly p50: number; readonly p99: number };
  readonly failures: number;
}

/** Accesses recorded in the audit log so far. */
function auditedAccesses(dataDir: string): number {
  const db = openDatabase(join(dataDir, DATA_FILES.database), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE method = 'AccessSecretVersion'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function measure(): Promise<Figure[]> {
  const sm = await startSecretManager({ dataDir: tempDir('flotilla-sm-bench-'), port: 0 });
  try {
    await createSecretWithValue(sm, 'bench-project', 'db-password', 'a-32-byte-database-password-xyz');
    const key = await createServiceAccountWithKey(sm, 'bench-project', 'external-secrets');
    await api(sm, 'POST', 'v1/projects/bench-project/secrets/db-password:setIamPolicy', {
      body: { policy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${key.client_email}`] }] } },
    });
    const token = await accessToken(key);
    const url = `${sm.url}v1/projects/bench-project/secrets/db-password/versions/latest:access`;
    const client = fileURLToPath(new URL('./secretmanager-load-client.mjs', import.meta.url));
    const served = auditedAccesses(sm.dataDir);
    const before = process.cpuUsage();
    const { stdout } = await runFile(process.execPath, [client, url, token, String(DURATION_MS), String(CONNECTIONS)]);
    const cpu = process.cpuUsage(before);
    const result = JSON.parse(stdout) as LoadResult;
    if (result.failures > 0) throw new Error(`${result.failures} of ${result.count} accesses failed`);
    // Every access the server answered (warm-up included) is in its audit log.
    const answered = auditedAccesses(sm.dataDir) - served;
    return [
      { name: 'secretmanager.access_per_s', value: Math.round(answered / ((cpu.user + cpu.system) / 1e6)), unit: 'ops/s', goal: '>= 5000' },
      { name: 'secretmanager.access_wall_per_s', value: Math.round((result.count * 1000) / result.elapsedMs), unit: 'ops/s', goal: null },
      { name: 'secretmanager.access_p99_ms', value: Number(result.latenciesMs.p99.toFixed(2)), unit: 'ms', goal: '<= 20' },
      { name: 'secretmanager.access_p50_ms', value: Number(result.latenciesMs.p50.toFixed(2)), unit: 'ms', goal: null },
    ];
  } finally {
    await sm.stop();
  }
}

export const secretManagerSuite: BenchSuite = { prefix: 'secretmanager.', run: measure };
