/**
 * A {@link RevisionLog} on SQLite (better-sqlite3), in the shape of kine's table: one
 * append-only `log` table whose integer primary key is the global revision; an update is an
 * insert, a delete is a tombstone insert, compaction prunes superseded rows.
 *
 * Durability: WAL with `synchronous=FULL`. Each commit fsyncs the WAL, so an acknowledged write
 * survives a process kill (SIGKILL) AND an OS crash or power loss; `NORMAL` would survive only
 * the former. The cost of the fsync is amortised by the backend's group commit.
 *
 * @module
 */
import Database from 'better-sqlite3';
import type { LogRow, NewRow, RevisionLog, RowWithPrev } from './revision-log.js';
import { prefixEnd } from './types.js';

/** Pragmas applied to every connection; the bench applies the same ones to its raw reference. */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 30000', 'foreign_keys = OFF'] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  rev        INTEGER PRIMARY KEY,
  key        TEXT    NOT NULL,
  created    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL,
  create_rev INTEGER NOT NULL,
  prev_rev   INTEGER NOT NULL,
  value      BLOB    NOT NULL
);
CREATE INDEX IF NOT EXISTS log_key_rev ON log(key, rev);
CREATE UNIQUE INDEX IF NOT EXISTS log_key_prev ON log(key, prev_rev);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

interface SqlRow {
  rev: number;
  key: string;
  created: number;
  deleted: number;
  create_rev: number;
  prev_rev: number;
  value: Buffer;
}

interface SqlRowWithPrev extends SqlRow {
  p_rev: number | null;
  p_created: number | null;
  p_deleted: number | null;
  p_create_rev: number | null;
  p_prev_rev: number | null;
  p_value: Buffer | null;
}

function toRow(r: SqlRow): LogRow {
  return {
    rev: r.rev,
    key: r.key,
    created: r.created === 1,
    deleted: r.deleted === 1,
    createRev: r.create_rev,
    prevRev: r.prev_rev,
    value: r.value,
  };
}

function prevOf(r: SqlRowWithPrev): LogRow | undefined {
  if (r.p_rev === null) return undefined;
  return toRow({
    rev: r.p_rev,
    key: r.key,
    created: r.p_created ?? 0,
    deleted: r.p_deleted ?? 0,
    create_rev: r.p_create_rev ?? 0,
    prev_rev: r.p_prev_rev ?? 0,
    value: r.p_value ?? Buffer.alloc(0),
  });
}

function asBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** Opens (creating if needed) the log in the SQLite file at `path`. */
export function openSqliteLog(path: string): SqliteLog {
  const db = new Database(path);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  db.exec(SCHEMA);
  return new SqliteLog(db);
}

export class SqliteLog implements RevisionLog {
  readonly #db: Database.Database;
  #rev: number;
  #compactRev: number;
  readonly #stmts;

  constructor(db: Database.Database) {
    this.#db = db;
    const meta = db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE name = ?');
    const maxRev = db.prepare<[], { rev: number | null }>('SELECT MAX(rev) AS rev FROM log').get()?.rev ?? 0;
    this.#rev = Math.max(maxRev, meta.get('rev_floor')?.value ?? 0);
    this.#compactRev = meta.get('compact_rev')?.value ?? 0;
    this.#stmts = {
      insert: db.prepare(
        'INSERT INTO log (rev, key, created, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      latest: db.prepare<[string, number], SqlRow>('SELECT * FROM log WHERE key = ? AND rev <= ? ORDER BY rev DESC LIMIT 1'),
      live: db.prepare<[string, string, string, number, number], SqlRow>(
        `SELECT l.* FROM log l JOIN (
           SELECT MAX(rev) AS rev FROM log WHERE key >= ? AND key > ? AND key < ? AND rev <= ? GROUP BY key
         ) m ON l.rev = m.rev WHERE l.deleted = 0 ORDER BY l.key LIMIT ?`,
      ),
      count: db.prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM log l JOIN (
           SELECT MAX(rev) AS rev FROM log WHERE key >= ? AND key < ? GROUP BY key
         ) m ON l.rev = m.rev WHERE l.deleted = 0`,
      ),
      after: db.prepare<[number, string, string], SqlRowWithPrev>(
        `SELECT l.*, p.rev AS p_rev, p.created AS p_created, p.deleted AS p_deleted,
                p.create_rev AS p_create_rev, p.prev_rev AS p_prev_rev, p.value AS p_value
         FROM log l LEFT JOIN log p ON p.rev = l.prev_rev
         WHERE l.rev > ? AND l.key >= ? AND l.key < ? ORDER BY l.rev`,
      ),
      compact: db.prepare<[number, number]>(
        `DELETE FROM log WHERE rev <= ? AND (deleted = 1 OR rev IN (SELECT prev_rev FROM log WHERE rev <= ? AND prev_rev > 0))`,
      ),
      setMeta: db.prepare<[string, number]>('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
    };
  }

  currentRevision(): number {
    return this.#rev;
  }

  compactRevision(): number {
    return this.#compactRev;
  }

  transaction<T>(fn: () => T): T {
    const before = this.#rev;
    try {
      return this.#db.transaction(fn).immediate();
    } catch (error) {
      this.#rev = before;
      throw error;
    }
  }

  append(row: NewRow): number {
    const rev = this.#rev + 1;
    this.#stmts.insert.run(
      rev, row.key, row.created ? 1 : 0, row.deleted ? 1 : 0, row.created ? rev : row.createRev, row.prevRev, asBuffer(row.value),
    );
    this.#rev = rev;
    return rev;
  }

  latest(key: string, atRevision: number): LogRow | undefined {
    const row = this.#stmts.latest.get(key, atRevision);
    return row ? toRow(row) : undefined;
  }

  liveRows(options: { prefix: string; revision: number; startAfter: string; limit: number }): LogRow[] {
    const { prefix, revision, startAfter, limit } = options;
    return this.#stmts.live.all(prefix, startAfter, prefixEnd(prefix), revision, limit > 0 ? limit : -1).map(toRow);
  }

  countLive(prefix: string): number {
    return this.#stmts.count.get(prefix, prefixEnd(prefix))?.n ?? 0;
  }

  rowsAfter(prefix: string, afterRevision: number): RowWithPrev[] {
    return this.#stmts.after.all(afterRevision, prefix, prefixEnd(prefix)).map((r) => {
      const prev = prevOf(r);
      return prev ? { row: toRow(r), prev } : { row: toRow(r) };
    });
  }

  compact(revision: number): void {
    this.#db.transaction(() => {
      this.#stmts.compact.run(revision, revision);
      this.#stmts.setMeta.run('compact_rev', Math.max(this.#compactRev, revision));
      // Compaction may remove the newest row (a tombstone); remember the revision so it is never reused.
      this.#stmts.setMeta.run('rev_floor', this.#rev);
    }).immediate();
    this.#compactRev = Math.max(this.#compactRev, revision);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
