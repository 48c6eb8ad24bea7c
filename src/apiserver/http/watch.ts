/**
 * WATCH: a chunked stream of JSON lines `{"type":…,"object":…}`. Headers are flushed at once
 * (client-node's informer blocks on them), events come from the store after each commit,
 * filtered by the selectors with kube's transitions (an update that makes an object match is
 * ADDED, one that makes it stop matching is DELETED). Supports `resourceVersion`,
 * `allowWatchBookmarks`, `timeoutSeconds` and `sendInitialEvents` with the
 * `k8s.io/initial-events-end` bookmark; a compacted start revision is an in-stream 410 ERROR.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../api/object.js';
import { formatApiVersion } from '../../api/object.js';
import { CompactedError, type KeyValue, type Watch, type WatchEvent } from '../../store/index.js';
import type { Clock, TimerHandle } from '../../util/index.js';
import { type ResourceScope, scopePrefix } from '../storage/codec.js';
import type { GenericStore } from '../storage/generic-store.js';
import { type ListQuery, listObjects, matchesQuery, parseResourceVersion } from '../storage/list.js';
import { type ApiError, badRequest, expired, invalid, tooLargeResourceVersion } from './status.js';

export interface WatchParams extends Pick<ListQuery, 'labelSelector' | 'fieldSelector'> {
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
}

export interface WatchDeps {
  readonly store: GenericStore;
  readonly clock: Clock;
  /** Interval of BOOKMARK events when the client allows them. kube-apiserver: about a minute. */
  readonly bookmarkIntervalMs: number;
  /** Registers the stream for server shutdown; returns the unregister function. */
  readonly track: (close: () => void) => () => void;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';
const PLAIN_TYPES: Record<WatchEvent['type'], EventType> = { create: 'ADDED', update: 'MODIFIED', delete: 'DELETED' };

/** A slow consumer holding this much unsent data is disconnected (kube closes them too). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Watch event serialisations shared by every watcher of the same event (WeakMap on the store's KeyValue). */
const lineCache = new WeakMap<KeyValue, Map<string, string>>();

function validate(params: WatchParams): void {
  if (params.sendInitialEvents === undefined) return;
  if (params.resourceVersionMatch !== 'NotOlderThan') {
    throw invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [{
      type: 'FieldValueForbidden', field: 'resourceVersionMatch',
      message: "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
    }]);
  }
  if (!params.allowWatchBookmarks && params.sendInitialEvents) {
    throw invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [{
      type: 'FieldValueForbidden', field: 'allowWatchBookmarks', message: 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true',
    }]);
  }
}

class WatchStream {
  #closed = false;
  #chain: Promise<void> = Promise.resolve();
  #watch: Watch | undefined;
  #timers: TimerHandle[] = [];
  #untrack: () => void = () => undefined;

  constructor(private readonly deps: WatchDeps, private readonly scope: ResourceScope, private readonly params: WatchParams, private readonly res: ServerResponse) {}

  start(): void {
    this.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    this.res.flushHeaders();
    this.res.on('close', () => this.close());
    this.#untrack = this.deps.track(() => this.close());
    const timeoutMs = (this.params.timeoutSeconds ?? 1800 * (1 + Math.random())) * 1000;
    this.#timers.push(this.deps.clock.setTimeout(() => this.close(), timeoutMs));
    if (this.params.allowWatchBookmarks) this.#scheduleBookmark();
  }

