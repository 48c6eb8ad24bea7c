/**
 * `flotilla apiserver --data-dir DIR [--listen HOST:PORT] [--kubeconfig-out FILE] [--tls-san NAME]…
 * [--insecure-http]`: serves the embedded API server until SIGTERM/SIGINT.
 *
 * HTTPS by default, with a CA created at first start and a serving certificate for 127.0.0.1,
 * localhost and every `--tls-san` (DIR/pki). Every request needs the admin bearer token of the
 * logical cluster it addresses, except the health and version endpoints. Secrets are encrypted
 * at rest with the key of DIR/encryption-config.yaml. The kubeconfig (default DIR/kubeconfig,
 * mode 0600, CA embedded) is written only once /readyz answers ok; a restart on the same DIR
 * and port keeps its token and CA valid. `--insecure-http` serves plain HTTP (tokens are still
 * required) and warns.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ROOT_CLUSTER } from '../../apiserver/clusters.js';
import { ApiServer } from '../../apiserver/server.js';
import { EncryptionError, loadOrCreateEncryptionConfiguration } from '../../apiserver/storage/encryption.js';
import { ensureServingPki, servingHosts } from '../../apiserver/tls/pki.js';
import { createSqliteBackend } from '../../store/index.js';
import { FlotillaError, UsageError, createLogger } from '../../util/index.js';
import type { CliContext, CommandModule } from '../context.js';
import { kubeconfigTokens, renderKubeconfig, writePrivateFile } from '../kubeconfig.js';

interface ApiserverFlags {
  dataDir: string;
  listen: string;
  kubeconfigOut?: string;
  tlsSan: string[];
  insecureHttp?: boolean;
}

/** Parses HOST:PORT (IPv6 in brackets). */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`invalid --listen '${text}': expected HOST:PORT, for example 127.0.0.1:6443 (port 0 picks a free one)`);
  return { host: m[1] ?? m[2]!, port };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The host clients should use: the listen address, or loopback for a wildcard. */
function clientHost(host: string): string {
  if (WILDCARDS.has(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function probeReady(base: string, caPem: string | undefined): Promise<boolean> {
  return new Promise((done) => {
    const url = new URL('/readyz', base);
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { ...(caPem ? { ca: caPem } : {}), timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => done(false)).on('timeout', () => req.destroy()).end();
  });
}

async function waitReady(base: string, caPem: string | undefined): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await probeReady(base, caPem)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new FlotillaError('APISERVER_NOT_READY', `the API server at ${base} did not become ready`);
}

/** A token of the existing kubeconfig that is still valid, or a newly issued one. */
async function adminToken(server: ApiServer, kubeconfigPath: string): Promise<string> {
  const tokens = server.tokens!;
  const kept = kubeconfigTokens(kubeconfigPath).find((t) => tokens.verify(t, ROOT_CLUSTER));
  return kept ?? tokens.issue(ROOT_CLUSTER);
}

function openTransformers(dataDir: string): ReturnType<typeof loadOrCreateEncryptionConfiguration> {
  try {
    return loadOrCreateEncryptionConfiguration(join(dataDir, 'encryption-config.yaml'));
  } catch (error) {
    if (error instanceof EncryptionError) throw new FlotillaError(error.code, `${join(dataDir, 'encryption-config.yaml')}: ${error.message}`);
    throw error;
  }
}

async function run(flags: ApiserverFlags, context: CliContext): Promise<void> {
  const listen = parseListen(flags.listen);
  const dataDir = resolve(flags.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ name: 'apiserver' });
  const transformers = openTransformers(dataDir);
  const pki = flags.insecureHttp ? undefined : ensureServingPki(dataDir, servingHosts([...flags.tlsSan, ...(WILDCARDS.has(listen.host) ? [] : [listen.host])]), new Date());
  const backend = createSqliteBackend({ path: join(dataDir, 'apiserver.db') });
  try {
    const server = await ApiServer.create({ backend, logger, transformers, authentication: 'tokens' });
    try {
      const address = await server.listen({ ...listen, ...(pki ? { tls: pki } : {}) });
      const base = `${pki ? 'https' : 'http'}://${clientHost(address.address)}:${address.port}`;
      await waitReady(base, pki?.caPem);
      const kubeconfigPath = resolve(flags.kubeconfigOut ?? join(dataDir, 'kubeconfig'));
      const token = await adminToken(server, kubeconfigPath);
      writePrivateFile(kubeconfigPath, renderKubeconfig({ server: base, token, ...(pki ? { caPem: pki.caPem } : {}) }));
      if (flags.insecureHttp) logger.warn({ url: base }, 'serving plain HTTP (--insecure-http): bearer tokens and Secret values cross the network unencrypted');
      context.stderr(`flotilla apiserver: serving ${base} (kubeconfig: ${kubeconfigPath})\n`);
      await new Promise<void>((done) => {
        if (context.shutdown.aborted) done();
        context.shutdown.addEventListener('abort', () => done(), { once: true });
      });
    } finally {
      await server.close();
    }
  } finally {
    await backend.close();
  }
}

export const apiserverCommand: CommandModule = {
  register(program: Command, context: CliContext): void {
    program
      .command('apiserver')
      .description('serve the embedded Kubernetes-compatible API server (management cluster at /, logical clusters at /clusters/<name>)')
      .requiredOption('--data-dir <dir>', 'directory for the database, certificates, tokens and encryption key (state survives restarts)')
      .option('--listen <host:port>', 'address to listen on (port 0 picks a free one)', '127.0.0.1:6443')
      .option('--kubeconfig-out <file>', 'where to write the admin kubeconfig (mode 0600) once ready (default: DIR/kubeconfig)')
      .option('--tls-san <name>', 'extra DNS name or IP address for the serving certificate (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
      .option('--insecure-http', 'serve plain HTTP instead of HTTPS (tokens are still required); only on a trusted interface')
      .action((flags: ApiserverFlags) => run(flags, context));
  },
};
