// Durability: the server process is killed with SIGKILL during a stream of acknowledged writes;
// after a restart on the same data directory every acknowledged write is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type CliApiserver, startCliApiserver, stopCliApiserver } from '../support/cli-apiserver.js';

/** The admin token of the kubeconfig the server wrote (tokens are required even over --insecure-http). */
function adminHeaders(dir: string): Record<string, string> {
  const kubeconfig = parseYaml(readFileSync(join(dir, 'kubeconfig'), 'utf8')) as { users: { user: { token: string } }[] };
  return { Authorization: `Bearer ${kubeconfig.users[0]!.user.token}` };
}

function startServer(dir: string): Promise<CliApiserver> {
  return startCliApiserver(dir, '127.0.0.1:0', ['--insecure-http', '--log-level', 'error']);
}

test('every acknowledged write survives SIGKILL and a restart on the same data directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-durable-'));
  try {
    const first = await startServer(dir);
    const auth = adminHeaders(dir);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        const res = await fetch(`${first.url}/api/v1/namespaces/default/configmaps`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify({ metadata: { name }, data: { i: String(i) } }),
        }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) acknowledged.push(name);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    const second = await startServer(dir);
    try {
      const list = (await (await fetch(`${second.url}/api/v1/namespaces/default/configmaps`, { headers: adminHeaders(dir) })).json()) as { items: { metadata: { name: string } }[] };
      const names = new Set(list.items.map((o) => o.metadata.name));
      const lost = acknowledged.filter((n) => !names.has(n));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
    } finally {
      await stopCliApiserver(second);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
