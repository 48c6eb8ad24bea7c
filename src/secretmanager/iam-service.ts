/**
 * The IAM subset: service accounts (create, get, list, delete, enable, disable) and their keys
 * (create, get, list, delete). Creating a key generates the RSA pair here and returns the
 * private half once, inside Google's JSON key file, with `token_uri` pointing at this server.
 *
 * @module
 */
import { randomInt } from 'node:crypto';
import { GoogleApiError, alreadyExists, invalidArgument, notFound } from './errors.js';
import type { IamStore, ServiceAccountKeyRow, ServiceAccountRow } from './iam-store.js';
import { objectBody, optionalObject, optionalString, type JsonObject } from './json-input.js';
import { checkProjectId } from './names.js';
import { takePage, type PageRequest } from './paging.js';
import { credentialsFile, generateServiceAccountKey } from './service-account-keys.js';
import { nowIso, projectRef, type Call, type ServiceDeps } from './service-context.js';

const P = {
  create: 'iam.serviceAccounts.create',
  get: 'iam.serviceAccounts.get',
  list: 'iam.serviceAccounts.list',
  delete: 'iam.serviceAccounts.delete',
  disable: 'iam.serviceAccounts.disable',
  enable: 'iam.serviceAccounts.enable',
  createKey: 'iam.serviceAccountKeys.create',
  getKey: 'iam.serviceAccountKeys.get',
  listKeys: 'iam.serviceAccountKeys.list',
  deleteKey: 'iam.serviceAccountKeys.delete',
} as const;

/** Google allows 10 keys per service account. */
const MAX_KEYS = 10;
const ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
/** The etag Google returns on every service account. */
const ACCOUNT_ETAG = 'MDEwMjE5MjA=';
const NEVER_EXPIRES = '9999-12-31T23:59:59Z';

export interface IamServiceOptions {
  readonly deps: ServiceDeps;
  /** This server's OAuth endpoint, written into key files (known once the server listens). */
  readonly tokenUri: () => string;
  /** Called after any change that may revoke credentials (the authenticator drops its cache). */
  readonly onCredentialsChanged: () => void;
}

function accountName(row: ServiceAccountRow): string {
  return `projects/${row.project}/serviceAccounts/${row.email}`;
}

function accountJson(row: ServiceAccountRow): JsonObject {
  const rendered: Record<string, unknown> = {
    name: accountName(row),
    projectId: row.project,
    uniqueId: row.unique_id,
    email: row.email,
    displayName: row.display_name || undefined,
    description: row.description || undefined,
    etag: row.etag,
    oauth2ClientId: row.unique_id,
    disabled: row.disabled ? true : undefined,
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, v]) => v !== undefined));
}

function keyJson(account: ServiceAccountRow, key: ServiceAccountKeyRow): JsonObject {
  return {
    name: `${accountName(account)}/keys/${key.key_id}`,
    validAfterTime: key.valid_after,
    validBeforeTime: key.valid_before,
    keyAlgorithm: 'KEY_ALG_RSA_2048',
    keyOrigin: 'GOOGLE_PROVIDED',
    keyType: 'USER_MANAGED',
    ...(key.disabled ? { disabled: true } : {}),
  };
}

/** The project a service account named in a path belongs to (`-` means: read it from the email). */
function ownerProject(project: string, account: string): string {
  if (project !== '-') return project;
  return /^[^@]+@([^.]+)\.iam\.gserviceaccount\.com$/.exec(account)?.[1] ?? project;
}

/** A 21-digit unique ID, the shape of Google's service-account IDs. */
function newUniqueId(): string {
  return `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`;
}

export class IamService {
  readonly #iam: IamStore;

  constructor(private readonly options: IamServiceOptions) {
    this.#iam = options.deps.iam;
  }

  /** Resolves `projects/{p}/serviceAccounts/{email or uniqueId}` for a permission on its project. */
  #account(call: Call, project: string, account: string, permission: string): ServiceAccountRow {
    const row = this.#iam.getServiceAccount(account) ?? this.#iam.getServiceAccountByUniqueId(account);
    const owner = row?.project ?? ownerProject(project, account);
    call.audit.project = owner;
    call.audit.resource = `projects/${owner}/serviceAccounts/${row?.email ?? account}`;
    this.options.deps.access.require(call.principal, permission, { project: owner, resource: `projects/${project}/serviceAccounts/${account}` });
    if (!row || (project !== '-' && this.#iam.resolveProject(project) !== row.project)) throw notFound(`Unknown service account`);
    return row;
  }

  #projectId(call: Call, segment: string, permission: string): string {
    const project = projectRef(this.options.deps, segment);
    call.audit.project = project.id ?? segment;
    call.audit.resource = `projects/${call.audit.project}/serviceAccounts`;
    this.options.deps.access.require(call.principal, permission, { project: project.id ?? segment, resource: `projects/${segment}` });
    if (!project.id) throw notFound(`Project [${segment}] not found.`);
    return checkProjectId(project.id);
  }

