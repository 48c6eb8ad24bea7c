/**
 * `flotilla apiserver --data-dir DIR [--listen HOST:PORT] [--kubeconfig-out FILE] --insecure-http`:
 * serves the embedded API server until SIGTERM/SIGINT. The kubeconfig (mode 0600) is written
 * only once /readyz answers ok. TLS and tokens arrive in part 2; until then plain HTTP must be
 * asked for explicitly.
 *
 * @module
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ApiServer } from '../../apiserver/server.js';
import { createSqliteBackend } from '../../store/index.js';
import { FlotillaError, UsageError, createLogger } from '../../util/index.js';
import type { CliContext, CommandModule } from '../context.js';

interface ApiserverFlags {
  dataDir: string;
  listen: string;
  kubeconfigOut?: string;
  insecureHttp?: boolean;
}

/** Parses HOST:PORT (IPv6 in brackets). */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`invalid --listen '${text}': expected HOST:PORT, for example 127.0.0.1:6443 (port 0 picks a free one)`);
  return { host: m[1] ?? m[2]!, port };
}

/** A kubeconfig for plain HTTP (client-node needs insecure-skip-tls-verify for http:). */
export function kubeconfigYaml(server: string, name = 'flotilla'): string {
  return [
    'apiVersion: v1', 'kind: Config', `current-context: ${name}`,
    'clusters:', `- name: ${name}`, '  cluster:', `    server: ${server}`, '    insecure-skip-tls-verify: true',
    'users:', `- name: ${name}`, '  user: {}',
    'contexts:', `- name: ${name}`, '  context:', `    cluster: ${name}`, `    user: ${name}`, '', 
  ].join('\n');
}

function writePrivate(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new FlotillaError('APISERVER_NOT_READY', `the API server at ${base} did not become ready`);
}

async function run(flags: ApiserverFlags, context: CliContext): Promise<void> {
  if (!flags.insecureHttp) {
    throw new UsageError('TLS is not available yet: pass --insecure-http to serve plain HTTP on a trusted interface');
  }
  const listen = parseListen(flags.listen);
  const dataDir = resolve(flags.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ name: 'apiserver' });
  const backend = createSqliteBackend({ path: join(dataDir, 'apiserver.db') });
  const server = await ApiServer.create({ backend, logger });
  try {
    const address = await server.listen(listen);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const base = `http://${host}:${address.port}`;
    await waitReady(base);
    if (flags.kubeconfigOut) writePrivate(resolve(flags.kubeconfigOut), kubeconfigYaml(base));
    logger.warn({ url: base }, 'serving plain HTTP without authentication (--insecure-http)');
    context.stderr(`flotilla apiserver: serving ${base}\n`);
    await new Promise<void>((done) => {
      if (context.shutdown.aborted) done();
      context.shutdown.addEventListener('abort', () => done(), { once: true });
    });
  } finally {
    await server.close();
    await backend.close();
  }
}

export const apiserverCommand: CommandModule = {
  register(program: Command, context: CliContext): void {
    program
      .command('apiserver')
      .description('serve the embedded Kubernetes-compatible API server (management cluster at /, logical clusters at /clusters/<name>)')
      .requiredOption('--data-dir <dir>', 'directory for the database (state survives restarts)')
      .option('--listen <host:port>', 'address to listen on (port 0 picks a free one)', '127.0.0.1:6443')
      .option('--kubeconfig-out <file>', 'write a kubeconfig (mode 0600) here once ready')
      .option('--insecure-http', 'serve plain HTTP without authentication (required until TLS lands)')
      .action((flags: ApiserverFlags) => run(flags, context));
  },
};
