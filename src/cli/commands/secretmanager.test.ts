import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context.js';
import { runProgram } from '../program.js';
import { parseListen, secretManagerCommand } from './secretmanager.js';

function harness(): { context: CliContext; stop: () => void; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const shutdown = new AbortController();
  return {
    context: { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, shutdown: shutdown.signal },
    stop: () => shutdown.abort(),
    out: () => out,
    err: () => err,
  };
}

const run = (argv: string[], context: CliContext): Promise<number> => runProgram(argv, { version: '0.0.0', commands: [secretManagerCommand] }, context);

test('parseListen reads HOST:PORT and [v6]:PORT, and rejects the rest as usage errors', () => {
  assert.deepEqual(parseListen('127.0.0.1:8181'), { host: '127.0.0.1', port: 8181 });
  assert.deepEqual(parseListen('[::1]:0'), { host: '::1', port: 0 });
  assert.deepEqual(parseListen('localhost:9'), { host: 'localhost', port: 9 });
  for (const bad of ['8181', '127.0.0.1', ':80', '127.0.0.1:99999', 'a:b']) assert.throws(() => parseListen(bad), { code: 'USAGE' }, bad);
});

test('serves until shutdown, writes then removes the env file; audit prints the calls', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'flotilla-sm-cli-'));
  const h = harness();
  const serving = run(['--log-level', 'silent', 'secretmanager', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], h.context);
  while (!h.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
  const url = /listening on (\S+)/.exec(h.out())![1]!;
  const envFile = join(dataDir, 'secretmanager.env');
  assert.ok(h.out().includes(`source ${envFile}`));
  const env = readFileSync(envFile, 'utf8');
  for (const name of ['SECRETMANAGER', 'IAM', 'SERVICEUSAGE']) assert.ok(env.includes(`export CLOUDSDK_API_ENDPOINT_OVERRIDES_${name}='${url}'`), name);
  assert.ok(env.includes(`export CLOUDSDK_AUTH_ACCESS_TOKEN_FILE='${join(dataDir, 'admin.token')}'`));
  assert.ok(env.includes(`export CLOUDSDK_CONFIG='${join(dataDir, 'gcloud')}'`));
  assert.ok(!env.includes('CLOUDSDK_CORE_PROJECT'), 'the project is left to gcloud config set project');
  const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  const response = await fetch(`${url}v1/projects/p/secrets`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  h.stop();
  assert.equal(await serving, 0, h.err());
  assert.equal(existsSync(envFile), false);

  const audit = harness();
  assert.equal(await run(['secretmanager', 'audit', '--data-dir', dataDir], audit.context), 0, audit.err());
  assert.match(audit.out(), /^\S+Z admin ListSecrets projects\/p\/secrets allowed OK\n$/);
  const filtered = harness();
  assert.equal(await run(['secretmanager', 'audit', '--data-dir', dataDir, '--secret', 'nothing'], filtered.context), 0);
  assert.equal(filtered.out(), '');
});

test('usage mistakes exit 2 and a missing data directory exits 1, each with one line', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'flotilla-sm-cli-'));
  const cases: Array<[string[], number, RegExp]> = [
    [['secretmanager', '--data-dir', empty, '--listen', 'nowhere'], 2, /invalid --listen 'nowhere'/],
    [['secretmanager'], 2, /required option '--data-dir <dir>'/],
    [['secretmanager', 'audit'], 2, /required option '--data-dir <dir>'/],
    [['secretmanager', 'audit', '--data-dir', empty, '--secret', 'a/b'], 2, /invalid --secret 'a\/b'/],
    [['secretmanager', 'audit', '--data-dir', empty], 1, /no secret manager data in/],
  ];
  for (const [argv, code, message] of cases) {
    const h = harness();
    assert.equal(await run(argv, h.context), code, argv.join(' '));
    assert.match(h.err(), message);
    assert.equal(h.err().trim().split('\n').length, 1);
  }
});
