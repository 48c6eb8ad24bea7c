/**
 * PATCH: JSON patch, merge patch, strategic merge patch (built-ins only; custom resources answer
 * 415 like kube), and server-side apply (`application/apply-patch+yaml`, `apply.ts`). Every
 * non-apply patch is recorded in managedFields as an Update by its field manager.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { applyJsonPatch, applyMergePatch, PatchError } from '../patch/json-patch.js';
import { StrategicPatchError, applyStrategicMergePatch } from '../patch/strategic.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import type { ResourceScope } from '../storage/codec.js';
import { serverSideApply } from './apply.js';
import { decodeObjectBody, mediaType, parseJson, readBody } from './body.js';
import { addWarnings, checkFields, effectiveSchema, parseFieldValidation } from './field-validation.js';
import { recordWrite } from './managed.js';
import { type ResourceCall, checkBodyType, parseDryRun, respond, updateSubresource } from './resource-handlers.js';
import { ApiError, badRequest, invalid, unsupportedMediaType } from './status.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
const APPLY_PATCH = 'application/apply-patch+yaml';

function patchFailed(error: unknown): never {
  if (error instanceof StrategicPatchError) throw badRequest(error.message);
  if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
  throw error;
}

function applyTo(type: string, current: KubeObject, patch: unknown, scope: ResourceScope): KubeObject {
  try {
    if (type === JSON_PATCH) return applyJsonPatch(current, patch);
    if (!isPlainObject(patch)) throw badRequest('the patch must be a JSON object');
    if (type === STRATEGIC_PATCH) {
      return applyStrategicMergePatch(current, patch, { schema: effectiveSchema(scope.type, scope.version), definitions: BUILTIN_DEFINITIONS });
    }
    return applyMergePatch(current, patch);
  } catch (error) {
    return patchFailed(error);
  }
}

/** Handles PATCH for one object (or its status). */
export async function handlePatch(call: ResourceCall): Promise<void> {
  const type = mediaType(call.req.headers['content-type']);
  const accepted = call.scope.type.origin.kind === 'crd' ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH, STRATEGIC_PATCH];
  if (!accepted.includes(type)) throw unsupportedMediaType(type, accepted);
  const body = await readBody(call.req);
  const dryRun = parseDryRun(call.query);
  if (type === APPLY_PATCH) return serverSideApply(call, body, dryRun);
  if (call.query.get('force') !== null) {
    throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type: 'FieldValueForbidden', field: 'force', message: 'Forbidden: may not be specified for non-apply patch' }]);
  }
  const mode = parseFieldValidation(call.query, 'PatchOptions');
  const patch = type === JSON_PATCH ? parseJson(body.toString('utf8')) : decodeObjectBody('application/json', body);
  let warnings: string[] = [];
  const updated = await call.deps.store.update(call.scope, call.info.name!, (current) => {
    const patched = checkBodyType(call.scope, applyTo(type, current, patch, call.scope));
    warnings = checkFields(patched, call.scope, { mode });
    return recordWrite(call, current, patched, 'PatchOptions');
  }, {
    dryRun, ...updateSubresource(call.info),
  });
  addWarnings(call.res, warnings);
  respond(call, 200, updated);
}
