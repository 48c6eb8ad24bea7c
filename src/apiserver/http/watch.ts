/**
 * WATCH: a chunked stream of JSON lines `{"type":…,"object":…}`. Headers are flushed at once
 * (client-node's informer blocks on them), events come from the store after each commit,
 * filtered by the selectors with kube's transitions (an update that makes an object match is
 * ADDED, one that makes it stop matching is DELETED). Supports `resourceVersion`,
 * `allowWatchBookmarks`, `timeoutSeconds` and `sendInitialEvents` with the
 * `k8s.io/initial-events-end` bookmark; a compacted start revision is an in-stream 410 ERROR.
 *
 * Fan-out is synchronous: the store calls every watcher right after a commit, each watcher
 * takes the event's line from the shared {@link WatchEventCache} (serialised once for all of
 * them) and writes it to its socket in the same turn, already framed as an HTTP chunk. Only an
 * asynchronous conversion (a webhook) makes a watcher queue lines, and then strictly in order.
 *
 * Timing follows kube-apiserver: the stream ends after `timeoutSeconds` (0 or absent: a random
 * 30 to 60 minutes); with bookmarks allowed, a BOOKMARK goes out every bookmark interval and
 * one more 2 s before the deadline (kube's cacheWatcher.nextBookmarkTime).
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import { formatApiVersion } from '../../api/object.js';
import { CompactedError, type Watch, type WatchEvent } from '../../store/index.js';
import type { Clock, TimerHandle } from '../../util/index.js';
import { type ResourceScope, scopePrefix } from '../storage/codec.js';
import type { GenericStore } from '../storage/generic-store.js';
import { type ListQuery, listObjects, matchesQuery, parseResourceVersion } from '../storage/list.js';
import { type ApiError, badRequest, expired, invalid, tooLargeResourceVersion } from './status.js';
import { EventLine, JSON_LINES, type PendingLine, type WatchEncoding, type WatchEventCache } from './watch-events.js';

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
  /** Event lines shared by the watchers of one server. */
  readonly events: WatchEventCache;
}

type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';
const PLAIN_TYPES: Record<WatchEvent['type'], ChangeType> = { create: 'ADDED', update: 'MODIFIED', delete: 'DELETED' };

