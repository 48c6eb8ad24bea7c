/**
 * Secret Manager's secret-level methods: CreateSecret, GetSecret, ListSecrets, UpdateSecret,
 * DeleteSecret, and the IAM methods on a secret. Versions are in versions-service.ts.
 *
 * @module
 */
import { alreadyExists, failedPrecondition, invalidArgument } from './errors.js';
import { objectBody, optionalObject, optionalString, type JsonObject } from './json-input.js';
import { evaluateFilter, filterFields, parseFilter, type FieldReader } from './list-filter.js';
import { checkSecretId, secretName } from './names.js';
import { takePage, type PageRequest } from './paging.js';
import { EMPTY_POLICY, nextPolicy, roleGrants, type Policy } from './policy.js';
import { newEtag, parseUpdateMask, secretJson, specFromCreate, specFromPatch, type SecretSpec } from './secret-model.js';
import type { SecretRow } from './secret-store.js';
import { nowIso, projectRef, recordChange, resolveSecret, type Call, type ServiceDeps } from './service-context.js';

const P = {
  create: 'secretmanager.secrets.create',
  get: 'secretmanager.secrets.get',
  list: 'secretmanager.secrets.list',
  update: 'secretmanager.secrets.update',
  delete: 'secretmanager.secrets.delete',
  getIamPolicy: 'secretmanager.secrets.getIamPolicy',
  setIamPolicy: 'secretmanager.secrets.setIamPolicy',
} as const;

const DEFAULT_PAGE_SIZE = 25;
const FILTER_FIELDS = ['name', 'labels', 'annotations', 'create_time', 'expire_time', 'replication', 'version_aliases', 'topics'];

export interface ListQuery extends PageRequest {
  readonly filter?: string | null;
}

/** The secret's fields as the filter language sees them (snake_case, dotted paths). */
function secretFields(row: SecretRow, spec: SecretSpec, name: string): FieldReader {
  return (path) => {
    const [head, ...rest] = path.split('.');
    const field = head!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const key = rest.join('.');
    switch (field) {
      case 'name': return [row.secret_id, name, secretName(row.project, row.secret_id)];
      case 'create_time': return [row.create_time];
      case 'expire_time': return spec.expireTime ? [spec.expireTime] : undefined;
      case 'labels': return mapField(spec.labels, key);
      case 'annotations': return mapField(spec.annotations, key);
      case 'version_aliases': return mapField(spec.versionAliases && Object.fromEntries(Object.entries(spec.versionAliases).map(([k, v]) => [k, String(v)])), key);
      case 'topics': return spec.topics?.map((t) => String((t as { name?: unknown }).name));
      default: return jsonPath(spec.replication, rest);
    }
  };
}

function mapField(map: Record<string, string> | undefined, key: string): readonly string[] | undefined {
  if (!map) return undefined;
  if (!key) return Object.keys(map);
  return Object.hasOwn(map, key) ? [map[key]!] : undefined;
}

/** Leaves under a path of the replication JSON (`replication.user_managed.replicas.location`). */
function jsonPath(value: unknown, path: readonly string[]): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.flatMap((v) => jsonPath(v, path) ?? []);
  if (path.length === 0) return [JSON.stringify(value)];
  const [head, ...rest] = path;
  const camel = head!.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return jsonPath((value as Record<string, unknown>)[camel], rest);
}

function compileFilter(text: string | null | undefined): ReturnType<typeof parseFilter> | undefined {
  if (!text) return undefined;
  const node = parseFilter(text);
  for (const path of filterFields(node)) {
    const head = path.split('.')[0]!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (!FILTER_FIELDS.includes(head)) throw invalidArgument(`Invalid filter [${text.slice(0, 500)}]: unknown field [${path}].`);
  }
  return node;
}

export class SecretsService {
  constructor(private readonly deps: ServiceDeps) {}

  create(call: Call, segment: string, secretId: string | null, body: unknown): JsonObject {
    const project = projectRef(this.deps, segment);
    call.audit.project = project.id ?? segment;
    call.audit.resource = `projects/${call.audit.project}/secrets`;
    if (secretId && /^[A-Za-z0-9_-]{1,255}$/.test(secretId)) {
      call.audit.secretId = secretId;
      call.audit.resource = secretName(call.audit.project, secretId);
    }
    this.deps.access.require(call.principal, P.create, { project: project.id ?? segment, resource: `projects/${segment}` });
    if (!secretId) throw invalidArgument('Field [secret_id] is required.');
    checkSecretId(secretId);
    if (!project.id) throw invalidArgument(`Project [${segment}] is unknown here; use the project ID.`);
    const spec = specFromCreate(objectBody(body));
    const name = secretName(project.display, secretId);
    const row = this.deps.db.transaction(() => {
      if (this.deps.secrets.getSecret(project.id!, secretId)) throw alreadyExists(`Secret [${name}] already exists.`);
      const inserted = this.deps.secrets.insertSecret({
        project: project.id!,
        secretId,
        createTime: nowIso(this.deps.clock),
        etag: newEtag(),
        spec: JSON.stringify(spec),
        policy: JSON.stringify(EMPTY_POLICY),
      });
      recordChange(this.deps, { project: project.id!, row: inserted }, 'SECRET_CREATE');
      return inserted;
    })();
    return secretJson(name, row, spec);
  }

