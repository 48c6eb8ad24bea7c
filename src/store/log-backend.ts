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

/** A queued write: `apply` checks its condition and appends its rows inside the group transaction. */
interface PendingWrite {
  readonly apply: () => Outcome<unknown>;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** What a write produced: its result and its watch events, or the error that refused it. */
type Outcome<T> = { readonly result: T; readonly events: readonly WatchEvent[] } | StoreError;

interface Watcher {
  readonly prefix: string;
  /** Live events at or below this revision are skipped: the watch's `initial` replay held them. */
  readonly after: number;
  readonly onEvents: (events: readonly WatchEvent[]) => void;
}

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
  /**
   * Observes every commit that wrote something, with its events, right after the commit and
   * before any watcher sees them (metrics; the benchmark times watch delivery from here).
   */
  readonly onCommit?: (events: readonly WatchEvent[]) => void;
}

export class LogBackend implements Backend {
  readonly #log: RevisionLog;
  readonly #schedule: (fn: () => void) => void;
  readonly #onCommit: ((events: readonly WatchEvent[]) => void) | undefined;
  #pending: PendingWrite[] = [];
  #flushScheduled = false;
  #closed = false;
  /** Watchers grouped by prefix: a commit filters its events once per distinct prefix, not per watcher. */
  readonly #watchers = new Map<string, Set<Watcher>>();

  constructor(log: RevisionLog, options: LogBackendOptions = {}) {
    this.#log = log;
    this.#schedule = options.schedule ?? ((fn) => void setImmediate(fn));
    this.#onCommit = options.onCommit;
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
    return this.#enqueue(() => {
      const latest = this.#latest(key);
      if (latest && !latest.deleted) return new KeyExistsError(key);
      return this.#append({ key, created: true, deleted: false, createRev: 0, prevRev: latest?.rev ?? 0, value }, undefined);
    });
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    return this.#enqueue(() => {
      const live = this.#live(key, expectedRevision);
      if (live instanceof StoreError) return live;
      return this.#append({ key, created: false, deleted: false, createRev: live.createRev, prevRev: live.rev, value }, live);
    });
  }

  delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.#enqueue(() => {
      const live = this.#live(key, expectedRevision);
      return live instanceof StoreError ? live : this.#appendTombstone(live);
    });
  }

  deletePrefix(prefix: string): Promise<KeyValue[]> {
    return this.#enqueue(() => {
      const rows = this.#log.liveRows({ prefix, revision: this.#log.currentRevision(), startAfter: '', limit: 0 });
      const tombstones: KeyValue[] = [];
      const events: WatchEvent[] = [];
      for (const live of rows) {
        const { result, events: [event] } = this.#appendTombstone(live);
        tombstones.push(result);
        events.push(event);
      }
      return { result: tombstones, events };
    });
  }

  watch(options: WatchOptions): Watch {
    this.#assertOpen();
    const compacted = this.#log.compactRevision();
    if (options.afterRevision < compacted) throw new CompactedError(options.afterRevision, compacted);
    const current = this.#log.currentRevision();
    const initial = options.afterRevision < current
      ? this.#log.rowsAfter(options.prefix, options.afterRevision).map(({ row, prev }) => toEvent(row, prev))
      : [];
    const watcher: Watcher = { prefix: options.prefix, after: Math.max(options.afterRevision, current), onEvents: options.onEvents };
    let group = this.#watchers.get(watcher.prefix);
    if (!group) this.#watchers.set(watcher.prefix, (group = new Set()));
    group.add(watcher);
    return { initial, cancel: () => this.#unsubscribe(watcher) };
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

  #unsubscribe(watcher: Watcher): void {
    const group = this.#watchers.get(watcher.prefix);
    if (group?.delete(watcher) && group.size === 0) this.#watchers.delete(watcher.prefix);
  }

  #enqueue<T>(apply: () => Outcome<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ apply, resolve: resolve as (result: unknown) => void, reject });
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
    let outcomes: Outcome<unknown>[];
    try {
      outcomes = this.#log.transaction(() => writes.map((w) => w.apply()));
    } catch (error) {
      for (const w of writes) w.reject(error);
      return;
    }
    this.#dispatch(outcomes.flatMap((o) => (o instanceof StoreError ? [] : o.events)));
    writes.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof StoreError) w.reject(outcome);
      else w.resolve(outcome.result);
    });
  }

  #latest(key: string): LogRow | undefined {
    return this.#log.latest(key, this.#log.currentRevision());
  }

  /** The live row of `key`, or the error for a missing key or an unexpected revision. */
  #live(key: string, expectedRevision: number | undefined): LogRow | StoreError {
    const latest = this.#latest(key);
    if (!latest || latest.deleted) return new KeyNotFoundError(key);
    if (expectedRevision !== undefined && expectedRevision !== latest.rev) return new RevisionConflictError(key, toKv(latest));
    return latest;
  }

  #appendTombstone(live: LogRow): { readonly result: KeyValue; readonly events: readonly [WatchEvent] } {
    return this.#append({ key: live.key, created: false, deleted: true, createRev: live.createRev, prevRev: live.rev, value: live.value }, live);
  }

  #append(row: Omit<LogRow, 'rev'>, prev: LogRow | undefined): { readonly result: KeyValue; readonly events: readonly [WatchEvent] } {
    const rev = this.#log.append(row);
    const stored: LogRow = { ...row, rev, createRev: row.created ? rev : row.createRev };
    return { result: toKv(stored), events: [toEvent(stored, prev)] };
  }

  #dispatch(events: readonly WatchEvent[]): void {
    if (events.length === 0) return;
    this.#onCommit?.(events);
    for (const [prefix, group] of this.#watchers) {
      const matching = prefix === '' ? events : events.filter((e) => e.kv.key.startsWith(prefix));
      if (matching.length === 0) continue;
      for (const watcher of group) this.#deliver(watcher, matching);
    }
  }

  #deliver(watcher: Watcher, events: readonly WatchEvent[]): void {
    const mine = events[0]!.kv.modRevision > watcher.after ? events : events.filter((e) => e.kv.modRevision > watcher.after);
    if (mine.length === 0) return;
    try {
      watcher.onEvents(mine);
    } catch {
      // The contract forbids throwing; a watcher that does is dropped so the others and the writers proceed.
      this.#unsubscribe(watcher);
    }
  }
}
