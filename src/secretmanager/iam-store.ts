/**
 * SQL over the IAM side: project IDs and numbers, service accounts, their public keys, project
 * policies and enabled services. Private keys are never stored: only the public half of each key.
 *
 * @module
 */
import type { Db } from './database.js';
import { GoogleApiError } from './errors.js';
import { isProjectNumber, projectNumberOf } from './names.js';

export interface ServiceAccountRow {
  readonly email: string;
  readonly project: string;
  readonly account_id: string;
  readonly unique_id: string;
  readonly display_name: string;
  readonly description: string;
  readonly disabled: number;
  readonly etag: string;
  readonly create_time: string;
}

export interface ServiceAccountKeyRow {
  readonly key_id: string;
  readonly email: string;
  readonly public_key_pem: string;
  readonly valid_after: string;
  readonly valid_before: string;
  readonly disabled: number;
}

export type NewServiceAccount = Omit<ServiceAccountRow, 'disabled'>;

/** Prepared statements for the IAM tables, plus an in-memory project ID ↔ number map. */
export class IamStore {
  readonly #numbers = new Map<string, string>();
  readonly #ids = new Map<string, string>();
  /** Project policies by project (undefined = none set); this server is the only writer. */
  readonly #policies = new Map<string, string | undefined>();
  readonly #insertProject;
  readonly #projectByNumber;
  readonly #getAccount;
  readonly #accountByUniqueId;
  readonly #listAccounts;
  readonly #insertAccount;
  readonly #deleteAccount;
  readonly #setAccountDisabled;
  readonly #getKey;
  readonly #listKeys;
  readonly #insertKey;
  readonly #deleteKey;
  readonly #getProjectPolicy;
  readonly #putProjectPolicy;
  readonly #enableService;
  readonly #disableService;
  readonly #listServices;

  constructor(readonly db: Db) {
    this.#insertProject = db.prepare<[string, string]>('INSERT OR IGNORE INTO projects (id, number) VALUES (?, ?)');
    this.#projectByNumber = db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE number = ?');
    this.#getAccount = db.prepare<[string], ServiceAccountRow>('SELECT * FROM service_accounts WHERE email = ?');
    this.#accountByUniqueId = db.prepare<[string], ServiceAccountRow>('SELECT * FROM service_accounts WHERE unique_id = ?');
    this.#listAccounts = db.prepare<[string], ServiceAccountRow>('SELECT * FROM service_accounts WHERE project = ? ORDER BY email');
    this.#insertAccount = db.prepare(
      'INSERT INTO service_accounts (email, project, account_id, unique_id, display_name, description, etag, create_time) VALUES (@email, @project, @account_id, @unique_id, @display_name, @description, @etag, @create_time)',
    );
    this.#deleteAccount = db.prepare<[string]>('DELETE FROM service_accounts WHERE email = ?');
    this.#setAccountDisabled = db.prepare<[number, string]>('UPDATE service_accounts SET disabled = ? WHERE email = ?');
    this.#getKey = db.prepare<[string], ServiceAccountKeyRow>('SELECT * FROM service_account_keys WHERE key_id = ?');
    this.#listKeys = db.prepare<[string], ServiceAccountKeyRow>('SELECT * FROM service_account_keys WHERE email = ? ORDER BY valid_after, key_id');
    this.#insertKey = db.prepare(
      'INSERT INTO service_account_keys (key_id, email, public_key_pem, valid_after, valid_before) VALUES (@key_id, @email, @public_key_pem, @valid_after, @valid_before)',
    );
    this.#deleteKey = db.prepare<[string]>('DELETE FROM service_account_keys WHERE key_id = ?');
    this.#getProjectPolicy = db.prepare<[string], { policy: string }>('SELECT policy FROM project_policies WHERE project = ?');
    this.#putProjectPolicy = db.prepare<[string, string]>('INSERT INTO project_policies (project, policy) VALUES (?, ?) ON CONFLICT (project) DO UPDATE SET policy = excluded.policy');
    this.#enableService = db.prepare<[string, string]>('INSERT OR IGNORE INTO enabled_services (project, service) VALUES (?, ?)');
    this.#disableService = db.prepare<[string, string]>('DELETE FROM enabled_services WHERE project = ? AND service = ?');
    this.#listServices = db.prepare<[string], { service: string }>('SELECT service FROM enabled_services WHERE project = ? ORDER BY service');
  }

  /** Records a project ID (idempotent) and returns its number. */
  registerProject(projectId: string): string {
    const known = this.#numbers.get(projectId);
    if (known) return known;
    const number = projectNumberOf(projectId);
    this.#insertProject.run(projectId, number);
    const owner = this.#projectByNumber.get(number)?.id;
    if (owner !== projectId) throw new GoogleApiError('INTERNAL', `Project number ${number} of [${projectId}] is already taken by [${owner}].`);
    this.#numbers.set(projectId, number);
    this.#ids.set(number, projectId);
    return number;
  }

  /**
   * The project ID a path segment names: an ID as is, a number through the table. Undefined for
   * a number that no project here has.
   */
  resolveProject(segment: string): string | undefined {
    if (!isProjectNumber(segment)) return segment;
    const cached = this.#ids.get(segment);
    if (cached) return cached;
    const id = this.#projectByNumber.get(segment)?.id;
    if (id) {
      this.#ids.set(segment, id);
      this.#numbers.set(id, segment);
    }
    return id;
  }

  getServiceAccount(email: string): ServiceAccountRow | undefined {
    return this.#getAccount.get(email);
  }

  getServiceAccountByUniqueId(uniqueId: string): ServiceAccountRow | undefined {
    return this.#accountByUniqueId.get(uniqueId);
  }

  listServiceAccounts(project: string): ServiceAccountRow[] {
    return this.#listAccounts.all(project);
  }

  insertServiceAccount(account: NewServiceAccount): void {
    this.#insertAccount.run(account);
  }

  /** Deletes the account and, by cascade, its keys. */
  deleteServiceAccount(email: string): void {
    this.#deleteAccount.run(email);
  }

  setServiceAccountDisabled(email: string, disabled: boolean): void {
    this.#setAccountDisabled.run(disabled ? 1 : 0, email);
  }

  getKey(keyId: string): ServiceAccountKeyRow | undefined {
    return this.#getKey.get(keyId);
  }

  listKeys(email: string): ServiceAccountKeyRow[] {
    return this.#listKeys.all(email);
  }

  insertKey(key: Omit<ServiceAccountKeyRow, 'disabled'>): void {
    this.#insertKey.run(key);
  }

  deleteKey(keyId: string): void {
    this.#deleteKey.run(keyId);
  }

  /** The project's IAM policy as stored JSON, or undefined when never set (cached: every check reads it). */
  projectPolicy(project: string): string | undefined {
    if (this.#policies.has(project)) return this.#policies.get(project);
    const policy = this.#getProjectPolicy.get(project)?.policy;
    if (!this.db.inTransaction) {
      if (this.#policies.size >= 10_000) this.#policies.clear();
      this.#policies.set(project, policy);
    }
    return policy;
  }

  putProjectPolicy(project: string, policy: string): void {
    this.#policies.delete(project);
    this.#putProjectPolicy.run(project, policy);
  }

  enableService(project: string, service: string): void {
    this.#enableService.run(project, service);
  }

  disableService(project: string, service: string): void {
    this.#disableService.run(project, service);
  }

  enabledServices(project: string): string[] {
    return this.#listServices.all(project).map((r) => r.service);
  }
}
