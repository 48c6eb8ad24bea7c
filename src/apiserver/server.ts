/**
 * The embedded API server: composition of store, logical clusters, registry and the HTTP
 * request pipeline described in README.md.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../store/index.js';
import { type Clock, type Logger, systemClock } from '../util/index.js';
import { type LogicalCluster, LogicalClusters } from './clusters.js';
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './http/discovery.js';
import { parseRequestInfo } from './http/request-info.js';
import { type ResourceHandlerDeps, handleResource, sendJson } from './http/resource-handlers.js';
import { ApiError, internalError, pathNotFound } from './http/status.js';
import { WatchEventCache } from './http/watch-events.js';
import { InServerControllers } from './controllers/index.js';
import { type ServiceResolver, defaultServiceResolver } from './crd/conversion/webhook.js';
import { createBuiltinTypes } from './registry/builtin/index.js';
import { GenericStore } from './storage/generic-store.js';
import type { TransformerLookup } from './storage/transformer.js';

/** Who is calling; part 2 fills it from bearer tokens. */
export interface User {
  readonly name: string;
}

/** Decides who sent a request; undefined means unauthenticated (401). */
export type Authenticator = (req: IncomingMessage) => User | undefined;

export interface ApiServerOptions {
  readonly backend: Backend;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Defaults to allowing everyone (part 1 runs with --insecure-http). */
  readonly authenticate?: Authenticator;
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
  readonly #logger: Logger | undefined;
  readonly #streams = new Set<() => void>();
  #http: Server | undefined;
  #address = '127.0.0.1:0';

  private constructor(options: ApiServerOptions, parts: { clusters: LogicalClusters; store: GenericStore; controllers: InServerControllers }) {
    const clock = options.clock ?? systemClock;
    const { store } = parts;
    this.clusters = parts.clusters;
    this.store = store;
    this.controllers = parts.controllers;
    this.#authenticate = options.authenticate ?? (() => ({ name: 'admin' }));
    this.#logger = options.logger;
    this.#deps = {
      store,
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
    this.#serve(req, res).catch((error: unknown) => this.#fail(res, error));
  };

  /** Starts listening; resolves with the bound address. */
  listen(options: { host: string; port: number }): Promise<AddressInfo> {
    this.controllers.resume();
    const server = createServer({ keepAliveTimeout: 120_000, headersTimeout: 125_000, requestTimeout: 0 }, this.handle);
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
    if (!this.#authenticate(req)) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const watch = url.searchParams.get('watch');
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, watch === 'true' || watch === '1');
    const cluster = this.clusters.get(info.cluster);
    if (!cluster) throw pathNotFound();
    if (info.target.kind === 'resource') {
      await handleResource(this.#deps, { req, res, query: url.searchParams }, cluster, info.target);
      return;
    }
    this.#serveNonResource(res, cluster, info.target.path);
  }

  #serveNonResource(res: ServerResponse, cluster: LogicalCluster, path: string): void {
    if (HEALTH_PATHS.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('ok');
      return;
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
