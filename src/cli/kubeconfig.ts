/**
 * Kubeconfig files for the embedded API server: one cluster, one user, one context. With TLS the
 * CA is embedded (`certificate-authority-data`); over plain HTTP the cluster is marked
 * `insecure-skip-tls-verify` (client-node refuses http: servers otherwise). The user carries a
 * bearer token either way. Files are written atomically with mode 0600.
 *
 * @module
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { isPlainObject } from '../api/object.js';

export interface KubeconfigOptions {
  /** `https://127.0.0.1:6443` or `…/clusters/<name>` for a logical cluster. */
  readonly server: string;
  readonly token: string;
  /** PEM of the CA that signed the serving certificate; absent for plain HTTP. */
  readonly caPem?: string;
  /** Name of the cluster, user and context entries. */
  readonly name?: string;
}

/** The kubeconfig text. */
export function renderKubeconfig(options: KubeconfigOptions): string {
  const name = options.name ?? 'flotilla';
  const cluster = options.caPem
    ? { server: options.server, 'certificate-authority-data': Buffer.from(options.caPem, 'utf8').toString('base64') }
    : { server: options.server, 'insecure-skip-tls-verify': true };
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster }],
    users: [{ name: `${name}-admin`, user: { token: options.token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
    preferences: {},
  });
}

/** Writes `text` to `path` atomically, readable only by the owner. */
export function writePrivateFile(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

/** The bearer tokens of an existing kubeconfig file (none when absent or unreadable). */
export function kubeconfigTokens(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    const doc = parseYaml(readFileSync(path, 'utf8')) as unknown;
    const users = isPlainObject(doc) && Array.isArray(doc.users) ? doc.users : [];
    return users.flatMap((u: unknown) => (isPlainObject(u) && isPlainObject(u.user) && typeof u.user.token === 'string' ? [u.user.token] : []));
  } catch {
    return [];
  }
}
