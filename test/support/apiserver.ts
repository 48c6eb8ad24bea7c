/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
/** Starts the real embedded API server in-process on a temp SQLite database, for integration tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer, type ApiServerOptions } from '../../src/apiserver/server.js';
import { type Backend, createSqliteBackend } from '../../src/store/index.js';
import type { Clock } from '../../src/util/index.js';

export interface TestServer {
  readonly url: string;
  readonly server: ApiServer;
  readonly backend: Backend;
  readonly dir: string;
  /** Stops the server and backend; `keepData` leaves the directory for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

export async function startTestServer(
  options: { dir?: string; bookmarkIntervalMs?: number; clock?: Clock } & Pick<ApiServerOptions, 'resolveService' | 'webhookTimeoutMs'> = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'flotilla-it-'));
  const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
  const server = await ApiServer.create({
    backend, ...(options.bookmarkIntervalMs ? { bookmarkIntervalMs: options.bookmarkIntervalMs } : {}), ...(options.clock ? { clock: options.clock } : {}),
    ...(options.resolveService ? { resolveService: options.resolveService } : {}),
    ...(options.webhookTimeoutMs !== undefined ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
  });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${address.port}`, server, backend, dir,
    async stop(keepData = false) {
      await server.close();
      await backend.close();
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a request (with a bearer `token` for servers that require one) and returns status and parsed JSON (or text). */
export async function call(url: string, init: { method?: string; body?: string | Buffer; contentType?: string; token?: string } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined ? { body: init.body } : {}),
    headers: { ...(init.contentType ? { 'Content-Type': init.contentType } : {}), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}
