/**
 * Server-side apply: `PATCH` with `application/apply-patch+yaml`, a `fieldManager` and optional
 * `force`. The applied configuration must name its apiVersion and kind, must not carry
 * managedFields, and may declare only fields of the kind's schema (anything else is the 500 kube
 * answers: "failed to create typed patch object … field not declared in schema"). Absent objects
 * are created; conflicts are 409 unless forced. When kubectl itself applies (`fieldManager=kubectl`)
 * to an object that has a client-side last-applied annotation, the annotation is kept in sync, as
 * kube-apiserver does so that switching back to client-side apply works.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { formatApiVersion } from '../../api/object.js';
import type { FieldSet } from '../managedfields/fieldpath.js';
import { ApplyConflictError, applyConfiguration, conflictError } from '../managedfields/manager.js';
import { compare, toFieldSet } from '../managedfields/typed.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { findUnknownFields } from '../schema/fields.js';
import { parseYamlText } from './body.js';
import { effectiveSchema } from './field-validation.js';
import { requestedFieldManager, writeContext } from './managed.js';
import { type ResourceCall, checkBodyType, respond, updateSubresource } from './resource-handlers.js';
import { ApiError, badRequest, conflict, unknownError } from './status.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** JSON with object keys sorted at every level, as Go encodes maps. */
function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(sort(value));
}

/** kube's lastAppliedUpdater: kubectl's own server-side applies refresh an existing last-applied annotation. */
function syncLastApplied(obj: KubeObject, config: KubeObject, manager: string, live: KubeObject | undefined): KubeObject {
  if (manager !== 'kubectl' || live?.metadata?.annotations?.[LAST_APPLIED] === undefined) return obj;
  const copy = structuredClone(config);
  if (copy.metadata?.annotations) delete copy.metadata.annotations[LAST_APPLIED];
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED]: sortedJson(copy) } } };
}

type ApplyContext = Parameters<typeof applyConfiguration>[2];

/** The fields of the last-applied annotation whose values still match the live object, or undefined. */
function lastAppliedFields(current: KubeObject, ctx: ApplyContext): FieldSet | undefined {
  const annotation = current.metadata?.annotations?.[LAST_APPLIED];
  if (!annotation) return undefined;
  let lastApplied: KubeObject;
  try {
    lastApplied = JSON.parse(annotation) as KubeObject;
  } catch {
    return undefined;
  }
  if (lastApplied.apiVersion !== current.apiVersion) return undefined;
  const diff = compare(lastApplied, current, ctx.schema, ctx);
  return toFieldSet(lastApplied, ctx.schema, ctx).difference(diff.modified).difference(diff.added).difference(diff.removed);
}

/**
 * kube's lastAppliedManager: kubectl's server-side apply may take over, without --force-conflicts,
 * the fields its own client-side applies set (those of the last-applied annotation that still
 * match the object). Other conflicts are reported as usual.
 */
function applyOverClientSide(current: KubeObject, config: KubeObject, ctx: ApplyContext): KubeObject {
  try {
    return applyConfiguration(current, config, ctx).object;
  } catch (error) {
    if (!(error instanceof ApplyConflictError) || ctx.manager !== 'kubectl') throw error;
    const allowed = lastAppliedFields(current, ctx);
    if (!allowed) throw error;
    const remaining = error.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining, ctx.gr, ctx.name);
    return applyConfiguration(current, config, { ...ctx, force: true }).object;
  }
}

function parseForce(query: URLSearchParams): boolean {
  const value = query.get('force');
  if (value === null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`invalid force value "${value}": expected true or false`);
}

/** Rejects undeclared fields the way the typed conversion of the applied object does. */
function assertDeclared(call: ResourceCall, config: KubeObject, name: string): void {
  const schema = effectiveSchema(call.scope.type, call.scope.version);
  if (!schema) return;
  const unknown = findUnknownFields(structuredClone(config), schema, { definitions: BUILTIN_DEFINITIONS, prune: false });
  if (unknown.length === 0) return;
  const { type, version } = call.scope;
  const gvk = `${type.group}/${version}, Kind=${type.names.kind}`;
  const problems = unknown.map((p) => `.${p}: field not declared in schema`);
  const detail = problems.length === 1 ? problems[0]! : `errors:\n  ${problems.join('\n  ')}`;
  throw unknownError(`failed to create typed patch object (${call.scope.namespace ?? ''}/${name}; ${gvk}): ${detail}`);
}

function readConfig(call: ResourceCall, body: Buffer, name: string): KubeObject {
  const parsed = parseYamlText(body.toString('utf8'));
  const raw = parsed as KubeObject | null;
  if (!raw || typeof raw !== 'object' || !raw.apiVersion || !raw.kind) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(parsed).slice(0, 200)}'`);
  }
  const config = checkBodyType(call.scope, parsed);
  if (config.metadata?.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
  if (config.metadata?.name !== undefined && config.metadata.name !== name) {
    throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`);
  }
  assertDeclared(call, config, name);
  return config;
}

/** Handles an apply patch. */
export async function serverSideApply(call: ResourceCall, body: Buffer, dryRun: boolean): Promise<void> {
  const manager = requestedFieldManager(call, 'PatchOptions');
  if (manager === undefined) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter');
  const name = call.info.name!;
  const config = readConfig(call, body, name);
  const { type } = call.scope;
  const ctx = { ...writeContext(call, manager), force: parseForce(call.query), gr: { group: type.group, resource: type.names.plural }, name };
  const existing = await call.deps.store.get(call.scope, name).catch((error: unknown) => {
    if (error instanceof ApiError && error.httpCode === 404) return undefined;
    throw error;
  });
  if (!existing) {
    const created = applyConfiguration(undefined, config, ctx).object;
    created.apiVersion = formatApiVersion(type.group, call.scope.version);
    created.kind = type.names.kind;
    created.metadata = { ...created.metadata, name };
    respond(call, 201, await call.deps.store.create(call.scope, created, { dryRun }));
    return;
  }
  const precondition = config.metadata?.resourceVersion;
  const updated = await call.deps.store.update(call.scope, name, (current) => {
    if (precondition && precondition !== current.metadata?.resourceVersion) throw conflict({ group: type.group, resource: type.names.plural }, name);
    return syncLastApplied(applyOverClientSide(current, config, ctx), config, manager, current);
  }, { dryRun, ...updateSubresource(call.info) });
  respond(call, 200, updated);
}
