/**
 * Secret Manager's version methods: AddSecretVersion, GetSecretVersion, ListSecretVersions,
 * AccessSecretVersion, EnableSecretVersion, DisableSecretVersion, DestroySecretVersion.
 *
 * `latest` is the most recently created version whatever its state: accessing it when it is
 * disabled fails with FAILED_PRECONDITION instead of falling back to an older one (Google's
 * documented behaviour, which ESO's `LatestOrFetch` policy works around).
 *
 * @module
 */
import { crc32c } from './crc32c.js';
import { GoogleApiError, failedPrecondition, invalidArgument, notFound } from './errors.js';
import { field, objectBody, optionalInt64, optionalObject, optionalString, type JsonObject } from './json-input.js';
import { evaluateFilter, filterFields, parseFilter, type FieldReader } from './list-filter.js';
import { parseVersionRef, secretName, versionName } from './names.js';
import { takePage } from './paging.js';
import { newEtag, versionJson } from './secret-model.js';
import type { VersionRow, VersionState, VersionWithPayload } from './secret-store.js';
import { nowIso, projectRef, recordChange, resolveSecret, type Call, type ResolvedSecret, type ServiceDeps } from './service-context.js';
import type { ListQuery } from './secrets-service.js';

/** Largest payload Google accepts: 64 KiB. */
export const MAX_PAYLOAD_BYTES = 65_536;

const P = {
  add: 'secretmanager.versions.add',
  get: 'secretmanager.versions.get',
  list: 'secretmanager.versions.list',
  access: 'secretmanager.versions.access',
  enable: 'secretmanager.versions.enable',
  disable: 'secretmanager.versions.disable',
  destroy: 'secretmanager.versions.destroy',
} as const;

const DEFAULT_PAGE_SIZE = 25;
const FILTER_FIELDS = ['name', 'state', 'create_time', 'destroy_time'];
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

function decodePayload(data: unknown): Buffer {
  if (data === undefined || data === null) return Buffer.alloc(0);
  if (typeof data !== 'string' || !BASE64.test(data)) throw invalidArgument("Invalid value at 'payload.data' (TYPE_BYTES), Base64 decoding failed.");
  return Buffer.from(data, 'base64');
}

function versionFields(row: VersionRow, name: string): FieldReader {
  return (path) => {
    switch (path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) {
      case 'name': return [String(row.number), name];
      case 'state': return [row.state];
      case 'create_time': return [row.create_time];
      default: return row.destroy_time ? [row.destroy_time] : undefined;
    }
  };
}

/** The state transitions a version accepts; DESTROYED is final. */
const TRANSITION: Record<'enable' | 'disable' | 'destroy', { permission: string; state: VersionState; event: 'SECRET_VERSION_ENABLE' | 'SECRET_VERSION_DISABLE' | 'SECRET_VERSION_DESTROY' }> = {
  enable: { permission: P.enable, state: 'ENABLED', event: 'SECRET_VERSION_ENABLE' },
  disable: { permission: P.disable, state: 'DISABLED', event: 'SECRET_VERSION_DISABLE' },
  destroy: { permission: P.destroy, state: 'DESTROYED', event: 'SECRET_VERSION_DESTROY' },
};

