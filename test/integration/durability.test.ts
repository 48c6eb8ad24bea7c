// Durability: the server process is killed with SIGKILL during a stream of acknowledged writes;
// after a restart on the same data directory every acknowledged write is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/flotilla.js', import.meta.url));

function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'apiserver', '--data-dir', dir, '--listen', '127.0.0.1:0', '--insecure-http', '--log-level', 'error'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving (http:\/\/[\d.:]+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`apiserver exited with ${code}: ${err}`)));
  });
}

test('every acknowledged write survives SIGKILL and a restart on the same data directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-durable-'));
  try {
    const first = await startServer(dir);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        const res = await fetch(`${first.url}/api/v1/namespaces/default/configmaps`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name }, data: { i: String(i) } }),
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
      const list = (await (await fetch(`${second.url}/api/v1/namespaces/default/configmaps`)).json()) as { items: { metadata: { name: string } }[] };
      const names = new Set(list.items.map((o) => o.metadata.name));
      const lost = acknowledged.filter((n) => !names.has(n));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
