/**
 * The client-settable part of a Secret (its "spec"), how request bodies become one, and how
 * rows render as Google's JSON (`Secret`, `SecretVersion`). Rendering follows proto3 JSON:
 * empty maps, false booleans and unset fields are left out.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { invalidArgument } from './errors.js';
import { field, isObject, optionalInt64, optionalObject, optionalString, optionalStringMap, type JsonObject } from './json-input.js';
import type { SecretRow, VersionRow } from './secret-store.js';

/** Stored JSON of the fields a client sets on a secret. Unknown-to-us fields are kept verbatim. */
export interface SecretSpec {
  readonly replication: JsonObject;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly versionAliases?: Record<string, number>;
  readonly topics?: readonly unknown[];
  readonly rotation?: JsonObject;
  readonly expireTime?: string;
  readonly ttl?: string;
  readonly versionDestroyTtl?: string;
  readonly tags?: Record<string, string>;
}

/** Fields `updateMask` may name, camelCase. */
export const UPDATABLE_FIELDS = ['labels', 'annotations', 'versionAliases', 'topics', 'rotation', 'expireTime', 'ttl', 'versionDestroyTtl'] as const;
type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const MAX_LABELS = 64;
const ANNOTATION_KEY = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const MAX_ANNOTATIONS_BYTES = 16 * 1024;

/** A fresh resource etag, quoted as AIP-154 and Secret Manager require (`"\"1a2b…\""`). */
export function newEtag(): string {
  return `"${randomBytes(7).toString('hex')}"`;
}

function checkLabels(labels: Record<string, string> | undefined): void {
  if (!labels) return;
  if (Object.keys(labels).length > MAX_LABELS) throw invalidArgument(`A secret can have at most ${MAX_LABELS} labels.`);
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key)) throw invalidArgument(`Invalid label key [${key.slice(0, 100)}]: keys start with a lowercase letter and hold at most 63 lowercase letters, digits, underscores and dashes.`);
    if (!LABEL_VALUE.test(value)) throw invalidArgument(`Invalid value for label [${key}]: values hold at most 63 lowercase letters, digits, underscores and dashes.`);
  }
}

function checkAnnotations(annotations: Record<string, string> | undefined): void {
  if (!annotations) return;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    if (!ANNOTATION_KEY.test(key)) throw invalidArgument(`Invalid annotation key [${key.slice(0, 100)}]: keys hold at most 63 characters, begin and end with a letter or digit, and may contain dashes, underscores and dots.`);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) throw invalidArgument('The total size of annotation keys and values must be less than 16KiB.');
}

function readAliases(body: JsonObject): Record<string, number> | undefined {
  const raw = optionalObject(body, 'versionAliases');
  if (!raw) return undefined;
  const aliases: Record<string, number> = {};
  for (const key of Object.keys(raw)) {
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(key) || key === 'latest' || /^\d+$/.test(key)) throw invalidArgument(`Invalid version alias [${key.slice(0, 100)}].`);
    const version = optionalInt64(raw, key, `versionAliases[${key}]`);
    if (version === undefined || version < 1) throw invalidArgument(`Invalid value at 'versionAliases[${key}]': expected a version number.`);
    aliases[key] = version;
  }
  return aliases;
}

function readTopics(body: JsonObject): unknown[] | undefined {
  const topics = field(body, 'topics');
  if (topics === undefined || topics === null) return undefined;
  if (!Array.isArray(topics) || !topics.every((t) => isObject(t) && typeof t.name === 'string')) throw invalidArgument("Invalid value at 'topics': expected a list of {name}.");
  return topics as unknown[];
}

function readReplication(body: JsonObject): JsonObject {
  const replication = optionalObject(body, 'replication');
  if (!replication) throw invalidArgument('Field [replication] is required.');
  const automatic = optionalObject(replication, 'automatic', 'replication.automatic');
  const userManaged = optionalObject(replication, 'userManaged', 'replication.user_managed');
  if (automatic && !userManaged) return { automatic };
  const replicas = userManaged ? field(userManaged, 'replicas') : undefined;
  if (!automatic && Array.isArray(replicas) && replicas.length > 0 && replicas.every((r) => isObject(r) && typeof r.location === 'string')) {
    return { userManaged: { replicas } };
  }
  throw invalidArgument('Invalid replication: set exactly one of replication.automatic or replication.user_managed with at least one replica location.');
}

