// The installed entry point, as users run it: `npx flotilla …` from the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'flotilla', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('npx flotilla --version prints the package version', async () => {
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  const result = await flotilla('--version');
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${version}\n`);
});

test('npx flotilla --help lists usage', async () => {
  const result = await flotilla('--help');
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Usage: flotilla/);
});

test('npx flotilla bogus exits 2 with one line on stderr', async () => {
  const result = await flotilla('bogus');
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, "flotilla: unknown command 'bogus' (see 'flotilla --help')\n");
});
