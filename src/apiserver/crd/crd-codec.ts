/**
 * Decoding CustomResourceDefinition bodies like kube-apiserver: typed decoding (see
 * {@link goDecode}), then the v1 defaults (`SetDefaults_CustomResourceDefinition`: singular,
 * listKind, conversion strategy None, webhook service port 443, storedVersions), and the status
 * conditions helpers the in-server CRD controllers use.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { badRequest } from '../http/status.js';
import type { CrdCondition } from './crd-view.js';
import { customResourceDefinition, customResourceDefinitionStatus } from './crd-go-types.js';
import { GoDecodeError, goDecode } from './go-decode.js';

/** The finalizer a CRD gets on its first DELETE; removed once its objects are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (isPlainObject(v) ? v : undefined);

function defaultNames(names: Json): void {
  const kind = typeof names.kind === 'string' ? names.kind : '';
  if (kind === '') return;
  names.singular ??= kind.toLowerCase();
  names.listKind ??= `${kind}List`;
}

function defaultStoredVersions(crd: Json): void {
  const status = crd.status as Json;
  if (Array.isArray(status.storedVersions) && status.storedVersions.length > 0) return;
  const storage = ((crd.spec as Json).versions as Json[]).find((v) => v.storage === true);
  status.storedVersions = storage ? [storage.name] : null;
}

/** SetDefaults_CustomResourceDefinition and SetDefaults_ServiceReference. */
function applyDefaults(crd: Json): void {
  const spec = crd.spec as Json;
  defaultNames(spec.names as Json);
  spec.conversion ??= { strategy: 'None' };
  const service = obj(obj(obj(obj(spec.conversion)?.webhook)?.clientConfig)?.service);
  if (service && service.port === undefined) service.port = 443;
  defaultStoredVersions(crd);
}

/**
 * A CRD body decoded into the v1 Go types and defaulted, in place of `body` (metadata kept as
 * sent). @throws ApiError 400 `CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: …`
 */
export function decodeCrd(body: KubeObject): KubeObject {
  let decoded: Json;
  try {
    decoded = goDecode(body, customResourceDefinition);
  } catch (error) {
    if (error instanceof GoDecodeError) throw badRequest(`CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: ${error.message}`);
    throw error;
  }
  applyDefaults(decoded);
  return { ...decoded, apiVersion: body.apiVersion, kind: body.kind, metadata: body.metadata ?? {} };
}

/** The storage version's name, if exactly one is flagged. */
export function storageVersionOf(crd: KubeObject): string | undefined {
  const versions = isPlainObject(crd.spec) && Array.isArray(crd.spec.versions) ? crd.spec.versions.filter(isPlainObject) : [];
  const storage = versions.find((v) => v.storage === true)?.name;
  return typeof storage === 'string' ? storage : undefined;
}

/** Appends the storage version to `status.storedVersions` when missing (strategy PrepareForCreate/Update). */
export function recordStoredVersion(crd: KubeObject): void {
  const status = (isPlainObject(crd.status) ? crd.status : (crd.status = {})) as Json;
  const stored: unknown[] = Array.isArray(status.storedVersions) ? status.storedVersions : [];
  const storage = storageVersionOf(crd);
  status.storedVersions = storage && !stored.includes(storage) ? [...stored, storage] : stored;
}

/** SetCRDCondition: replaces the condition of the same type; the transition time moves only when the status does. */
export function setCondition(crd: KubeObject, condition: Omit<CrdCondition, 'lastTransitionTime'>, now: string): void {
  const status = (isPlainObject(crd.status) ? crd.status : (crd.status = {})) as Json;
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Json[]) : [];
  const existing = conditions.find((c) => c.type === condition.type);
  if (!existing) {
    status.conditions = [...conditions, { type: condition.type, status: condition.status, lastTransitionTime: now, ...pickText(condition) }];
    return;
  }
  if (existing.status !== condition.status) existing.lastTransitionTime = now;
  existing.status = condition.status;
  delete existing.reason;
  delete existing.message;
  Object.assign(existing, pickText(condition));
  status.conditions = conditions;
}

function pickText(condition: Omit<CrdCondition, 'lastTransitionTime'>): Json {
  return { ...(condition.reason ? { reason: condition.reason } : {}), ...(condition.message ? { message: condition.message } : {}) };
}

/** Re-encodes `status` like the Go type (field order, omitempty), after the controllers edited it. */
export function normalizeCrdStatus(crd: KubeObject): void {
  crd.status = goDecode(isPlainObject(crd.status) ? crd.status : {}, customResourceDefinitionStatus);
}