  get(call: Call, segment: string, secretId: string): JsonObject {
    const secret = resolveSecret(this.deps, call, segment, secretId, P.get);
    return secretJson(secret.name, secret.row, secret.spec);
  }

  list(call: Call, segment: string, query: ListQuery): JsonObject {
    const project = projectRef(this.deps, segment);
    call.audit.project = project.id ?? segment;
    call.audit.resource = `projects/${call.audit.project}/secrets`;
    this.deps.access.require(call.principal, P.list, { project: project.id ?? segment, resource: `projects/${segment}` });
    const filter = compileFilter(query.filter);
    const rows = project.id ? this.deps.secrets.listSecrets(project.id) : [];
    const rendered = rows.map((row) => ({ row, spec: JSON.parse(row.spec) as SecretSpec, name: secretName(project.display, row.secret_id) }));
    const matching = filter ? rendered.filter((s) => evaluateFilter(filter, secretFields(s.row, s.spec, s.name))) : rendered;
    const page = takePage(matching, query, DEFAULT_PAGE_SIZE, (s) => s.row.secret_id, (s, key) => s.row.secret_id > key);
    const response: Record<string, unknown> = {};
    if (page.items.length > 0) response.secrets = page.items.map((s) => secretJson(s.name, s.row, s.spec));
    if (page.nextPageToken) response.nextPageToken = page.nextPageToken;
    // Google reports totalSize only for unfiltered lists ("0 when the filter field is set").
    if (!filter && matching.length > 0) response.totalSize = matching.length;
    return response;
  }

  patch(call: Call, segment: string, secretId: string, updateMask: string | null, body: unknown): JsonObject {
    const secret = resolveSecret(this.deps, call, segment, secretId, P.update);
    const input = objectBody(body);
    const etag = optionalString(input, 'etag');
    if (etag && etag !== secret.row.etag) throw failedPrecondition(`The etag provided in the request does not match the current etag of Secret [${secret.name}].`);
    const spec = specFromPatch(secret.spec, input, parseUpdateMask(updateMask));
    const row = this.deps.db.transaction(() => {
      const nextEtag = newEtag();
      this.deps.secrets.updateSecret(secret.row.uid, JSON.stringify(spec), nextEtag);
      const updated = { ...secret.row, spec: JSON.stringify(spec), etag: nextEtag };
      recordChange(this.deps, { project: secret.project, row: updated }, 'SECRET_UPDATE');
      return updated;
    })();
    return secretJson(secret.name, row, spec);
  }

  delete(call: Call, segment: string, secretId: string, etag: string | null): JsonObject {
    const secret = resolveSecret(this.deps, call, segment, secretId, P.delete);
    if (etag && etag !== secret.row.etag) throw failedPrecondition(`The etag provided in the request does not match the current etag of Secret [${secret.name}].`);
    this.deps.db.transaction(() => {
      this.deps.secrets.deleteSecret(secret.row.uid);
      recordChange(this.deps, secret, 'SECRET_DELETE');
    })();
    return {};
  }

  getIamPolicy(call: Call, segment: string, secretId: string): Policy {
    return resolveSecret(this.deps, call, segment, secretId, P.getIamPolicy).policy;
  }

  setIamPolicy(call: Call, segment: string, secretId: string, body: unknown): Policy {
    const secret = resolveSecret(this.deps, call, segment, secretId, P.setIamPolicy);
    const next = nextPolicy(secret.policy, optionalObject(objectBody(body), 'policy'), {
      level: 'secret',
      serviceAccountExists: (email) => this.deps.iam.getServiceAccount(email) !== undefined,
    });
    this.deps.secrets.updatePolicy(secret.row.uid, JSON.stringify(next));
    return next;
  }

  /** The subset of `permissions` the caller holds on the secret (no permission needed to ask). */
  testIamPermissions(call: Call, segment: string, secretId: string, body: unknown): JsonObject {
    const requested = objectBody(body).permissions;
    if (!Array.isArray(requested) || !requested.every((p) => typeof p === 'string')) throw invalidArgument('Field [permissions] must be a list of permission names.');
    const project = projectRef(this.deps, segment);
    checkSecretId(secretId);
    call.audit.project = project.id ?? segment;
    call.audit.secretId = secretId;
    call.audit.resource = secretName(call.audit.project, secretId);
    const row = project.id ? this.deps.secrets.getSecret(project.id, secretId) : undefined;
    const policy = row ? this.deps.access.secretPolicy(row.policy) : undefined;
    const target = { project: project.id ?? segment, ...(policy ? { secretPolicy: policy } : {}) };
    const held = requested.filter((permission) => isSecretPermission(permission) && this.deps.access.allows(call.principal, permission, target));
    return held.length > 0 ? { permissions: held } : {};
  }
}

/** Permissions that apply to a secret (what testIamPermissions may answer about). */
function isSecretPermission(permission: string): boolean {
  return roleGrants('roles/secretmanager.admin', permission);
}
