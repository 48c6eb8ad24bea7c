/**
 * The embedded API server: composition of store, logical clusters, registry and the HTTP
 * request pipeline described in README.md.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../store/index.js';
import { type Clock, type Logger, systemClock } from '../util/index.js';
import { type LogicalCluster, LogicalClusters } from './clusters.js';
import { aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './http/discovery.js';
import { contentTypeOf, negotiate } from './http/negotiate.js';
import { sendBody } from './http/respond.js';
import { parseRequestInfo } from './http/request-info.js';
import { type ResourceHandlerDeps, handleResource, sendJson } from './http/resource-handlers.js';
import { ApiError, internalError, pathNotFound } from './http/status.js';
import { WatchEventCache } from './http/watch-events.js';
import { OpenApiService } from './openapi/handler.js';
import { InServerControllers } from './controllers/index.js';
import { type ServiceResolver, defaultServiceResolver } from './crd/conversion/webhook.js';
import { createBuiltinTypes } from './registry/builtin/index.js';
import { type Authenticator, type CustomAuthenticator, admit, allowAll, fromCustom } from './auth/authenticate.js';
import { TokenAuthority } from './auth/tokens.js';
import { GenericStore } from './storage/generic-store.js';
import type { TransformerLookup } from './storage/transformer.js';

export interface ApiServerOptions {
  readonly backend: Backend;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * `tokens` (what `flotilla apiserver` uses): bearer tokens issued through {@link ApiServer.tokens},
   * 401 without them. `none` (the default, for trusted in-process callers): everyone is an admin.
   */
  readonly authentication?: 'tokens' | 'none';
  /** A custom authenticator; takes precedence over `authentication`. */
  readonly authenticate?: CustomAuthenticator;
  readonly transformers?: TransformerLookup;
  /** BOOKMARK interval for watches that allow them. Defaults to 60 s, like kube-apiserver. */
  readonly bookmarkIntervalMs?: number;
  /**
   * How CRD conversion webhooks given as a service reference are reached. Defaults to kube's
   * `https://<name>.<namespace>.svc:<port>`; the embedding code maps services it runs itself.
   */
  readonly resolveService?: ServiceResolver;
  /** Timeout of a conversion webhook call. Defaults to 30 s, like kube-apiserver. */
  readonly webhookTimeoutMs?: number;
  /** Called once per request when its response has been sent (request logs, test assertions). */
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

/** One served request, as {@link ApiServerOptions.onRequest} sees it. Never carries bodies or credentials. */
export interface RequestLogEntry {
  readonly method: string;
  /** Path and query as sent (the logical-cluster prefix included). */
  readonly url: string;
  readonly status: number;
  readonly accept?: string;
  readonly contentType?: string;
  readonly userAgent?: string;
}

/** What `/version` answers; the minor picks kubectl.1.32 through gcloud's dispatcher. */
export const SERVER_VERSION = {
  major: '1', minor: '32', gitVersion: 'v1.32.0-flotilla', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'linux/amd64',
};

const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/livez']);

export class ApiServer {
  readonly clusters: LogicalClusters;
  readonly store: GenericStore;
  /** CRD, garbage-collection and namespace controllers; `idle()` tells when they have caught up. */
  readonly controllers: InServerControllers;
  readonly #deps: ResourceHandlerDeps;
  readonly #authenticate: Authenticator;
  /** Issues and verifies bearer tokens when authentication is `tokens`. */
  readonly tokens: TokenAuthority | undefined;
  readonly #logger: Logger | undefined;
  readonly #onRequest: ((entry: RequestLogEntry) => void) | undefined;
  readonly #streams = new Set<() => void>();
  readonly #openapi = new OpenApiService();
  #http: Server | undefined;
  #address = '127.0.0.1:0';

