/* eslint-disable @typescript-eslint/no-unsafe-member-access -- assertions read untyped JSON response bodies */
// `flotilla apiserver` as a child process, per the DESIGN.md contract: the kubeconfig (mode
// 0600) appears once the server is ready; SIGTERM with watches open ends the process with code
// 0 within 10 s; a restart on the same data directory and port serves the same data to the
// same kubeconfig.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from '../support/apiserver.js';
import { openWatch } from '../support/watch-reader.js';

const bin = fileURLToPath(new URL('../../bin/flotilla.js', import.meta.url));
/** DESIGN.md: "Exits within 10 s of SIGTERM even with watches open." */
const SHUTDOWN_LIMIT_MS = 10_000;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI and resolves once it says it is serving (it writes the kubeconfig before that). */
function startApiserver(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'apiserver', '--insecure-http', '--log-level', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /serving (http:\/\/[\d.:]+)/.exec(stderr);
      if (m) resolve({ child, url: m[1]!, exit });
    });
    void exit.then(({ code }) => reject(new Error(`flotilla apiserver exited with ${code} before serving: ${stderr}`)));
  });
}

/** Sends SIGTERM and returns how the process ended; fails if that takes longer than the contract allows. */
async function terminate(running: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  running.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.child.kill('SIGKILL');
      reject(new Error(`still running ${SHUTDOWN_LIMIT_MS} ms after SIGTERM`));
    }, SHUTDOWN_LIMIT_MS);
  });
  try {
    return await Promise.race([running.exit, overdue]);
  } finally {
    clearTimeout(timer);
  }
}

function kubeconfigServer(path: string): string {
  const m = /server: (\S+)/.exec(readFileSync(path, 'utf8'));
  assert.ok(m, 'the kubeconfig names a server');
  return m[1]!;
}

test('flotilla apiserver: ready kubeconfig, SIGTERM with open watches exits 0 in time, restart on the same dir and port keeps data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-cli-'));
  const dataDir = join(dir, 'data');
  const kubeconfig = join(dir, 'kubeconfig');
  try {
    const first = await startApiserver(['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--kubeconfig-out', kubeconfig]);
    assert.equal(kubeconfigServer(kubeconfig), first.url);
    assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
    const cms = `${first.url}/api/v1/namespaces/default/configmaps`;
    const created = await call(cms, { method: 'POST', body: '{"metadata":{"name":"kept"},"data":{"k":"v"}}', contentType: 'application/json' });
    assert.equal(created.status, 201);

    const watches = await Promise.all([
      openWatch(`${cms}?watch=true&allowWatchBookmarks=true`),
      openWatch(`${cms}?watch=true&resourceVersion=${created.body.metadata.resourceVersion}`),
      openWatch(`${first.url}/api/v1/namespaces?watch=true&timeoutSeconds=600`),
    ]);
    assert.equal((await watches[0].next()).object.metadata.name, 'kept', 'the watches are live before SIGTERM');

    const ended = await terminate(first);
    assert.deepEqual(ended, { code: 0, signal: null });
    await Promise.all(watches.map((w) => w.ended));

    const port = new URL(first.url).port;
    const second = await startApiserver(['--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--kubeconfig-out', kubeconfig]);
    try {
      assert.equal(second.url, first.url);
      assert.equal(kubeconfigServer(kubeconfig), first.url, 'the kubeconfig written before still points at the server');
      const kept = await call(`${cms}/kept`);
      assert.equal(kept.status, 200);
      assert.equal(kept.body.metadata.uid, created.body.metadata.uid);
      assert.deepEqual(kept.body.data, { k: 'v' });
    } finally {
      assert.deepEqual(await terminate(second), { code: 0, signal: null });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
