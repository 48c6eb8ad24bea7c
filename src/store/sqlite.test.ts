import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { runBackendConformance } from './backend.conformance.js';
import { createSqliteBackend } from './index.js';
import type { Backend } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'flotilla-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const paths = new WeakMap<Backend, string>();

function open(path = join(dir, `db-${n++}.sqlite`)): Backend {
  const backend = createSqliteBackend({ path });
  paths.set(backend, path);
  return backend;
}

runBackendConformance({
  name: 'sqlite',
  open: () => open(),
  reopen: async (backend) => {
    await backend.close();
    return open(paths.get(backend));
  },
});
