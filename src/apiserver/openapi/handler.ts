/**
 * Serving `/openapi/v3`, `/openapi/v3/<group-version>` and `/openapi/v2` for one logical
 * cluster. Documents are generated from the cluster's registry and cached until the registry
 * changes (a CRD comes or goes). Group-version documents live at content-hash URLs: a request
 * with a stale `hash` is redirected to the current one, a matching one is cacheable forever.
 *
 * `/openapi/v2` exists for kubectl's client-side validation of `kind: List` manifests, which
 * always loads OpenAPI v2 in its protobuf form (reference §9): a minimal, definition-free
 * document in the exact media type kube-openapi uses, so List items are validated by the
 * server's `fieldValidation` instead.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LogicalCluster, ROOT_CLUSTER } from '../clusters.js';
import { parseAccept } from '../http/negotiate.js';
import { notAcceptable, pathNotFound } from '../http/status.js';
import { MessageWriter } from '../protobuf/wire.js';
import { type HashedDocument, OPENAPI_INFO, groupVersionDocument, groupVersionKey, hashDocument } from './v3.js';

/** kube-openapi's Content-Type for protobuf v2 (a dot where the Accept value has an `@`). */
export const V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const V2_PROTOBUF_ACCEPTS = new Set(['com.github.proto-openapi.spec.v2@v1.0+protobuf', 'com.github.proto-openapi.spec.v2.v1.0+protobuf']);

/** gnostic `openapi.v2.Document{swagger: "2.0", info: {title, version}}`, and nothing else. */
const V2_PROTOBUF = Buffer.from(new MessageWriter().bytes(1, '2.0').bytes(2, new MessageWriter().bytes(1, OPENAPI_INFO.title).bytes(2, OPENAPI_INFO.version)).finish());
const V2_JSON = JSON.stringify({ swagger: '2.0', info: OPENAPI_INFO, paths: {}, definitions: {} });
const V2_ETAG = `"${hashDocument(V2_JSON).hash.slice(0, 32)}"`;

interface ClusterDocuments {
  readonly byKey: ReadonlyMap<string, HashedDocument>;
}

/** Per-cluster document cache, dropped whenever the cluster's registry changes. */
export class OpenApiService {
  readonly #cache = new WeakMap<LogicalCluster, ClusterDocuments>();
  readonly #subscribed = new WeakSet<LogicalCluster>();

  /** Answers `path` (`/openapi/v3…` or `/openapi/v2`) for `cluster`; returns false for other paths. */
  serve(req: IncomingMessage, res: ServerResponse, cluster: LogicalCluster, request: { path: string; query: URLSearchParams }): boolean {
    const { path, query } = request;
    if (path === '/openapi/v2') {
      this.#serveV2(req, res);
      return true;
    }
    if (path !== '/openapi/v3' && !path.startsWith('/openapi/v3/')) return false;
    const docs = this.#documents(cluster);
    if (path === '/openapi/v3') {
      const prefix = cluster.name === ROOT_CLUSTER ? '' : `/clusters/${cluster.name}`;
      const paths = Object.fromEntries([...docs.byKey].map(([key, doc]) => [key, { serverRelativeURL: `${prefix}/openapi/v3/${key}?hash=${doc.hash}` }]));
      send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify({ paths }));
      return true;
    }
    const key = path.slice('/openapi/v3/'.length);
    const doc = docs.byKey.get(key);
    if (!doc) throw pathNotFound();
    serveDocument(req, res, doc, { hash: query.get('hash'), location: `${req.url?.split('?')[0] ?? path}?hash=${doc.hash}` });
    return true;
  }

  #documents(cluster: LogicalCluster): ClusterDocuments {
    const cached = this.#cache.get(cluster);
    if (cached) return cached;
    if (!this.#subscribed.has(cluster)) {
      this.#subscribed.add(cluster);
      cluster.registry.onChange(() => this.#cache.delete(cluster));
    }
    const byKey = new Map<string, HashedDocument>();
    for (const group of cluster.registry.groups()) {
      for (const version of group.versions) {
        const doc = groupVersionDocument(cluster.registry, group.name, version);
        if (doc) byKey.set(groupVersionKey(group.name, version), hashDocument(doc));
      }
    }
    const documents = { byKey };
    this.#cache.set(cluster, documents);
    return documents;
  }

  #serveV2(req: IncomingMessage, res: ServerResponse): void {
    const wanted = parseAccept(req.headers.accept);
    const first = wanted.find((r) => (r.type === 'application' && (V2_PROTOBUF_ACCEPTS.has(r.subtype) || r.subtype === 'json' || r.subtype === '*')) || r.type === '*');
    if (wanted.length > 0 && !first) throw notAcceptable([V2_PROTOBUF_CONTENT_TYPE, 'application/json']);
    if (req.headers['if-none-match'] === V2_ETAG) {
      send(res, 304, { ETag: V2_ETAG }, '');
      return;
    }
    const protobuf = first !== undefined && V2_PROTOBUF_ACCEPTS.has(first.subtype);
    send(res, 200, { 'Content-Type': protobuf ? V2_PROTOBUF_CONTENT_TYPE : 'application/json', ETag: V2_ETAG, Vary: 'Accept' }, protobuf ? V2_PROTOBUF : V2_JSON);
  }
}

function send(res: ServerResponse, code: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(code, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function serveDocument(req: IncomingMessage, res: ServerResponse, doc: HashedDocument, request: { hash: string | null; location: string }): void {
  const etag = `"${doc.hash}"`;
  if (request.hash !== null && request.hash !== doc.hash) {
    send(res, 301, { Location: request.location, 'Content-Type': 'text/plain' }, '');
    return;
  }
  if (req.headers['if-none-match'] === etag) {
    send(res, 304, { ETag: etag }, '');
    return;
  }
  const caching = request.hash === null ? 'no-cache, private' : 'public, immutable';
  send(res, 200, { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': caching, Vary: 'Accept' }, doc.json);
}
