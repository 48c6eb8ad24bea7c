/**
 * The change feed behind the watch endpoint: every mutation of a secret appends an event, in the
 * same transaction as the mutation, with a cursor that only grows. Watchers ask for events after
 * the last cursor they saw, so one that reconnects misses nothing. Event types are the ones
 * Google's Pub/Sub notifications for Secret Manager use.
 *
 * Each event keeps a snapshot of the secret's IAM policy at the time, so that an event about a
 * secret deleted since is still shown only to those who could read that secret.
 *
 * @module
 */
import type { Clock } from '../util/index.js';
import type { Db } from './database.js';

export const CHANGE_TYPES = [
  'SECRET_CREATE',
  'SECRET_UPDATE',
  'SECRET_DELETE',
  'SECRET_VERSION_ADD',
  'SECRET_VERSION_ENABLE',
  'SECRET_VERSION_DISABLE',
  'SECRET_VERSION_DESTROY',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEvent {
  readonly cursor: number;
  readonly time: string;
  readonly project: string;
  readonly secretId: string;
  readonly version: number | null;
  readonly type: ChangeType;
  /** JSON of the secret's policy when the event happened. */
  readonly secretPolicy: string;
}

export type NewChange = Omit<ChangeEvent, 'cursor' | 'time'>;

interface ChangeRow {
  cursor: number;
  time: string;
  project: string;
  secret_id: string;
  version: number | null;
  type: ChangeType;
  secret_policy: string;
}

/** Why a wait ended. */
export type WaitResult = 'changed' | 'timeout' | 'aborted';

/** Appends and reads change events; wakes waiters after a change commits. */
export class ChangeFeed {
  readonly #insert;
  readonly #head;
  readonly #since;
  readonly #waiters = new Set<() => void>();
  #wakePending = false;

  constructor(db: Db, private readonly clock: Clock) {
    this.#insert = db.prepare('INSERT INTO changes (time, project, secret_id, version, type, secret_policy) VALUES (@time, @project, @secretId, @version, @type, @secretPolicy)');
    this.#head = db.prepare<[], { head: number | null }>('SELECT MAX(cursor) AS head FROM changes');
    this.#since = db.prepare<[number, string, number], ChangeRow>('SELECT * FROM changes WHERE cursor > ? AND project = ? ORDER BY cursor LIMIT ?');
  }

  /**
   * Appends an event. Call inside the mutation's transaction: waiters are woken on a later
   * microtask, after the synchronous transaction has committed.
   */
  record(change: NewChange): void {
    this.#insert.run({ ...change, time: new Date(this.clock.now()).toISOString() });
    if (this.#wakePending) return;
    this.#wakePending = true;
    queueMicrotask(() => {
      this.#wakePending = false;
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /** The cursor of the newest event (0 when there is none). */
  head(): number {
    return this.#head.get()?.head ?? 0;
  }

  /** Events of `project` after `cursor`, oldest first, at most `limit`. */
  since(cursor: number, project: string, limit: number): ChangeEvent[] {
    return this.#since.all(cursor, project, limit).map((r) => ({
      cursor: r.cursor,
      time: r.time,
      project: r.project,
      secretId: r.secret_id,
      version: r.version,
      type: r.type,
      secretPolicy: r.secret_policy,
    }));
  }

  /** Resolves at the next recorded change, after `timeoutMs`, or when `signal` aborts. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<WaitResult> {
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const finish = (result: WaitResult): void => {
        this.#waiters.delete(onChange);
        this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const onChange = (): void => finish('changed');
      const onAbort = (): void => finish('aborted');
      const timer = this.clock.setTimeout(() => finish('timeout'), timeoutMs);
      this.#waiters.add(onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Number of pending waits, for tests and shutdown checks. */
  get waiting(): number {
    return this.#waiters.size;
  }
}