/** A slow consumer holding this much unsent data is disconnected (kube closes them too). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** kube-apiserver's MinRequestTimeout: a watch without timeoutSeconds lasts 1 to 2 times this. */
const MIN_REQUEST_TIMEOUT_MS = 1800 * 1000;
/** kube sends the last bookmark this long before the deadline, so a client resumes from a fresh revision. */
const PRE_TIMEOUT_BOOKMARK_MS = 2000;

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
  #watch: Watch | undefined;
  #deadline = 0;
  #timeoutTimer: TimerHandle | undefined;
  #bookmarkTimer: TimerHandle | undefined;
  /** Lines held back behind an asynchronous conversion, in order; empty in the common case. */
  #queue: PendingLine[] = [];
  #draining = false;
  #untrack: () => void = () => undefined;
  readonly #encoding: WatchEncoding = JSON_LINES;

  constructor(private readonly deps: WatchDeps, private readonly scope: ResourceScope, private readonly params: WatchParams, private readonly res: ServerResponse) {}

  start(): void {
    this.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    this.res.flushHeaders();
    this.res.on('close', () => this.close());
    this.#untrack = this.deps.track(() => this.close());
    const { clock } = this.deps;
    const timeoutMs = this.params.timeoutSeconds ? this.params.timeoutSeconds * 1000 : MIN_REQUEST_TIMEOUT_MS * (1 + Math.random());
    this.#deadline = clock.now() + timeoutMs;
    this.#timeoutTimer = clock.setTimeout(() => this.close(), timeoutMs);
  }

  /** Sends the current state as ADDED events; returns the revision it was read at. */
  async sendInitialState(): Promise<number> {
    const { labelSelector, fieldSelector } = this.params;
    const page = await listObjects(this.deps.store, this.scope, { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) });
    for (const obj of page.items) this.#push(new EventLine(this.#encoding.encode('ADDED', obj)));
    return Number(page.resourceVersion);
  }

  /** Delivers the log after `afterRevision`, then live events; bookmarks start from here. */
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
    if (this.params.allowWatchBookmarks) this.#scheduleBookmark();
  }

  /**
   * Queues a BOOKMARK at `revision` (default: the store's current revision, which every event
   * this stream has been handed so far is at or below, so the bookmark never overtakes one).
   */
  bookmark(annotations?: Record<string, string>, revision = this.deps.store.backend.currentRevision()): void {
    const object = {
      kind: this.scope.type.names.kind,
      apiVersion: formatApiVersion(this.scope.type.group, this.scope.version),
      metadata: { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) },
    };
    this.#push(new EventLine(this.#encoding.encode('BOOKMARK', object)));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watch?.cancel();
    if (this.#timeoutTimer !== undefined) this.deps.clock.clearTimeout(this.#timeoutTimer);
    if (this.#bookmarkTimer !== undefined) this.deps.clock.clearTimeout(this.#bookmarkTimer);
    this.#queue = [];
    this.#untrack();
    this.res.end();
  }

  /** kube's cacheWatcher.nextBookmarkTime: every interval, and once more just before the deadline. */
  #scheduleBookmark(): void {
    const now = this.deps.clock.now();
    const preTimeout = this.#deadline - PRE_TIMEOUT_BOOKMARK_MS;
    const due = Math.min(now + this.deps.bookmarkIntervalMs, preTimeout);
    if (due < now) return;
    this.#bookmarkTimer = this.deps.clock.setTimeout(() => {
      if (this.#closed) return;
      this.bookmark();
      if (due < preTimeout) this.#scheduleBookmark();
    }, due - now);
  }

  #onEvents(events: readonly WatchEvent[]): void {
    for (const event of events) {
      const type = this.#eventType(event);
      if (type) this.#push(this.deps.events.line(event, type, this.scope, this.#encoding));
    }
  }

  #eventType(event: WatchEvent): ChangeType | undefined {
    const plain = PLAIN_TYPES[event.type];
    const { labelSelector, fieldSelector } = this.params;
    if (labelSelector === undefined && (fieldSelector?.length ?? 0) === 0) return plain;
    const { type } = this.scope;
    const matches = (kv: WatchEvent['kv']): boolean => matchesQuery(type, this.deps.events.stored(kv, type), this.params);
    if (plain !== 'MODIFIED') return matches(event.kv) ? plain : undefined;
    const now = matches(event.kv);
    const before = event.prevKv ? matches(event.prevKv) : now;
    if (now) return before ? 'MODIFIED' : 'ADDED';
    return before ? 'DELETED' : undefined;
  }

  /** Writes a line now, or after the lines already held back. */
  #push(line: PendingLine): void {
    if (this.#closed) return;
    if (this.#queue.length === 0 && line instanceof EventLine) {
      this.#send(line);
      return;
    }
    this.#queue.push(line);
    if (!this.#draining) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        // The line stays first in the queue while awaited, so #push keeps later lines behind it.
        const line = await this.#queue[0]!;
        void this.#queue.shift();
        this.#send(line);
      }
    } catch {
      // A conversion failed: this watcher cannot continue in order (kube ends it too).
      this.close();
    } finally {
      this.#draining = false;
    }
  }

  #writeError(error: ApiError): void {
    this.#send(new EventLine(this.#encoding.encode('ERROR', error.toStatus())));
  }

  /**
   * Writes one line. Once the headers are out and the response owns its socket, the shared,
   * pre-framed chunk goes straight to the socket: one synchronous write of bytes encoded once,
   * instead of res.write's per-call framing, encoding and cork/uncork round. The response stays
   * consistent: it has written only its headers and ends with the zero-length chunk as usual.
   */
  #send(line: EventLine): void {
    if (this.#closed) return;
    const { res } = this;
    const socket = res.socket;
    if (socket && res.chunkedEncoding && res.headersSent) socket.write(line.chunk);
    else res.write(line.text);
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      this.close();
      res.destroy();
    }
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
