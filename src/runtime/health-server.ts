/**
 * The manager's probe and metrics endpoint: `/healthz` and `/readyz` in controller-runtime's
 * `pkg/healthz` format (`ok`, or one `[+]name ok` / `[-]name failed: reason withheld` line per
 * check and `healthz check failed`, with HTTP 500; `?verbose` lists checks on success too;
 * `/healthz/<name>` runs one check), and Prometheus `/metrics`.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, type Logger } from '../util/index.js';
import type { RuntimeMetrics } from './metrics.js';

/** A health check: resolves when healthy, throws (or rejects) with the reason otherwise. */
export type Checker = () => void | Promise<void>;

/** Named checks of one endpoint. */
export class CheckSet {
  readonly #checks = new Map<string, Checker>();

  /** @throws Error when the name is taken. */
  add(name: string, check: Checker): void {
    if (this.#checks.has(name)) throw new Error(`health check "${name}" already exists`);
    this.#checks.set(name, check);
  }

  /** Runs every check; returns each one's outcome, sorted by name. */
  async run(): Promise<{ name: string; error?: string }[]> {
    const entries = [...this.#checks.entries()].sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return [{ name: 'ping' }];
    return Promise.all(entries.map(async ([name, check]) => {
      try {
        await check();
        return { name };
      } catch (error) {
        return { name, error: errorMessage(error) };
      }
    }));
  }

  get(name: string): Checker | undefined {
    return this.#checks.get(name);
  }
}

export interface HealthServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly healthz: CheckSet;
  readonly readyz: CheckSet;
  readonly metrics?: RuntimeMetrics;
  readonly log?: Logger;
}

function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

async function serveChecks(res: ServerResponse, checks: CheckSet, verbose: boolean, log: Logger | undefined): Promise<void> {
  const results = await checks.run();
  const failed = results.some((r) => r.error !== undefined);
  if (!failed && !verbose) return sendText(res, 200, 'ok');
  const lines = results.map((r) => (r.error === undefined ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`));
  if (failed) log?.info({ failed: results.filter((r) => r.error).map((r) => `${r.name}: ${r.error ?? ''}`) }, 'healthz check failed');
  sendText(res, failed ? 500 : 200, `${lines.join('\n')}\n${failed ? 'healthz check failed' : 'healthz check passed'}\n`);
}

async function serveOne(res: ServerResponse, check: Checker): Promise<void> {
  try {
    await check();
    sendText(res, 200, 'ok');
  } catch (error) {
    sendText(res, 500, `internal server error: ${errorMessage(error)}\n`);
  }
}

/** Serves probes and metrics until closed. */
export class HealthServer {
  readonly #o: HealthServerOptions;
  readonly #server: Server;

  constructor(options: HealthServerOptions) {
    this.#o = options;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => sendText(res, 500, `internal server error: ${errorMessage(error)}\n`));
    });
  }

  /** Starts listening; resolves with the bound address. */
  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#o.port, this.#o.host, () => resolve(this.#server.address() as AddressInfo));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/metrics' && this.#o.metrics) return sendText(res, 200, await this.#o.metrics.expose(), this.#o.metrics.contentType);
    const [, endpoint, name] = /^\/(healthz|readyz)(?:\/([^/]+))?$/.exec(path) ?? [];
    if (!endpoint) return sendText(res, 404, '404 page not found\n');
    const checks = endpoint === 'healthz' ? this.#o.healthz : this.#o.readyz;
    if (name === undefined) return serveChecks(res, checks, url.searchParams.has('verbose'), this.#o.log);
    const check = checks.get(name) ?? (name === 'ping' ? () => undefined : undefined);
    if (!check) return sendText(res, 404, '404 page not found\n');
    return serveOne(res, check);
  }
}
