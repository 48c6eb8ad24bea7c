/**
 * The embedded API server's store: a kine-style revision log behind the {@link Backend}
 * contract, on SQLite for real use or in memory for tests and throwaway servers. Both pass
 * `backend.conformance.ts`.
 *
 * @module
 */
import { LogBackend, type LogBackendOptions } from './log-backend.js';
import { MemoryLog } from './memory-log.js';
import { openSqliteLog } from './sqlite-log.js';
import type { Backend } from './types.js';

export {
  type Backend, type GetOptions, type KeyValue, type ListOptions, type ListResult, type Watch, type WatchEvent,
  type WatchOptions, StoreError, KeyExistsError, KeyNotFoundError, RevisionConflictError, CompactedError,
  FutureRevisionError, StoreClosedError, prefixEnd,
} from './types.js';
export { SQLITE_PRAGMAS } from './sqlite-log.js';

/** A backend that keeps everything in memory. */
export function createMemoryBackend(options: LogBackendOptions = {}): Backend {
  return new LogBackend(new MemoryLog(), options);
}

/** Options of {@link createSqliteBackend}. */
export interface SqliteBackendOptions extends LogBackendOptions {
  /** The database file; created with its schema when missing. */
  readonly path: string;
}

/** A durable backend on one SQLite file (WAL, synchronous=FULL, group commit). */
export function createSqliteBackend(options: SqliteBackendOptions): Backend {
  return new LogBackend(openSqliteLog(options.path), options);
}
