// Leader election across processes: two controller processes compete for one Lease on the
// embedded API server; when the leader is killed with SIGKILL (no release), the other takes
// over within the lease duration (judged on the Lease's own timestamps); SIGTERM releases it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LeaseSpec } from '../../src/runtime/index.js';
import { type RestartableServer, clientFor, startServer } from '../support/runtime.js';

const CHILD = fileURLToPath(new URL('../support/leader-child.ts', import.meta.url));
const LEASE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' };
let server: RestartableServer;
const children: ChildProcess[] = [];

before(async () => {
  server = await startServer();
  await clientFor(server.url).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'proc' } });
});
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await server.stop();
});

function launch(identity: string): { child: ChildProcess; said: (word: string) => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, server.url, identity, 'proc'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  const waiters: { word: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.filter((x) => out.includes(x.word))) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child, exited,
    said: (word) => new Promise((resolve, reject) => {
      if (out.includes(word)) return resolve();
      waiters.push({ word, resolve });
      void exited.then((code) => reject(new Error(`${identity} exited (${code}) before saying ${word}`)));
    }),
  };
}

async function lease(): Promise<LeaseSpec> {
  return ((await clientFor(server.url).get(LEASE, 'proc-leader', { namespace: 'proc' })).spec ?? {});
}

test('the standby process takes over within the lease duration after the leader is killed; SIGTERM releases', { timeout: 60_000 }, async () => {
  const a = launch('proc-a');
  await a.said('LEADING');
  const b = launch('proc-b');
  await b.said('STARTED');
  assert.equal((await lease()).holderIdentity, 'proc-a');
  const beforeKill = await lease();
  a.child.kill('SIGKILL');
  await a.exited;
  await b.said('LEADING');
  const taken = await lease();
  assert.equal(taken.holderIdentity, 'proc-b');
  assert.equal(taken.leaseTransitions, (beforeKill.leaseTransitions ?? 0) + 1);
  // a's last renewal can be at most one retry period after the read above.
  const gapMs = Date.parse(taken.acquireTime!) - Date.parse(beforeKill.renewTime!);
  const bound = 3000 + 2 * 500 * 1.2 + 500;
  assert.ok(gapMs <= bound + 1500, `take-over came ${gapMs} ms after the last renewal seen (lease 3000 ms, retry 500 ms)`);
  b.child.kill('SIGTERM');
  assert.equal(await b.exited, 0);
  assert.equal((await lease()).holderIdentity, '', 'a clean stop releases the lease');
});
