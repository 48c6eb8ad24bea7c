/**
 * The secret manager's SQLite database (better-sqlite3): secrets, versions (ciphertext only),
 * IAM, the change feed and the append-only audit log, in one file so that a mutation and its
 * change event commit together.
 *
 * @module
 */
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

/** An open database handle. */
export type Db = Database.Database;

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS secrets (
  uid INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT NOT NULL,
  secret_id TEXT NOT NULL,
  create_time TEXT NOT NULL,
  etag TEXT NOT NULL,
  spec TEXT NOT NULL,
  last_version INTEGER NOT NULL DEFAULT 0,
  policy TEXT NOT NULL,
  UNIQUE (project, secret_id)
);
CREATE TABLE IF NOT EXISTS versions (
  secret_uid INTEGER NOT NULL REFERENCES secrets (uid) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  create_time TEXT NOT NULL,
  destroy_time TEXT,
  etag TEXT NOT NULL,
  client_checksum INTEGER NOT NULL,
  ciphertext BLOB,
  PRIMARY KEY (secret_uid, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS service_accounts (
  email TEXT PRIMARY KEY,
  project TEXT NOT NULL,
  account_id TEXT NOT NULL,
  unique_id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  etag TEXT NOT NULL,
  create_time TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS service_account_keys (
  key_id TEXT PRIMARY KEY,
  email TEXT NOT NULL REFERENCES service_accounts (email) ON DELETE CASCADE,
  public_key_pem TEXT NOT NULL,
  valid_after TEXT NOT NULL,
  valid_before TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS keys_by_email ON service_account_keys (email);
CREATE TABLE IF NOT EXISTS project_policies (project TEXT PRIMARY KEY, policy TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enabled_services (
  project TEXT NOT NULL, service TEXT NOT NULL, PRIMARY KEY (project, service)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  project TEXT NOT NULL,
  secret_id TEXT NOT NULL,
  version INTEGER,
  type TEXT NOT NULL,
  secret_policy TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  principal TEXT NOT NULL,
  method TEXT NOT NULL,
  project TEXT,
  secret_id TEXT,
  resource TEXT NOT NULL,
  decision TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_secret ON audit_log (secret_id, seq);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

export interface OpenDatabaseOptions {
  /** Open without writing (the audit reader). Defaults to false. */
  readonly readonly?: boolean;
}

/**
 * Opens (and on first use creates) the database at `path`. WAL lets the audit command read while
 * the server writes; `secure_delete` overwrites freed pages, so a destroyed version's ciphertext
 * does not linger in the file.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  // SQLite gives the -wal and -shm files the mode of the database file: create it 0600 first.
  if (!options.readonly) closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', SCHEMA_VERSION);
  return db;
}
