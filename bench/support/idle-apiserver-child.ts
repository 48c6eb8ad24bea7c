// Memory of one API server process hosting N idle logical clusters (SQLite backend, listening,
// no requests in flight), measured in a process of its own so the figure is the server's and
// not the bench harness's (other suites' modules, the watch clients). Run with --expose-gc.
// Prints one JSON line: { rss, delta } in bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/apiserver/server.js';
import { createSqliteBackend } from '../../src/store/index.js';

const count = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const settledRss = (): number => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().rss;
};
const dir = mkdtempSync(join(tmpdir(), 'flotilla-idle-'));
const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
const server = await ApiServer.create({ backend });
await server.listen({ host: '127.0.0.1', port: 0 });
const before = settledRss();
for (let i = 0; i < count; i++) await server.clusters.create(`idle-${i}`);
const after = settledRss();
process.stdout.write(`${JSON.stringify({ rss: after, delta: after - before })}\n`);
await server.close();
await backend.close();
rmSync(dir, { recursive: true, force: true });
