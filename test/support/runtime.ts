/** Helpers for runtime integration tests: the embedded server (restartable on its port) and clients for it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/apiserver/server.js';
import { type Backend, createSqliteBackend } from '../../src/store/index.js';
import { type ClientSettings, type KubeClient, createClient } from '../../src/kube/index.js';
import { createLogger, systemClock, type Logger } from '../../src/util/index.js';

export interface RestartableServer {
  readonly url: string;
  readonly port: number;
  api: ApiServer;
  backend: Backend;
  /** Stops the server (data kept) and starts a new one on the same directory and port. */
  restart(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(options: { bookmarkIntervalMs?: number } = {}): Promise<RestartableServer> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-rt-'));
  const open = async (port: number): Promise<{ api: ApiServer; backend: Backend; port: number }> => {
    const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
    const api = await ApiServer.create({ backend, ...(options.bookmarkIntervalMs ? { bookmarkIntervalMs: options.bookmarkIntervalMs } : {}) });
    const address = await api.listen({ host: '127.0.0.1', port });
    return { api, backend, port: address.port };
  };
  const first = await open(0);
  const server: RestartableServer = {
    url: `http://127.0.0.1:${first.port}`, port: first.port, api: first.api, backend: first.backend,
    async restart(between) {
      await server.api.close();
      await server.backend.close();
      await between?.();
      const next = await open(server.port);
      server.api = next.api;
      server.backend = next.backend;
    },
    async stop() {
      await server.api.close();
      await server.backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A client for the server (or one of its logical clusters) on the system clock. */
export function clientFor(url: string, settings: ClientSettings = {}): KubeClient {
  return createClient({ server: url }, { qps: Infinity, fieldManager: 'flotilla-test', clock: systemClock, ...settings });
}

export const quietLog: Logger = createLogger({ level: 'silent' });

/** Waits (on I/O, not on time) until `check` passes; fails after `timeoutMs` of real time. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
