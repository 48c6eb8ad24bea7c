// Starts the embedded API server with N logical clusters on a temp directory and prints its port,
// so a benchmark can measure a client process without the server in its memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/apiserver/server.js';
import { createSqliteBackend } from '../../src/store/index.js';

const clusters = Number(process.argv[2] ?? '0');
const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-'));
const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
const server = await ApiServer.create({ backend });
for (let i = 0; i < clusters; i++) await server.clusters.create(`c${i}`);
const address = await server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`PORT ${address.port}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => backend.close()).then(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
