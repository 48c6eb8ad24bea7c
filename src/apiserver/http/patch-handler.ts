/**
 * PATCH: JSON patch, merge patch, strategic merge patch (built-ins only; CRs answer 415 like
 * kube) and server-side apply payloads (`application/apply-patch+yaml`: create when absent,
 * merge otherwise; full managedFields tracking and conflicts are part 2's).
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { applyJsonPatch, applyMergePatch, PatchError } from '../patch/json-patch.js';
import { decodeObjectBody, mediaType, parseJson, parseYamlText, readBody } from './body.js';
import { type ResourceCall, checkBodyType, parseDryRun, sendJson, updateSubresource } from './resource-handlers.js';
import { ApiError, badRequest, unsupportedMediaType } from './status.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
const APPLY_PATCH = 'application/apply-patch+yaml';

/**
 * Strategic-merge directives (`$patch`, `$setElementOrder/…`, `$retainKeys`,
 * `$deleteFromPrimitiveList/…`) are dropped so they are never stored; the merge itself is a
 * merge patch until part 2 implements SMP with merge keys.
 */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(isPlainObject(v) && v.$patch === 'delete')).map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!key.startsWith('$')) out[key] = stripDirectives(v);
  return out;
}

function patchFailed(error: unknown): never {
  if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
  throw error;
}

function applyTo(type: string, current: KubeObject, patch: unknown): KubeObject {
  try {
    if (type === JSON_PATCH) return applyJsonPatch(current, patch);
    if (!isPlainObject(patch)) throw badRequest('the patch must be a JSON object');
    return applyMergePatch(current, type === STRATEGIC_PATCH ? stripDirectives(patch) : patch);
  } catch (error) {
    return patchFailed(error);
  }
}

async function serverSideApply(call: ResourceCall, body: Buffer, dryRun: boolean): Promise<void> {
  const fieldManager = call.query.get('fieldManager');
  if (!fieldManager) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter');
  const applied = checkBodyType(call.scope, parseYamlText(body.toString('utf8')));
  const name = call.info.name!;
  if (applied.metadata?.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  }
  const exists = await call.deps.store.get(call.scope, name).then(() => true, (error: unknown) => {
    if (error instanceof ApiError && error.httpCode === 404) return false;
    throw error;
  });
  if (!exists) {
    applied.metadata = { ...applied.metadata, name };
    sendJson(call.res, 201, await call.deps.store.create(call.scope, applied, { dryRun }));
    return;
  }
  const updated = await call.deps.store.update(call.scope, name, (current) => applyTo(MERGE_PATCH, current, applied), {
    dryRun, ...updateSubresource(call.info),
  });
  sendJson(call.res, 200, updated);
}

/** Handles PATCH for one object (or its status). */
export async function handlePatch(call: ResourceCall): Promise<void> {
  const type = mediaType(call.req.headers['content-type']);
  const accepted = call.scope.type.origin.kind === 'crd' ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH, STRATEGIC_PATCH];
  if (!accepted.includes(type)) throw unsupportedMediaType(type, accepted);
  const body = await readBody(call.req);
  const dryRun = parseDryRun(call.query);
  if (type === APPLY_PATCH) return serverSideApply(call, body, dryRun);
  const patch = type === JSON_PATCH ? parseJson(body.toString('utf8')) : decodeObjectBody('application/json', body);
  const updated = await call.deps.store.update(call.scope, call.info.name!, (current) => checkBodyType(call.scope, applyTo(type, current, patch)), {
    dryRun, ...updateSubresource(call.info),
  });
  sendJson(call.res, 200, updated);
}
