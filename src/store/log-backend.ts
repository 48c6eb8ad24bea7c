/**
 * The one implementation of {@link Backend} semantics, over any {@link RevisionLog} (kine's
 * `logstructured` over `sqllog`).
 *
 * Group commit: writes requested during one turn of the event loop are applied in ONE log
 * transaction at the next `setImmediate`, each write checked and appended on its own (a failed
 * condition fails only that write), then committed with one fsync. Watch events fan out only
 * after that commit, in revision order; then the writers' promises resolve. etcd batches its
 * commits the same way.
 *
 * @module
 */
import type { LogRow, RevisionLog } from './revision-log.js';
import {
  type Backend, type GetOptions, type KeyValue, type ListOptions, type ListResult, type Watch,
  type WatchEvent, type WatchOptions, CompactedError, FutureRevisionError, KeyExistsError, KeyNotFoundError,
  RevisionConflictError, StoreClosedError, StoreError,
} from './types.js';

interface PendingWrite {
  readonly kind: 'create' | 'update' | 'delete';
  readonly key: string;
  readonly value?: Uint8Array;
  readonly expected?: number;
  readonly resolve: (kv: KeyValue) => void;
  readonly reject: (error: unknown) => void;
}

interface Watcher {
  readonly prefix: string;
  readonly afterRevision: number;
  readonly onEvents: (events: readonly WatchEvent[]) => void;
}

type Applied = { readonly kv: KeyValue; readonly event: WatchEvent } | StoreError;

function toKv(row: LogRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.createRev, modRevision: row.rev };
}

function toEvent(row: LogRow, prev: LogRow | undefined): WatchEvent {
  const type = row.deleted ? 'delete' : row.created ? 'create' : 'update';
  return prev && !prev.deleted ? { type, kv: toKv(row), prevKv: toKv(prev) } : { type, kv: toKv(row) };
}

/** Options of {@link LogBackend}. */
export interface LogBackendOptions {
  /** Schedules the group commit; defaults to `setImmediate`. */
  readonly schedule?: (fn: () => void) => void;
}

export class LogBackend implements Backend {
  readonly #log: RevisionLog;
  readonly #schedule: (fn: () => void) => void;
  #pending: PendingWrite[] = [];
  #flushScheduled = false;
  #closed = false;
  readonly #watchers = new Set<Watcher>();

  constructor(log: RevisionLog, options: LogBackendOptions = {}) {
    this.#log = log;
    this.#schedule = options.schedule ?? ((fn) => void setImmediate(fn));
  }

  currentRevision(): number {
    return this.#log.currentRevision();
  }

  compactRevision(): number {
    return this.#log.compactRevision();
  }

  /** Validates a read revision (0: current) and returns the revision to read at. */
  #readRevision(revision: number | undefined): number {
    this.#assertOpen();
    const current = this.#log.currentRevision();
    if (!revision) return current;
    if (revision > current) throw new FutureRevisionError(revision, current);
    if (revision < this.#log.compactRevision()) throw new CompactedError(revision, this.#log.compactRevision());
    return revision;
  }

  get(key: string, options: GetOptions = {}): KeyValue | undefined {
    const row = this.#log.latest(key, this.#readRevision(options.revision));
    return row && !row.deleted ? toKv(row) : undefined;
  }

  list(options: ListOptions): ListResult {
    const revision = this.#readRevision(options.revision);
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    const rows = this.#log.liveRows({
      prefix: options.prefix, revision, startAfter: options.startAfter ?? '', limit: limit > 0 ? limit + 1 : 0,
    });
    const more = limit > 0 && rows.length > limit;
    return { kvs: (more ? rows.slice(0, limit) : rows).map(toKv), revision, more };
  }

  count(prefix: string): number {
    this.#assertOpen();
    return this.#log.countLive(prefix);
  }

  create(key: string, value: Uint8Array): Promise<KeyValue> {
    return this.#enqueue({ kind: 'create', key, value });
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    return this.#enqueue({ kind: 'update', key, value, expected: expectedRevision });
  }

  delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.#enqueue(expectedRevision === undefined ? { kind: 'delete', key } : { kind: 'delete', key, expected: expectedRevision });
  }

  watch(options: WatchOptions): Watch {
    this.#assertOpen();
    const compacted = this.#log.compactRevision();
    if (options.afterRevision < compacted) throw new CompactedError(options.afterRevision, compacted);
    const initial = options.afterRevision < this.#log.currentRevision()
      ? this.#log.rowsAfter(options.prefix, options.afterRevision).map(({ row, prev }) => toEvent(row, prev))
      : [];
    const watcher: Watcher = { prefix: options.prefix, afterRevision: options.afterRevision, onEvents: options.onEvents };
    this.#watchers.add(watcher);
    return { initial, cancel: () => void this.#watchers.delete(watcher) };
  }

  compact(revision: number): Promise<number> {
    try {
      this.#assertOpen();
      this.#flush();
      const target = Math.min(revision, this.#log.currentRevision());
      if (target > this.#log.compactRevision()) this.#log.compact(target);
      return Promise.resolve(this.#log.compactRevision());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#flush();
    this.#closed = true;
    this.#watchers.clear();
    this.#log.close();
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  #enqueue(write: Omit<PendingWrite, 'resolve' | 'reject'>): Promise<KeyValue> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    return new Promise<KeyValue>((resolve, reject) => {
      this.#pending.push({ ...write, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        this.#schedule(() => this.#flush());
      }
    });
  }

  /** Applies every pending write in one transaction, then fans out events, then settles promises. */
  #flush(): void {
    this.#flushScheduled = false;
    const writes = this.#pending;
    if (writes.length === 0) return;
    this.#pending = [];
    let applied: Applied[];
    try {
      applied = this.#log.transaction(() => writes.map((w) => this.#applyOne(w)));
    } catch (error) {
      for (const w of writes) w.reject(error);
      return;
    }
    this.#dispatch(applied.flatMap((a) => (a instanceof StoreError ? [] : [a.event])));
    writes.forEach((w, i) => {
      const a = applied[i]!;
      if (a instanceof StoreError) w.reject(a);
      else w.resolve(a.kv);
    });
  }

  #applyOne(write: PendingWrite): Applied {
    const latest = this.#log.latest(write.key, this.#log.currentRevision());
    const live = latest && !latest.deleted ? latest : undefined;
    if (write.kind === 'create') {
      if (live) return new KeyExistsError(write.key);
      return this.#append({ key: write.key, created: true, deleted: false, createRev: 0, prevRev: latest?.rev ?? 0, value: write.value! }, undefined);
    }
    if (!live) return new KeyNotFoundError(write.key);
    if (write.expected !== undefined && write.expected !== live.rev) return new RevisionConflictError(write.key, toKv(live));
    const deleted = write.kind === 'delete';
    return this.#append(
      { key: write.key, created: false, deleted, createRev: live.createRev, prevRev: live.rev, value: deleted ? live.value : write.value! },
      live,
    );
  }

  #append(row: Omit<LogRow, 'rev'>, prev: LogRow | undefined): Applied {
    const rev = this.#log.append(row);
    const stored: LogRow = { ...row, rev, createRev: row.created ? rev : row.createRev };
    return { kv: toKv(stored), event: toEvent(stored, prev) };
  }

  #dispatch(events: readonly WatchEvent[]): void {
    if (events.length === 0 || this.#watchers.size === 0) return;
    for (const watcher of this.#watchers) {
      const mine = events.filter((e) => e.kv.modRevision > watcher.afterRevision && e.kv.key.startsWith(watcher.prefix));
      if (mine.length > 0) watcher.onEvents(mine);
    }
  }
}
