/**
 * SQL over the `secrets` and `versions` tables. No validation or authorization here: the
 * services above decide, this module only reads and writes rows. Payloads arrive sealed.
 *
 * @module
 */
import type { Db } from './database.js';

/** The state of a version, as Google names it. */
export const VERSION_STATES = ['ENABLED', 'DISABLED', 'DESTROYED'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export interface SecretRow {
  readonly uid: number;
  readonly project: string;
  readonly secret_id: string;
  readonly create_time: string;
  readonly etag: string;
  /** JSON of the client-settable fields (labels, annotations, replication, …). */
  readonly spec: string;
  readonly last_version: number;
  /** JSON of the secret's IAM policy. */
  readonly policy: string;
}

export interface VersionRow {
  readonly secret_uid: number;
  readonly number: number;
  readonly state: VersionState;
  readonly create_time: string;
  readonly destroy_time: string | null;
  readonly etag: string;
  readonly client_checksum: number;
}

export interface VersionWithPayload extends VersionRow {
  readonly ciphertext: Buffer | null;
}

export interface NewSecret {
  readonly project: string;
  readonly secretId: string;
  readonly createTime: string;
  readonly etag: string;
  readonly spec: string;
  readonly policy: string;
}

export interface NewVersion {
  readonly secretUid: number;
  readonly number: number;
  readonly createTime: string;
  readonly etag: string;
  readonly clientChecksum: boolean;
  readonly ciphertext: Buffer;
}

const VERSION_COLUMNS = 'secret_uid, number, state, create_time, destroy_time, etag, client_checksum';

/** Entries a read cache may hold before it starts over. */
const CACHE_LIMIT = 10_000;

/**
 * Prepared statements over one database, with read caches for the hot path (`:access` reads a
 * secret and its latest version). The caches are coherent because this server is the only
 * writer of its database (data-dir lock) and every write goes through this class: a write
 * drops the entries it touches, and reads fill the caches only outside transactions, so a
 * rolled-back write never leaves a phantom row behind.
 */
export class SecretStore {
  readonly #secretCache = new Map<string, SecretRow>();
  readonly #latestCache = new Map<number, VersionWithPayload>();
  readonly #getSecret;
  readonly #listSecrets;
  readonly #insertSecret;
  readonly #updateSecret;
  readonly #updatePolicy;
  readonly #deleteSecret;
  readonly #bumpLastVersion;
  readonly #getVersion;
  readonly #getVersionWithPayload;
  readonly #latestVersion;
  readonly #listVersions;
  readonly #insertVersion;
  readonly #setVersionState;
  readonly #destroyVersion;

  constructor(readonly db: Db) {
    this.#getSecret = db.prepare<[string, string], SecretRow>('SELECT * FROM secrets WHERE project = ? AND secret_id = ?');
    this.#listSecrets = db.prepare<[string], SecretRow>('SELECT * FROM secrets WHERE project = ? ORDER BY secret_id');
    this.#insertSecret = db.prepare(
      'INSERT INTO secrets (project, secret_id, create_time, etag, spec, policy) VALUES (@project, @secretId, @createTime, @etag, @spec, @policy)',
    );
    this.#updateSecret = db.prepare<[string, string, number]>('UPDATE secrets SET spec = ?, etag = ? WHERE uid = ?');
    this.#updatePolicy = db.prepare<[string, number]>('UPDATE secrets SET policy = ? WHERE uid = ?');
    this.#deleteSecret = db.prepare<[number]>('DELETE FROM secrets WHERE uid = ?');
    this.#bumpLastVersion = db.prepare<[number], { last_version: number }>('UPDATE secrets SET last_version = last_version + 1 WHERE uid = ? RETURNING last_version');
    this.#getVersion = db.prepare<[number, number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM versions WHERE secret_uid = ? AND number = ?`);
    this.#getVersionWithPayload = db.prepare<[number, number], VersionWithPayload>(`SELECT ${VERSION_COLUMNS}, ciphertext FROM versions WHERE secret_uid = ? AND number = ?`);
    this.#latestVersion = db.prepare<[number], VersionWithPayload>(`SELECT ${VERSION_COLUMNS}, ciphertext FROM versions WHERE secret_uid = ? ORDER BY number DESC LIMIT 1`);
    this.#listVersions = db.prepare<[number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM versions WHERE secret_uid = ? ORDER BY number DESC`);
    this.#insertVersion = db.prepare(
      'INSERT INTO versions (secret_uid, number, state, create_time, etag, client_checksum, ciphertext) VALUES (@secretUid, @number, \'ENABLED\', @createTime, @etag, @clientChecksum, @ciphertext)',
    );
    this.#setVersionState = db.prepare<[VersionState, string, number, number]>('UPDATE versions SET state = ?, etag = ? WHERE secret_uid = ? AND number = ?');
    this.#destroyVersion = db.prepare<[string, string, number, number]>(
      'UPDATE versions SET state = \'DESTROYED\', destroy_time = ?, etag = ?, ciphertext = NULL WHERE secret_uid = ? AND number = ?',
    );
  }

  getSecret(project: string, secretId: string): SecretRow | undefined {
    const key = `${project}/${secretId}`;
    const cached = this.#secretCache.get(key);
    if (cached) return cached;
    const row = this.#getSecret.get(project, secretId);
    if (row) this.#remember(this.#secretCache, key, row);
    return row;
  }

  #remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
    if (this.db.inTransaction) return;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }

  /** Drops cached reads of a secret (and its latest version) after a write. */
  #forget(uid: number): void {
    this.#latestCache.delete(uid);
    for (const [key, row] of this.#secretCache) {
      if (row.uid === uid) this.#secretCache.delete(key);
    }
  }

  listSecrets(project: string): SecretRow[] {
    return this.#listSecrets.all(project);
  }

  insertSecret(secret: NewSecret): SecretRow {
    this.#secretCache.delete(`${secret.project}/${secret.secretId}`);
    this.#insertSecret.run(secret);
    return this.#getSecret.get(secret.project, secret.secretId)!;
  }

  updateSecret(uid: number, spec: string, etag: string): void {
    this.#forget(uid);
    this.#updateSecret.run(spec, etag, uid);
  }

  updatePolicy(uid: number, policy: string): void {
    this.#forget(uid);
    this.#updatePolicy.run(policy, uid);
  }

  /** Deletes the secret and, by cascade, every version and its ciphertext. */
  deleteSecret(uid: number): void {
    this.#forget(uid);
    this.#deleteSecret.run(uid);
  }

  /** Reserves the next version number of a secret (numbers are never reused). */
  nextVersionNumber(uid: number): number {
    this.#forget(uid);
    return this.#bumpLastVersion.get(uid)!.last_version;
  }

  getVersion(uid: number, number: number): VersionRow | undefined {
    return this.#getVersion.get(uid, number);
  }

  getVersionWithPayload(uid: number, number: number): VersionWithPayload | undefined {
    return this.#getVersionWithPayload.get(uid, number);
  }

  /** The most recently created version, whatever its state (`latest` does not skip disabled ones). */
  latestVersion(uid: number): VersionWithPayload | undefined {
    const cached = this.#latestCache.get(uid);
    if (cached) return cached;
    const row = this.#latestVersion.get(uid);
    if (row) this.#remember(this.#latestCache, uid, row);
    return row;
  }

  /** Versions, newest first (the order Google lists them in). */
  listVersions(uid: number): VersionRow[] {
    return this.#listVersions.all(uid);
  }

  insertVersion(version: NewVersion): void {
    this.#latestCache.delete(version.secretUid);
    this.#insertVersion.run({ ...version, clientChecksum: version.clientChecksum ? 1 : 0 });
  }

  setVersionState(uid: number, number: number, state: Exclude<VersionState, 'DESTROYED'>, etag: string): void {
    this.#latestCache.delete(uid);
    this.#setVersionState.run(state, etag, uid, number);
  }

  /** Marks a version destroyed and drops its ciphertext (secure_delete overwrites the page). */
  destroyVersion(uid: number, number: number, destroyTime: string, etag: string): void {
    this.#latestCache.delete(uid);
    this.#destroyVersion.run(destroyTime, etag, uid, number);
  }
}
