/**
 * How to reach one API server: a {@link ClusterConnection} (server URL, TLS material,
 * credentials, default namespace), built from a kubeconfig (file or text, any context) or from
 * the in-cluster service account. client-node's `KubeConfig` parses kubeconfigs and runs exec and
 * auth-provider plugins; everything else here is plain data so clients and tests can build
 * connections without it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, bufferFromFileOrString } from '@kubernetes/client-node';
import { type Clock, FlotillaError, errorMessage, systemClock } from '../util/index.js';

/** Produces the `Authorization` header value for the next request, or undefined for none. */
export interface Credentials {
  authorization(): Promise<string | undefined>;
}

/** Everything needed to open connections to one API server. */
export interface ClusterConnection {
  /** `https://host:port[/path]` or `http://…`, without a trailing slash. */
  readonly server: string;
  /** PEM CA bundle to trust instead of the system roots. */
  readonly ca?: Buffer;
  /** PEM client certificate and key (client-certificate authentication). */
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** Accept any server certificate (kubeconfig `insecure-skip-tls-verify`). */
  readonly insecureSkipTlsVerify?: boolean;
  /** SNI and verification name when it differs from the URL host (`tls-server-name`). */
  readonly tlsServerName?: string;
  readonly credentials?: Credentials;
  /** The context's default namespace, when it names one. */
  readonly namespace?: string;
}

/** The kubeconfig could not be read or does not describe a usable cluster. */
export class KubeconfigError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KUBECONFIG_INVALID', message, options);
  }
}

/** A fixed bearer token. */
export function bearerToken(token: string): Credentials {
  const header = `Bearer ${token.trim()}`;
  return { authorization: () => Promise.resolve(header) };
}

/** Options of {@link loadKubeconfig}: exactly one of `path` or `yaml`. */
export interface LoadKubeconfigOptions {
  /** A kubeconfig file; relative certificate paths inside it resolve against its folder. */
  readonly path?: string;
  /** Kubeconfig text (for example from a Secret). */
  readonly yaml?: string;
  /** Context to use instead of `current-context`. */
  readonly context?: string;
}

function parse(options: LoadKubeconfigOptions): KubeConfig {
  const kc = new KubeConfig();
  const source = options.path ? `kubeconfig ${options.path}` : 'kubeconfig';
  try {
    if (options.path !== undefined) kc.loadFromFile(options.path);
    else if (options.yaml !== undefined) kc.loadFromString(options.yaml);
    else throw new KubeconfigError('a kubeconfig path or text is required');
  } catch (error) {
    if (error instanceof KubeconfigError) throw error;
    throw new KubeconfigError(`cannot load ${source}: ${errorMessage(error)}`, { cause: error });
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) throw new KubeconfigError(`context "${options.context}" not found in ${source}`);
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentContext()) throw new KubeconfigError(`${source} has no current-context; pass a context name`);
  return kc;
}

/** The user's credentials: a static token or basic auth directly, plugins through client-node. */
function credentialsOf(kc: KubeConfig): Credentials | undefined {
  const user = kc.getCurrentUser();
  if (!user) return undefined;
  if (user.token) return bearerToken(user.token);
  if (user.username) {
    const header = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
    return { authorization: () => Promise.resolve(header) };
  }
  if (!user.exec && !user.authProvider) return undefined;
  // exec and auth-provider plugins cache and refresh their tokens inside client-node.
  return {
    async authorization() {
      const opts: { headers?: Record<string, string | number | string[]> } = { headers: {} };
      await kc.applyToHTTPSOptions(opts);
      const value = opts.headers?.Authorization ?? opts.headers?.authorization;
      return typeof value === 'string' ? value : undefined;
    },
  };
}

function readPem(what: string, file: string | undefined, data: string | undefined): Buffer | undefined {
  try {
    return bufferFromFileOrString(file, data) ?? undefined;
  } catch (error) {
    throw new KubeconfigError(`cannot read the ${what} ${file ?? ''}: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Loads a kubeconfig and returns the connection of its current (or the given) context.
 * @throws KubeconfigError when the file is missing or malformed, or the context is unknown.
 * @example
 * const connection = loadKubeconfig({ path: '/home/me/.kube/config', context: 'prod' });
 */
export function loadKubeconfig(options: LoadKubeconfigOptions): ClusterConnection {
  const kc = parse(options);
  const context = kc.getContextObject(kc.getCurrentContext())!;
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`context "${context.name}" names cluster "${context.cluster}", which the kubeconfig does not define`);
  if (!/^https?:\/\//.test(cluster.server)) throw new KubeconfigError(`cluster "${cluster.name}" has server "${cluster.server}": expected an http:// or https:// URL`);
  const user = kc.getCurrentUser();
  const ca = readPem('certificate authority', cluster.caFile, cluster.caData);
  const cert = user ? readPem('client certificate', user.certFile, user.certData) : undefined;
  const key = user ? readPem('client key', user.keyFile, user.keyData) : undefined;
  const credentials = credentialsOf(kc);
  return {
    server: cluster.server.replace(/\/+$/, ''),
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(cluster.skipTLSVerify ? { insecureSkipTlsVerify: true } : {}),
    ...(cluster.tlsServerName ? { tlsServerName: cluster.tlsServerName } : {}),
    ...(credentials ? { credentials } : {}),
    ...(context.namespace ? { namespace: context.namespace } : {}),
  };
}

/** Where a pod's service account is mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Options of {@link inClusterConnection}. The CLI reads KUBERNETES_SERVICE_HOST/PORT and passes them. */
export interface InClusterOptions {
  readonly host: string;
  readonly port: string | number;
  /** Defaults to {@link SERVICE_ACCOUNT_DIR}. */
  readonly serviceAccountDir?: string;
  readonly clock?: Clock;
}

/**
 * A token file that is re-read once a minute, as client-go does: projected service account
 * tokens rotate on disk while the process runs.
 */
export function tokenFile(path: string, clock: Clock = systemClock): Credentials {
  let header: string | undefined;
  let readAt = -Infinity;
  return {
    authorization() {
      if (clock.now() - readAt >= 60_000) {
        try {
          header = `Bearer ${readFileSync(path, 'utf8').trim()}`;
          readAt = clock.now();
        } catch (error) {
          // Keep the last good token through a transient read failure during rotation.
          if (header === undefined) throw new KubeconfigError(`cannot read the token file ${path}: ${errorMessage(error)}`, { cause: error });
        }
      }
      return Promise.resolve(header);
    },
  };
}

/**
 * The connection of a pod's own cluster: its service account token (re-read as it rotates), CA
 * and namespace.
 * @throws KubeconfigError when the service account files are missing.
 */
export function inClusterConnection(options: InClusterOptions): ClusterConnection {
  const dir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let ca: Buffer;
  let namespace: string | undefined;
  try {
    ca = readFileSync(join(dir, 'ca.crt'));
  } catch (error) {
    throw new KubeconfigError(`not running in a cluster: cannot read ${join(dir, 'ca.crt')}: ${errorMessage(error)}`, { cause: error });
  }
  try {
    namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  return {
    server: `https://${host}:${options.port}`,
    ca,
    credentials: tokenFile(join(dir, 'token'), options.clock),
    ...(namespace ? { namespace } : {}),
  };
}
