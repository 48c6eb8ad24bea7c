/**
 * Watch event lines, built once per committed event and shared by every watcher that receives
 * it. A commit watched by a hundred clients of the same type and version is decoded once and
 * serialised once (per event type and encoding), not a hundred times; each watcher only writes
 * the shared string to its socket.
 *
 * The cache is keyed weakly on the store's {@link WatchEvent} objects: the backend hands the
 * same objects to every watcher of a commit, and the entries vanish with them.
 *
 * @module
 */
import { type KubeObject, formatApiVersion } from '../../api/object.js';
import type { KeyValue, WatchEvent } from '../../store/index.js';
import type { ResourceType } from '../registry/types.js';
import { type ObjectCodec, type ResourceScope, presentObject } from '../storage/codec.js';

/** The event types of a watch stream. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * How a watch stream frames its events. `id` is part of the cache key, so two encodings never
 * share lines. JSON lines (`{"type":…,"object":…}\n`) is the only one today; the Table form of
 * `kubectl get -w` (part 2) is another.
 */
export interface WatchEncoding {
  readonly id: string;
  /** The bytes sent for one event carrying `object` (already in the watcher's version). */
  encode(type: WatchEventType, object: unknown): string;
}

/** kube's `application/json` watch framing: one JSON object per line. */
export const JSON_LINES: WatchEncoding = {
  id: 'json',
  encode: (type, object) => `{"type":"${type}","object":${JSON.stringify(object)}}\n`,
};

/**
 * One encoded event, shared by every watcher that sends it: the text, and (built on first use)
 * the same bytes framed as one HTTP/1.1 chunk, so a watcher's send is a single socket write of
 * a buffer that was encoded once.
 */
export class EventLine {
  #chunk: Buffer | undefined;

  constructor(readonly text: string) {}

  /** `<size in hex>\r\n<text>\r\n`, the chunked transfer-coding of the text. */
  get chunk(): Buffer {
    if (!this.#chunk) {
      const body = Buffer.from(this.text, 'utf8');
      this.#chunk = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`, 'latin1'), body, CRLF]);
    }
    return this.#chunk;
  }
}

const CRLF = Buffer.from('\r\n', 'latin1');

/** A line ready now, or (only for asynchronous conversions) later. */
export type PendingLine = EventLine | Promise<EventLine>;

/** Per-server cache of decoded objects and encoded lines of recent watch events. */
export class WatchEventCache {
  readonly #codec: ObjectCodec;
  readonly #decoded = new WeakMap<KeyValue, KubeObject>();
  readonly #lines = new WeakMap<WatchEvent, Map<string, PendingLine>>();

  constructor(codec: ObjectCodec) {
    this.#codec = codec;
  }

  /**
   * The stored object of `kv`, decoded once and shared: callers must treat it as read-only
   * (selector matching, serialisation).
   */
  stored(kv: KeyValue, type: ResourceType): KubeObject {
    let obj = this.#decoded.get(kv);
    if (!obj) this.#decoded.set(kv, (obj = this.#codec.decode(kv, type)));
    return obj;
  }

  /**
   * The line that tells a watcher of `scope` about `event` as `type`. A DELETED line for an
   * update (the object stopped matching the watcher's selectors) carries the previous object at
   * the event's resourceVersion, as kube's cacher does.
   */
  line(event: WatchEvent, type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>, scope: ResourceScope, encoding: WatchEncoding): PendingLine {
    let lines = this.#lines.get(event);
    if (!lines) this.#lines.set(event, (lines = new Map<string, PendingLine>()));
    const key = `${type}|${scope.version}|${encoding.id}`;
    let line = lines.get(key);
    if (line === undefined) {
      line = this.#encode(event, type, scope, encoding);
      lines.set(key, line);
    }
    return line;
  }

  #encode(event: WatchEvent, type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>, scope: ResourceScope, encoding: WatchEncoding): PendingLine {
    const fromPrevious = type === 'DELETED' && event.type === 'update' && event.prevKv !== undefined;
    let obj: KubeObject;
    if (fromPrevious) {
      obj = this.#codec.decode(event.prevKv, scope.type);
      obj.metadata!.resourceVersion = String(event.kv.modRevision);
    } else {
      obj = this.stored(event.kv, scope.type);
    }
    // A conversion hook may modify its input: give it a private copy of the shared object.
    const converts = scope.type.strategy.convert !== undefined && obj.apiVersion !== formatApiVersion(scope.type.group, scope.version);
    const presented = presentObject(scope, converts && !fromPrevious ? structuredClone(obj) : obj);
    if (!(presented instanceof Promise)) return new EventLine(encoding.encode(type, presented));
    const line = presented.then((o) => new EventLine(encoding.encode(type, o)));
    // Every stream that takes this line handles a failure; none may be left to crash the process.
    line.catch(() => undefined);
    return line;
  }
}
