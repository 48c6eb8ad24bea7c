/**
 * The persistence layer under {@link LogBackend}, as kine's `Log` under its `logstructured`
 * backend: an append-only table of rows, one per write, where a row's `rev` is the global
 * revision. Implementations only store and query rows; the semantics (conditions, batching,
 * watch fan-out) live once in `log-backend.ts`.
 *
 * @module
 */

/** One row of the log: one write to one key. */
export interface LogRow {
  readonly rev: number;
  readonly key: string;
  /** True for the first row of an incarnation of the key (a create). */
  readonly created: boolean;
  /** True for a tombstone; its value is the last value before the delete. */
  readonly deleted: boolean;
  /** Revision of the create row of this incarnation. */
  readonly createRev: number;
  /** Revision of the row this one supersedes (0 for a create of a never-seen or compacted key). */
  readonly prevRev: number;
  readonly value: Uint8Array;
}

/** A row to append: the log assigns `rev`, or takes it from `createRev` = 0 meaning "this row". */
export type NewRow = Omit<LogRow, 'rev'>;

/** A row together with the row it superseded, for watch replay. */
export interface RowWithPrev {
  readonly row: LogRow;
  readonly prev?: LogRow;
}

export interface RevisionLog {
  /** Revision of the last appended row, even if compaction removed it (0 when empty). */
  currentRevision(): number;
  compactRevision(): number;
  /**
   * Runs `fn` as one atomic, durable unit: every append inside commits together or not at all.
   * Appends made inside are visible to reads inside.
   */
  transaction<T>(fn: () => T): T;
  /** Appends a row (inside {@link transaction}) and returns its revision. */
  append(row: NewRow): number;
  /** The newest row of `key` with `rev <= atRevision` (tombstones included). */
  latest(key: string, atRevision: number): LogRow | undefined;
  /**
   * The newest row of each key under `prefix` with `rev <= revision`, tombstones excluded, keys
   * strictly after `startAfter`, in key order, at most `limit` rows (0: no limit).
   */
  liveRows(options: { prefix: string; revision: number; startAfter: string; limit: number }): LogRow[];
  /** Number of live keys under `prefix` at the current revision. */
  countLive(prefix: string): number;
  /** Rows under `prefix` with `rev > afterRevision`, oldest first, each with the row it superseded. */
  rowsAfter(prefix: string, afterRevision: number): RowWithPrev[];
  /** Removes superseded rows and tombstones with `rev <= revision` and records the compact revision. */
  compact(revision: number): void;
  close(): void;
}