/** Reads the fields of `body` listed in `fields` into a partial spec, validating each. */
function readUpdatable(body: JsonObject, fields: readonly UpdatableField[]): Partial<SecretSpec> {
  const readers: Record<UpdatableField, () => unknown> = {
    labels: () => optionalStringMap(body, 'labels'),
    annotations: () => optionalStringMap(body, 'annotations'),
    versionAliases: () => readAliases(body),
    rotation: () => optionalObject(body, 'rotation'),
    topics: () => readTopics(body),
    expireTime: () => optionalString(body, 'expireTime'),
    ttl: () => optionalString(body, 'ttl'),
    versionDestroyTtl: () => optionalString(body, 'versionDestroyTtl'),
  };
  const spec = Object.fromEntries(fields.map((name) => [name, readers[name]()])) as Partial<SecretSpec>;
  checkLabels(spec.labels);
  checkAnnotations(spec.annotations);
  return spec;
}

/** The spec of a secret created from a `CreateSecret` body. */
export function specFromCreate(body: JsonObject): SecretSpec {
  const spec = { replication: readReplication(body), ...readUpdatable(body, UPDATABLE_FIELDS), tags: optionalStringMap(body, 'tags') };
  return prune(spec) as unknown as SecretSpec;
}

/** Parses `updateMask` (`labels,annotations` or snake_case) into known field names. */
export function parseUpdateMask(mask: string | null | undefined): UpdatableField[] {
  if (!mask) throw invalidArgument('Field [update_mask] is required.');
  return mask.split(',').map((raw) => {
    const name = raw.trim().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(UPDATABLE_FIELDS as readonly string[]).includes(name)) throw invalidArgument(`Invalid update_mask field [${raw.trim()}]; updatable fields are ${UPDATABLE_FIELDS.join(', ')}.`);
    return name as UpdatableField;
  });
}

/** `current` with the masked fields replaced by those of `body` (absent in body = cleared). */
export function specFromPatch(current: SecretSpec, body: JsonObject, mask: readonly UpdatableField[]): SecretSpec {
  const updates = readUpdatable(body, mask);
  const next: Record<string, unknown> = { ...current };
  for (const name of mask) next[name] = updates[name];
  return prune(next) as unknown as SecretSpec;
}

function prune(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && !(isObject(v) && Object.keys(v).length === 0 && v !== object.replication)));
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined;
}

/** A Secret as Google renders it. */
export function secretJson(name: string, row: SecretRow, spec: SecretSpec): JsonObject {
  const aliases = spec.versionAliases ? Object.fromEntries(Object.entries(spec.versionAliases).map(([k, v]) => [k, String(v)])) : undefined;
  const rendered: Record<string, unknown> = {
    name,
    replication: spec.replication,
    createTime: row.create_time,
    labels: nonEmpty(spec.labels),
    topics: spec.topics && spec.topics.length > 0 ? spec.topics : undefined,
    expireTime: spec.expireTime,
    etag: row.etag,
    rotation: spec.rotation,
    versionAliases: nonEmpty(aliases),
    annotations: nonEmpty(spec.annotations),
    versionDestroyTtl: spec.versionDestroyTtl,
    tags: nonEmpty(spec.tags),
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, v]) => v !== undefined));
}

/** The `replicationStatus` of a version under the secret's replication policy. */
function replicationStatus(spec: SecretSpec): JsonObject {
  const userManaged = spec.replication.userManaged as { replicas?: Array<{ location: string }> } | undefined;
  if (!userManaged) return { automatic: {} };
  return { userManaged: { replicas: (userManaged.replicas ?? []).map((r) => ({ location: r.location })) } };
}

/** A SecretVersion as Google renders it. */
export function versionJson(name: string, row: VersionRow, spec: SecretSpec): JsonObject {
  const rendered: Record<string, unknown> = {
    name,
    createTime: row.create_time,
    destroyTime: row.destroy_time ?? undefined,
    state: row.state,
    replicationStatus: replicationStatus(spec),
    etag: row.etag,
    clientSpecifiedPayloadChecksum: row.client_checksum ? true : undefined,
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, v]) => v !== undefined));
}