export class VersionsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The version a `{version}` segment names, or NOT_FOUND in Google's words. */
  #findVersion(secret: ResolvedSecret, segment: string): VersionWithPayload {
    const ref = parseVersionRef(segment);
    const { secrets } = this.deps;
    if (ref.kind === 'latest') {
      const latest = secrets.latestVersion(secret.row.uid);
      if (!latest) throw notFound(`Secret [${secret.name}] not found or has no versions.`);
      return latest;
    }
    const number = ref.kind === 'number' ? ref.number : secret.spec.versionAliases?.[ref.alias];
    const version = number === undefined ? undefined : secrets.getVersionWithPayload(secret.row.uid, number);
    if (!version) throw notFound(`Secret Version [${versionName(secret.number, secret.row.secret_id, segment)}] not found.`);
    return version;
  }

  #resolve(call: Call, project: string, secretId: string, version: string, permission: string): { secret: ResolvedSecret; version: VersionWithPayload; name: string } {
    const secret = this.#secretOf(call, project, secretId, version, permission);
    const row = this.#findVersion(secret, version);
    call.audit.resource = versionName(secret.project, secretId, row.number);
    return { secret, version: row, name: versionName(secret.number, secretId, row.number) };
  }

  /** The secret of a version reference; a missing secret is reported as Google does for versions. */
  #secretOf(call: Call, project: string, secretId: string, version: string, permission: string): ResolvedSecret {
    try {
      return resolveSecret(this.deps, call, project, secretId, permission, versionName(project, secretId, version));
    } catch (error) {
      if (!(error instanceof GoogleApiError) || error.status !== 'NOT_FOUND') throw error;
      const display = projectRef(this.deps, project).display;
      if (version === 'latest') throw notFound(`Secret [${secretName(display, secretId)}] not found or has no versions.`);
      throw notFound(`Secret Version [${versionName(display, secretId, version)}] not found.`);
    }
  }

  add(call: Call, project: string, secretId: string, body: unknown): JsonObject {
    const secret = resolveSecret(this.deps, call, project, secretId, P.add);
    const payload = optionalObject(objectBody(body), 'payload');
    if (!payload) throw invalidArgument('Field [payload] is required.');
    const data = decodePayload(field(payload, 'data'));
    if (data.length > MAX_PAYLOAD_BYTES) {
      throw invalidArgument(`Secret payload is ${data.length} bytes; the maximum size of a secret payload is ${MAX_PAYLOAD_BYTES} bytes (64 KiB).`);
    }
    const checksum = optionalInt64(payload, 'dataCrc32c', 'payload.data_crc32c');
    if (checksum !== undefined && checksum !== crc32c(data)) {
      throw invalidArgument('Checksum mismatch: payload.data_crc32c does not match the CRC32C checksum of payload.data. The payload may have been corrupted in transit.');
    }
    const row = this.deps.db.transaction(() => {
      const number = this.deps.secrets.nextVersionNumber(secret.row.uid);
      const version = {
        secretUid: secret.row.uid,
        number,
        createTime: nowIso(this.deps.clock),
        etag: newEtag(),
        clientChecksum: checksum !== undefined,
        ciphertext: this.deps.cipher.seal(data, versionName(secret.project, secretId, number)),
      };
      this.deps.secrets.insertVersion(version);
      recordChange(this.deps, secret, 'SECRET_VERSION_ADD', number);
      return this.deps.secrets.getVersion(secret.row.uid, number)!;
    })();
    call.audit.resource = versionName(secret.project, secretId, row.number);
    return versionJson(versionName(secret.number, secretId, row.number), row, secret.spec);
  }

  get(call: Call, project: string, secretId: string, version: string): JsonObject {
    const resolved = this.#resolve(call, project, secretId, version, P.get);
    return versionJson(resolved.name, resolved.version, resolved.secret.spec);
  }

  list(call: Call, project: string, secretId: string, query: ListQuery): JsonObject {
    const secret = resolveSecret(this.deps, call, project, secretId, P.list);
    const filter = query.filter ? parseFilter(query.filter) : undefined;
    for (const path of filter ? filterFields(filter) : []) {
      if (!FILTER_FIELDS.includes(path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))) throw invalidArgument(`Invalid filter [${query.filter!.slice(0, 500)}]: unknown field [${path}].`);
    }
    const rows = this.deps.secrets.listVersions(secret.row.uid).map((row) => ({ row, name: versionName(secret.number, secretId, row.number) }));
    const matching = filter ? rows.filter((v) => evaluateFilter(filter, versionFields(v.row, v.name))) : rows;
    const page = takePage(matching, query, DEFAULT_PAGE_SIZE, (v) => String(v.row.number), (v, key) => v.row.number < Number(key));
    const response: Record<string, unknown> = {};
    if (page.items.length > 0) response.versions = page.items.map((v) => versionJson(v.name, v.row, secret.spec));
    if (page.nextPageToken) response.nextPageToken = page.nextPageToken;
    if (!filter && matching.length > 0) response.totalSize = matching.length;
    return response;
  }

  /** The payload, checked against its state; `name` carries the resolved version number. */
  access(call: Call, project: string, secretId: string, version: string): JsonObject {
    const resolved = this.#resolve(call, project, secretId, version, P.access);
    const row = resolved.version;
    if (row.state !== 'ENABLED' || !row.ciphertext) throw failedPrecondition(`Secret Version [${resolved.name}] is in ${row.state} state.`);
    const data = this.deps.cipher.open(row.ciphertext, versionName(resolved.secret.project, secretId, row.number));
    return { name: resolved.name, payload: { data: data.toString('base64'), dataCrc32c: String(crc32c(data)) } };
  }

  /** Enable, disable or destroy; an `etag` in the body must match the version's current one. */
  transition(call: Call, project: string, secretId: string, version: string, action: keyof typeof TRANSITION, body: unknown): JsonObject {
    const { permission, state, event } = TRANSITION[action];
    const resolved = this.#resolve(call, project, secretId, version, permission);
    const row = resolved.version;
    const etag = optionalString(objectBody(body), 'etag');
    if (etag && etag !== row.etag) throw failedPrecondition(`The etag provided in the request does not match the current etag of Secret Version [${resolved.name}].`);
    if (row.state === 'DESTROYED') throw failedPrecondition(`Secret Version [${resolved.name}] is in DESTROYED state.`);
    const updated = this.deps.db.transaction(() => {
      const nextEtag = newEtag();
      if (state === 'DESTROYED') this.deps.secrets.destroyVersion(row.secret_uid, row.number, nowIso(this.deps.clock), nextEtag);
      else this.deps.secrets.setVersionState(row.secret_uid, row.number, state, nextEtag);
      recordChange(this.deps, resolved.secret, event, row.number);
      return this.deps.secrets.getVersion(row.secret_uid, row.number)!;
    })();
    return versionJson(resolved.name, updated, resolved.secret.spec);
  }
}