  private constructor(options: ApiServerOptions, parts: { clusters: LogicalClusters; store: GenericStore; controllers: InServerControllers }) {
    const clock = options.clock ?? systemClock;
    const { store, clusters } = parts;
    this.clusters = clusters;
    this.store = store;
    this.controllers = parts.controllers;
    this.tokens = options.authentication === 'tokens'
      ? TokenAuthority.open({ backend: options.backend, clusterUid: (name) => clusters.get(name)?.uid, now: () => new Date(clock.now()) })
      : undefined;
    const tokens = this.tokens;
    this.#authenticate = options.authenticate ? fromCustom(options.authenticate) : tokens ? (req, cluster) => tokens.credentials(req, cluster) : allowAll;
    this.#logger = options.logger;
    this.#onRequest = options.onRequest;
    this.#deps = {
      store, clock, ...(tokens ? { verifyToken: (token: string, cluster: string) => tokens.verify(token, cluster) } : {}),
      watch: {
        store, clock, bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000, events: new WatchEventCache(store.codec),
        track: (close) => {
          this.#streams.add(close);
          return () => void this.#streams.delete(close);
        },
      },
    };
  }

  /** Opens the clusters in the backend (creating the root cluster and its namespaces on first start). */
  static async create(options: ApiServerOptions): Promise<ApiServer> {
    const clock = options.clock ?? systemClock;
    const builtins = createBuiltinTypes();
    // The store's commit hook and the controllers need each other: bind late.
    const hook: { controllers?: InServerControllers } = {};
    const store = new GenericStore({
      backend: options.backend, clock, ...(options.transformers ? { transformers: options.transformers } : {}),
      onCommitted: (write) => hook.controllers?.onCommitted(write),
    });
    const controllers = new InServerControllers({
      store, clock, resolveService: options.resolveService ?? defaultServiceResolver,
      ...(options.webhookTimeoutMs !== undefined ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    hook.controllers = controllers;
    const clusters = await LogicalClusters.open({
      backend: options.backend, builtins, clock,
      initialize: (cluster) => createDefaultNamespaces(store, cluster),
      attach: (cluster) => controllers.attach(cluster),
    });
    return new ApiServer(options, { clusters, store, controllers });
  }

  /** The node:http request listener (usable behind any server). */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const onRequest = this.#onRequest;
    if (onRequest) {
      res.once('close', () => onRequest({
        method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode,
        ...(req.headers.accept ? { accept: req.headers.accept } : {}),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      }));
    }
    this.#serve(req, res).catch((error: unknown) => this.#fail(res, error));
  };

  /** Starts listening (HTTPS when `tls` is given); resolves with the bound address. */
  listen(options: { host: string; port: number; tls?: { readonly certPem: string; readonly keyPem: string } }): Promise<AddressInfo> {
    this.controllers.resume();
    // Go clients keep idle connections for 90 s: Node's 5 s default would reset reused connections.
    const timeouts = { keepAliveTimeout: 120_000, headersTimeout: 125_000, requestTimeout: 0 };
    const server: Server = options.tls
      ? createHttpsServer({ ...timeouts, cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' }, this.handle)
      : createServer(timeouts, this.handle);
    this.#http = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        const address = server.address() as AddressInfo;
        this.#address = `${address.address}:${address.port}`;
        resolve(address);
      });
    });
  }

  /** Ends every watch, stops accepting requests and closes idle connections. Does not close the backend. */
  async close(): Promise<void> {
    this.controllers.stop();
    for (const close of [...this.#streams]) close();
    const server = this.#http;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const watch = url.searchParams.get('watch');
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, watch === 'true' || watch === '1');
    const user = admit(this.#authenticate(req, info.cluster), info.target.kind === 'nonresource' ? { nonResourcePath: info.target.path } : {});
    const cluster = this.clusters.get(info.cluster);
    if (!cluster) throw pathNotFound();
    if (info.target.kind === 'resource') {
      await handleResource(this.#deps, { req, res, query: url.searchParams, user }, cluster, info.target);
      return;
    }
    if (this.#openapi.serve(req, res, cluster, { path: info.target.path, query: url.searchParams })) return;
    this.#serveNonResource(req, res, cluster, info.target.path);
  }

  #serveNonResource(req: IncomingMessage, res: ServerResponse, cluster: LogicalCluster, path: string): void {
    if (HEALTH_PATHS.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('ok');
      return;
    }
    if (path === '/api' || path === '/apis') {
      const form = negotiate(req.headers.accept, { discovery: true });
      if (form.kind === 'discovery') {
        res.setHeader('Vary', 'Accept');
        sendBody(res, 200, contentTypeOf(form), aggregatedDiscovery(cluster.registry, path === '/api' ? 'api' : 'apis', form.version));
        return;
      }
    }
    const body = this.#nonResourceBody(cluster, path);
    if (!body) throw pathNotFound();
    sendJson(res, 200, body);
  }

  #nonResourceBody(cluster: LogicalCluster, path: string): unknown {
    if (path === '/version') return SERVER_VERSION;
    if (path === '/api') return apiVersions(this.#address);
    if (path === '/apis') return apiGroupList(cluster.registry);
    const parts = path.split('/').slice(1);
    if (parts[0] === 'api' && parts.length === 2) return apiResourceList(cluster.registry, '', parts[1]!);
    if (parts[0] === 'apis' && parts.length === 2) return apiGroupDocument(cluster.registry, parts[1]!);
    if (parts[0] === 'apis' && parts.length === 3) return apiResourceList(cluster.registry, parts[1]!, parts[2]!);
    return undefined;
  }

  #fail(res: ServerResponse, error: unknown): void {
    const apiError = error instanceof ApiError ? error : internalError('an unexpected error occurred; see the server log');
    if (!(error instanceof ApiError)) this.#logger?.error({ err: error }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, apiError.httpCode, apiError.toStatus());
  }
}

/** kube's system namespaces, created with every cluster. */
const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

async function createDefaultNamespaces(store: GenericStore, cluster: LogicalCluster): Promise<void> {
  const type = cluster.registry.get('namespaces')!;
  for (const name of DEFAULT_NAMESPACES) {
    await store.create({ cluster, type, version: 'v1' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}
