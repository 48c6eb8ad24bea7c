/**
 * The HTTP side of field management: who the field manager of a request is (`?fieldManager=`,
 * else the product part of the User-Agent, as kube-apiserver does), the context of a write, and
 * recording it in `metadata.managedFields`.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { formatApiVersion } from '../../api/object.js';
import { type WriteContext, recordUpdate } from '../managedfields/manager.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { rfc3339 } from '../storage/metadata.js';
import { effectiveSchema } from './field-validation.js';
import type { ResourceCall } from './resource-handlers.js';
import { invalid } from './status.js';

const MAX_MANAGER_LENGTH = 128;

/** `?fieldManager=`, validated; undefined when absent. */
export function requestedFieldManager(call: Pick<ResourceCall, 'query'>, optionsKind: string): string | undefined {
  const value = call.query.get('fieldManager');
  if (value === null || value === '') return undefined;
  if (value.length > MAX_MANAGER_LENGTH || !/^[\x20-\x7e]*$/.test(value)) {
    throw invalid({ group: 'meta.k8s.io', kind: optionsKind }, '', [{
      type: 'FieldValueInvalid', field: 'fieldManager', message: `Invalid value: ${JSON.stringify(value)}: must be less than 128 characters and printable`,
    }]);
  }
  return value;
}

/** The manager of a non-apply write: `?fieldManager=`, else the User-Agent up to its first `/`. */
export function fieldManagerOf(call: Pick<ResourceCall, 'query' | 'req'>, optionsKind: string): string {
  const requested = requestedFieldManager(call, optionsKind);
  if (requested !== undefined) return requested;
  return (call.req.headers['user-agent'] ?? '').split('/')[0]!.slice(0, MAX_MANAGER_LENGTH);
}

/** The field-manager context of a write by `manager` through `call`. */
export function writeContext(call: ResourceCall, manager: string): WriteContext {
  const { type, version } = call.scope;
  return {
    schema: effectiveSchema(type, version), definitions: BUILTIN_DEFINITIONS, manager,
    apiVersion: formatApiVersion(type.group, version), hasStatus: type.subresources.status,
    ...(call.info.subresource === 'status' ? { subresource: 'status' } : {}), now: rfc3339(call.deps.clock.now()),
  };
}

/** Records a create, update or non-apply patch in `next`'s managedFields. */
export function recordWrite(call: ResourceCall, live: KubeObject | undefined, next: KubeObject, optionsKind: string): KubeObject {
  call.scope.type.strategy.normalize?.(next, call.deps.store.context(call.scope));
  return recordUpdate(live, next, writeContext(call, fieldManagerOf(call, optionsKind)));
}