  create(call: Call, segment: string, body: unknown): JsonObject {
    const project = this.#projectId(call, segment, P.create);
    const input = objectBody(body);
    const accountId = optionalString(input, 'accountId') ?? '';
    if (!ACCOUNT_ID.test(accountId)) {
      throw invalidArgument(`Invalid account ID [${accountId.slice(0, 100)}]: it must be 6 to 30 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen.`);
    }
    const details = optionalObject(input, 'serviceAccount') ?? {};
    const email = `${accountId}@${project}.iam.gserviceaccount.com`;
    call.audit.resource = `projects/${project}/serviceAccounts/${email}`;
    if (this.#iam.getServiceAccount(email)) throw alreadyExists(`Service account ${accountId} already exists within project projects/${project}.`);
    const row: ServiceAccountRow = {
      email,
      project,
      account_id: accountId,
      unique_id: newUniqueId(),
      display_name: optionalString(details, 'displayName', 'service_account.display_name') ?? '',
      description: optionalString(details, 'description', 'service_account.description') ?? '',
      disabled: 0,
      etag: ACCOUNT_ETAG,
      create_time: nowIso(this.options.deps.clock),
    };
    this.#iam.insertServiceAccount(row);
    this.options.onCredentialsChanged();
    return accountJson(row);
  }

  get(call: Call, project: string, account: string): JsonObject {
    return accountJson(this.#account(call, project, account, P.get));
  }

  list(call: Call, segment: string, page: PageRequest): JsonObject {
    const project = this.#projectId(call, segment, P.list);
    const rows = this.#iam.listServiceAccounts(project);
    const result = takePage(rows, page, 100, (r) => r.email, (r, key) => r.email > key);
    const response: Record<string, unknown> = {};
    if (result.items.length > 0) response.accounts = result.items.map(accountJson);
    if (result.nextPageToken) response.nextPageToken = result.nextPageToken;
    return response;
  }

  delete(call: Call, project: string, account: string): JsonObject {
    const row = this.#account(call, project, account, P.delete);
    this.#iam.deleteServiceAccount(row.email);
    this.options.onCredentialsChanged();
    return {};
  }

  setDisabled(call: Call, project: string, account: string, disabled: boolean): JsonObject {
    const row = this.#account(call, project, account, disabled ? P.disable : P.enable);
    this.#iam.setServiceAccountDisabled(row.email, disabled);
    this.options.onCredentialsChanged();
    return {};
  }

  async createKey(call: Call, project: string, account: string, body: unknown): Promise<JsonObject> {
    const row = this.#account(call, project, account, P.createKey);
    const input = objectBody(body);
    const type = optionalString(input, 'privateKeyType') ?? 'TYPE_GOOGLE_CREDENTIALS_FILE';
    if (type !== 'TYPE_GOOGLE_CREDENTIALS_FILE' && type !== 'TYPE_UNSPECIFIED') {
      throw invalidArgument(`Private key type ${type} is not supported here; use TYPE_GOOGLE_CREDENTIALS_FILE (the JSON key file).`);
    }
    const algorithm = optionalString(input, 'keyAlgorithm') ?? 'KEY_ALG_RSA_2048';
    if (algorithm !== 'KEY_ALG_RSA_2048' && algorithm !== 'KEY_ALG_UNSPECIFIED') throw invalidArgument(`Key algorithm ${algorithm} is not supported here; use KEY_ALG_RSA_2048.`);
    if (this.#iam.listKeys(row.email).length >= MAX_KEYS) throw new GoogleApiError('FAILED_PRECONDITION', 'Precondition check failed.');
    const key = await generateServiceAccountKey();
    const stored = { key_id: key.keyId, email: row.email, public_key_pem: key.publicKeyPem, valid_after: nowIso(this.options.deps.clock), valid_before: NEVER_EXPIRES };
    if (!this.#iam.getServiceAccount(row.email)) throw notFound('Unknown service account');
    this.#iam.insertKey(stored);
    this.options.onCredentialsChanged();
    call.audit.resource = `${accountName(row)}/keys/${key.keyId}`;
    const file = credentialsFile({ projectId: row.project, email: row.email, uniqueId: row.unique_id, key, tokenUri: this.options.tokenUri() });
    return { ...keyJson(row, { ...stored, disabled: 0 }), privateKeyType: 'TYPE_GOOGLE_CREDENTIALS_FILE', privateKeyData: Buffer.from(file).toString('base64') };
  }

  #key(call: Call, project: string, account: string, keyId: string, permission: string): { row: ServiceAccountRow; key: ServiceAccountKeyRow } {
    const row = this.#account(call, project, account, permission);
    call.audit.resource = `${accountName(row)}/keys/${keyId}`;
    const key = this.#iam.getKey(keyId);
    if (!key || key.email !== row.email) throw notFound(`Service account key ${keyId} does not exist.`);
    return { row, key };
  }

  getKey(call: Call, project: string, account: string, keyId: string, publicKeyType: string | null): JsonObject {
    const { row, key } = this.#key(call, project, account, keyId, P.getKey);
    const json = keyJson(row, key);
    return publicKeyType === 'TYPE_RAW_PUBLIC_KEY' ? { ...json, publicKeyData: Buffer.from(key.public_key_pem).toString('base64') } : json;
  }

  listKeys(call: Call, project: string, account: string): JsonObject {
    const row = this.#account(call, project, account, P.listKeys);
    const keys = this.#iam.listKeys(row.email);
    return keys.length > 0 ? { keys: keys.map((k) => keyJson(row, k)) } : {};
  }

  deleteKey(call: Call, project: string, account: string, keyId: string): JsonObject {
    const { key } = this.#key(call, project, account, keyId, P.deleteKey);
    this.#iam.deleteKey(key.key_id);
    this.options.onCredentialsChanged();
    return {};
  }
}
