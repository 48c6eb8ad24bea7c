/**
 * Drives a real, versioned kubectl binary against the embedded API server, configured as
 * `flotilla apiserver` configures it (HTTPS with a generated CA, bearer tokens, Secrets
 * encrypted at rest), in-process so that every request kubectl makes is logged.
 *
 * Every kubectl call gets the test's own HOME (so its discovery and HTTP caches start empty),
 * and after every call the request log is checked: a 404, 405, 406, 415 or 5xx that the step
 * did not declare fails the test, even when kubectl itself exits 0.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { ApiServer, type RequestLogEntry } from '../../src/apiserver/server.js';
import { loadOrCreateEncryptionConfiguration } from '../../src/apiserver/storage/encryption.js';
import { ensureServingPki, servingHosts } from '../../src/apiserver/tls/pki.js';
import { renderKubeconfig } from '../../src/cli/kubeconfig.js';
import { type Backend, createSqliteBackend } from '../../src/store/index.js';
import { IN_CI, versionedKubectl } from './external-tools.js';

export interface KubectlServer {
  readonly url: string;
  readonly dir: string;
  readonly caPem: string;
  readonly token: string;
  readonly server: ApiServer;
  readonly backend: Backend;
  readonly log: RequestLogEntry[];
  stop(): Promise<void>;
}

/** Starts the server with TLS, tokens and encryption, logging every request. */
export async function startKubectlServer(): Promise<KubectlServer> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-kubectl-'));
  const pki = ensureServingPki(dir, servingHosts([]), new Date());
  const transformers = loadOrCreateEncryptionConfiguration(join(dir, 'encryption-config.yaml'));
  const backend = createSqliteBackend({ path: join(dir, 'apiserver.db') });
  const log: RequestLogEntry[] = [];
  const server = await ApiServer.create({ backend, transformers, authentication: 'tokens', onRequest: (e) => log.push(e) });
  const address = await server.listen({ host: '127.0.0.1', port: 0, tls: pki });
  const token = await server.tokens!.issue('root');
  return {
    url: `https://127.0.0.1:${address.port}`, dir, caPem: pki.caPem, token, server, backend, log,
    async stop() {
      await server.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The requests kubectl made during this call. */
  readonly requests: readonly RequestLogEntry[];
}

export interface RunOptions {
  readonly stdin?: string;
  /** Requests (`METHOD path?query status`) allowed to answer 404, such as the GET before an apply creates. */
  readonly allow404?: readonly RegExp[];
  /** Other error statuses the step expects (409 conflicts, 400 validation failures…). */
  readonly allowStatus?: readonly number[];
}

const ALWAYS_WRONG = new Set([404, 405, 406, 415]);

function describe(e: RequestLogEntry): string {
  return `${e.method} ${e.url} ${e.status}`;
}

/** A kubectl running in the background. */
export interface Background {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the output matches (20 s at most). */
  waitFor(re: RegExp): Promise<void>;
  /** Resolves with the exit code. */
  exited(): Promise<number>;
}

/** A kubectl of one version, with its own HOME and kubeconfig, bound to a server. */
export class Kubectl {
  readonly home: string;
  /** 404s that background commands (get -w, wait) started by this test are expected to cause. */
  readonly #background = new Set<RegExp>();
  readonly kubeconfig: string;

  constructor(readonly binary: string, readonly server: KubectlServer, options: { clusterPath?: string; token?: string } = {}) {
    this.home = mkdtempSync(join(server.dir, 'home-'));
    mkdirSync(join(this.home, '.kube'), { recursive: true });
    this.kubeconfig = join(this.home, 'kubeconfig');
    writeFileSync(this.kubeconfig, renderKubeconfig({ server: `${server.url}${options.clusterPath ?? ''}`, token: options.token ?? server.token, caPem: server.caPem }), { mode: 0o600 });
  }

  /** Writes a file into this kubectl's HOME and returns its path (manifests, --from-file sources). */
  file(name: string, text: string): string {
    const path = join(this.home, name);
    writeFileSync(path, text);
    return path;
  }

  #env(): NodeJS.ProcessEnv {
    return { HOME: this.home, KUBECONFIG: this.kubeconfig, PATH: process.env.PATH ?? '/usr/bin:/bin', KUBECTL_KUBERC: 'false' };
  }

  /** Runs kubectl; fails when the request log shows an undeclared error status. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<KubectlResult> {
    const start = this.server.log.length;
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(this.binary, [...args], { env: this.#env(), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err });
      });
      child.stdin?.end(options.stdin ?? '');
    });
    const requests = this.server.log.slice(start);
    const unexpected = requests.filter((e) => {
      if (e.status === 404) return ![...(options.allow404 ?? []), ...this.#background].some((re) => re.test(describe(e)));
      if (options.allowStatus?.includes(e.status)) return false;
      return ALWAYS_WRONG.has(e.status) || e.status >= 500;
    });
    if (unexpected.length > 0) {
      throw new Error(`kubectl ${args.join(' ')} (exit ${code}) made unexpected requests:\n${unexpected.map(describe).join('\n')}\nstderr: ${stderr}`);
    }
    return { code, stdout, stderr, requests };
  }

  /**
   * Starts a long-running kubectl (get -w, wait); the caller ends it with `kill()` or lets it
   * exit. Its requests land in the windows of other steps, so its own expected 404s are declared here.
   */
  spawn(args: readonly string[], options: { allow404?: readonly RegExp[] } = {}): Background {
    const child = spawn(this.binary, [...args], { env: this.#env(), stdio: ['ignore', 'pipe', 'pipe'] });
    // Kept for the rest of the test: the process's last requests may be checked after it exits.
    for (const re of options.allow404 ?? []) this.#background.add(re);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const waitFor = (re: RegExp): Promise<void> => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${output}`)), 20_000);
      const check = (): void => {
        if (!re.test(output)) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
    return { child, output: () => output, waitFor, exited: () => exited };
  }
}

/**
 * The versioned kubectl binary for `minor`, or a skip reason. With CI=true a missing binary is
 * an error (thrown when the suite starts), never a skip.
 */
export function kubectlOrSkip(minor: string): { binary?: string; skip: string | false } {
  const binary = versionedKubectl(minor);
  if (binary) return { binary, skip: false };
  if (IN_CI) throw new Error(`kubectl.${minor} is not installed; CI=true requires it`);
  const reason = `kubectl.${minor} is not installed beside the gcloud binary`;
  process.stderr.write(`skipping the kubectl ${minor} suite: ${reason}\n`);
  return { skip: reason };
}

/** Fails the test with kubectl's output when the exit code is not the expected one. */
export function expectCode(t: TestContext | undefined, result: KubectlResult, code: number, what: string): void {
  void t;
  if (result.code !== code) throw new Error(`${what}: exit ${result.code}, expected ${code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
}