  /** Sends the current state as ADDED events; returns the revision it was read at. */
  async sendInitialState(): Promise<number> {
    const { labelSelector, fieldSelector } = this.params;
    const page = await listObjects(this.deps.store, this.scope, { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) });
    for (const obj of page.items) this.#write('ADDED', obj);
    return Number(page.resourceVersion);
  }

  follow(afterRevision: number): void {
    if (this.#closed) return;
    try {
      this.#watch = this.deps.store.backend.watch({ prefix: scopePrefix(this.scope), afterRevision, onEvents: (events) => this.#onEvents(events) });
    } catch (error) {
      if (error instanceof CompactedError) {
        this.#writeError(expired(`too old resource version: ${error.requested} (${error.compacted})`));
        this.close();
        return;
      }
      throw error;
    }
    this.#onEvents(this.#watch.initial);
  }

  bookmark(annotations?: Record<string, string>, revision = this.deps.store.backend.currentRevision()): void {
    const object = {
      kind: this.scope.type.names.kind,
      apiVersion: formatApiVersion(this.scope.type.group, this.scope.version),
      metadata: { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) },
    };
    this.#send(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watch?.cancel();
    for (const t of this.#timers) this.deps.clock.clearTimeout(t);
    this.#untrack();
    void this.#chain.finally(() => this.res.end());
  }

  #scheduleBookmark(): void {
    this.#timers.push(this.deps.clock.setTimeout(() => {
      if (this.#closed) return;
      this.#chain = this.#chain.then(() => this.bookmark());
      this.#scheduleBookmark();
    }, this.deps.bookmarkIntervalMs));
  }

  #onEvents(events: readonly WatchEvent[]): void {
    for (const event of events) {
      const type = this.#eventType(event);
      if (type) this.#chain = this.#chain.then(() => this.#writeKv(type, event.kv)).catch(() => this.close());
    }
  }

  #eventType(event: WatchEvent): EventType | undefined {
    const { type } = this.scope;
    const decode = (kv: KeyValue): KubeObject => this.deps.store.codec.decode(kv, type);
    const matches = (kv: KeyValue): boolean => matchesQuery(type, decode(kv), this.params);
    const filtered = this.params.labelSelector !== undefined || (this.params.fieldSelector?.length ?? 0) > 0;
    const plain = PLAIN_TYPES[event.type];
    if (!filtered) return plain;
    if (plain !== 'MODIFIED') return matches(event.kv) ? plain : undefined;
    const now = matches(event.kv);
    const before = event.prevKv ? matches(event.prevKv) : now;
    if (now) return before ? 'MODIFIED' : 'ADDED';
    return before ? 'DELETED' : undefined;
  }

  async #writeKv(type: EventType, kv: KeyValue): Promise<void> {
    if (this.#closed) return;
    const cacheKey = `${type}|${this.scope.version}`;
    let lines = lineCache.get(kv);
    let line = lines?.get(cacheKey);
    if (line === undefined) {
      const obj = await this.deps.store.present(this.scope, this.deps.store.codec.decode(kv, this.scope.type));
      line = `{"type":"${type}","object":${JSON.stringify(obj)}}\n`;
      if (!lines) lineCache.set(kv, (lines = new Map<string, string>()));
      lines.set(cacheKey, line);
    }
    this.#send(line);
  }

  #write(type: EventType, obj: KubeObject): void {
    this.#send(`{"type":"${type}","object":${JSON.stringify(obj)}}\n`);
  }

  #writeError(error: ApiError): void {
    this.#send(`{"type":"ERROR","object":${JSON.stringify(error.toStatus())}}\n`);
  }

  #send(line: string): void {
    if (this.#closed && !line.includes('"ERROR"')) return;
    this.res.write(line);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.res.destroy();
  }
}

/** Serves a WATCH request until the client leaves, the timeout passes or the server stops. */
export async function serveWatch(deps: WatchDeps, scope: ResourceScope, params: WatchParams, res: ServerResponse): Promise<void> {
  validate(params);
  const rv = parseResourceVersion(params.resourceVersion);
  const current = deps.store.backend.currentRevision();
  if (rv !== undefined && rv > current) throw tooLargeResourceVersion(rv, current);
  if (params.sendInitialEvents === false && rv === undefined) throw badRequest('sendInitialEvents=false requires a resourceVersion');
  const stream = new WatchStream(deps, scope, params, res);
  stream.start();
  if (params.sendInitialEvents === true) {
    const revision = await stream.sendInitialState();
    stream.bookmark({ 'k8s.io/initial-events-end': 'true' }, revision);
    stream.follow(revision);
  } else if (rv === undefined || rv === 0) {
    stream.follow(await stream.sendInitialState());
  } else {
    stream.follow(rv);
  }
}
