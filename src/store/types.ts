/**
 * The storage contract of the embedded API server, modelled on kine's `Backend`: a key-value
 * store with ONE global, monotonic revision, where every write appends to a log. That log gives
 * Kubernetes semantics cheaply: `resourceVersion` is the revision of an object's last write, a
 * list is consistent at a revision, a watch replays the log from a revision, and compaction
 * decides exactly when a revision is too old (`410 Expired`).
 *
 * Keys are opaque strings ordered bytewise; the API server lays them out as
 * `/<cluster>/<group>/<resource>/<namespace>/<name>` so a prefix selects a cluster, a type or a
 * namespace. Values are opaque bytes (the API server may encrypt them).
 *
 * Reads are synchronous (they run against committed state); writes return promises because a
 * backend may group several writes into one durable commit.
 *
 * @module
 */
import { FlotillaError } from '../util/index.js';

/** One version of one key. */
export interface KeyValue {
  readonly key: string;
  /** The stored bytes. For a deletion event, the last value before the delete. */
  readonly value: Uint8Array;
  /** Revision of the write that created this incarnation of the key. */
  readonly createRevision: number;
  /** Revision of the write that produced this version (for a deletion: the delete itself). */
  readonly modRevision: number;
}

/** What a watcher receives: a write, in commit order. */
export interface WatchEvent {
  /** `create` when the key did not exist before, `update` when it did, `delete` for removal. */
  readonly type: 'create' | 'update' | 'delete';
  readonly kv: KeyValue;
  /** The version this write replaced, when the log still holds it. */
  readonly prevKv?: KeyValue;
}

export interface GetOptions {
  /** Read the key as it was at this revision (0 or absent: the latest). */
  readonly revision?: number;
}

export interface ListOptions {
  /** Only keys starting with this prefix. */
  readonly prefix: string;
  /** Read at this revision (0 or absent: the current revision). */
  readonly revision?: number;
  /** At most this many items (0 or absent: all). */
  readonly limit?: number;
  /** Only keys strictly greater than this one (pagination). */
  readonly startAfter?: string;
}

export interface ListResult {
  readonly kvs: readonly KeyValue[];
  /** The revision the list was read at: a later page or a watch continues from it. */
  readonly revision: number;
  /** True when keys beyond the limit exist at that revision. */
  readonly more: boolean;
}

export interface WatchOptions {
  /** Only keys starting with this prefix. */
  readonly prefix: string;
  /** Deliver every write with a revision strictly greater than this one. */
  readonly afterRevision: number;
  /**
   * Called with live events after each commit, never synchronously from {@link Backend.watch}.
   * Watchers are called synchronously right after the commit, before the writers' promises
   * settle. It must not throw (a watcher that throws is cancelled); a slow consumer should buffer
   * or cancel itself.
   */
  readonly onEvents: (events: readonly WatchEvent[]) => void;
}

export interface Watch {
  /** Events already in the log after `afterRevision`, oldest first: process these before live ones. */
  readonly initial: readonly WatchEvent[];
  /** Stops live delivery. Idempotent. */
  cancel(): void;
}

/** The store. Implementations: `createMemoryBackend`, `createSqliteBackend`. */
export interface Backend {
  /** The revision of the last committed write (0 when empty). */
  currentRevision(): number;
  /** Reads below this revision fail with {@link CompactedError}. */
  compactRevision(): number;
  /** The latest (or as-of-`revision`) live version of `key`, or undefined. */
  get(key: string, options?: GetOptions): KeyValue | undefined;
  /** Live keys under a prefix, in key order, consistent at one revision. */
  list(options: ListOptions): ListResult;
  /** Number of live keys under a prefix at the current revision. */
  count(prefix: string): number;
  /** Creates `key`; fails with {@link KeyExistsError} when it is live. */
  create(key: string, value: Uint8Array): Promise<KeyValue>;
  /**
   * Replaces `key` only if its current `modRevision` equals `expectedRevision`; otherwise fails
   * with {@link RevisionConflictError} (carrying the current version) or {@link KeyNotFoundError}.
   */
  update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue>;
  /**
   * Deletes `key` (if `expectedRevision` is given, only at that revision). Resolves with the
   * tombstone: the last value and the deletion's revision.
   */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /**
   * Deletes every live key under `prefix` in ONE commit (etcd's DeleteRange): each key gets its
   * tombstone (and its own revision, consecutive), watchers see one DELETED event per key, and
   * either all of them are durable or none is. Resolves with the tombstones in key order (empty
   * when nothing lives under the prefix).
   */
  deletePrefix(prefix: string): Promise<KeyValue[]>;
  /** Subscribes to writes under a prefix after a revision. Throws {@link CompactedError} when too old. */
  watch(options: WatchOptions): Watch;
  /**
   * Forgets superseded versions and tombstones at or below `revision` (capped so the current
   * revision stays readable). Afterwards reads and watches below it fail with {@link CompactedError}.
   * Resolves with the new compact revision.
   */
  compact(revision: number): Promise<number>;
  /** Flushes pending writes and releases resources; later calls fail. */
  close(): Promise<void>;
}

/** Base class of store failures; `code` says which. */
export class StoreError extends FlotillaError {}

export class KeyExistsError extends StoreError {
  constructor(readonly key: string) {
    super('STORE_KEY_EXISTS', `key ${key} already exists`);
  }
}

export class KeyNotFoundError extends StoreError {
  constructor(readonly key: string) {
    super('STORE_KEY_NOT_FOUND', `key ${key} not found`);
  }
}

export class RevisionConflictError extends StoreError {
  constructor(readonly key: string, readonly current: KeyValue) {
    super('STORE_CONFLICT', `key ${key} is at revision ${current.modRevision}`);
  }
}

export class CompactedError extends StoreError {
  constructor(readonly requested: number, readonly compacted: number) {
    super('STORE_COMPACTED', `revision ${requested} has been compacted (compact revision ${compacted})`);
  }
}

export class FutureRevisionError extends StoreError {
  constructor(readonly requested: number, readonly current: number) {
    super('STORE_FUTURE_REVISION', `revision ${requested} is newer than the current revision ${current}`);
  }
}

export class StoreClosedError extends StoreError {
  constructor() {
    super('STORE_CLOSED', 'the store is closed');
  }
}

/** The smallest key greater than every key starting with `prefix` (for range scans). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}
