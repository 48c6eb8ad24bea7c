/**
 * Our own descriptions of the Kubernetes protobuf messages clients send for the built-in kinds
 * Flotilla serves, from the public wire format (field numbers and types of k8s.io/api and
 * apimachinery's `generated.proto`). Each message maps field numbers to the JSON field name and
 * a value type; JSON output follows the Go types' JSON encoding (bytes as base64, Time as RFC
 * 3339, pointer fields kept even when zero).
 *
 * @module
 */

/** Scalar encodings. `time`/`microtime` are metav1.Time/MicroTime; `rawjson` is FieldsV1. */
export type Scalar = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'time' | 'microtime' | 'rawjson';

/** A map<string, V> field (encoded as repeated entries with key 1 and value 2). */
export interface MapType {
  readonly map: Scalar | MessageDef;
}

export interface FieldDef {
  readonly name: string;
  readonly type: Scalar | MessageDef | MapType;
  readonly repeated?: true;
  /** A Go pointer field: a zero value that was sent is kept in JSON (immutable: false). */
  readonly keepZero?: true;
}

/** A message: field number → field. */
export interface MessageDef {
  readonly fields: Readonly<Record<number, FieldDef>>;
}

const msg = (fields: Record<number, FieldDef>): MessageDef => ({ fields });
const f = (name: string, type: FieldDef['type'], extra: Omit<FieldDef, 'name' | 'type'> = {}): FieldDef => ({ name, type, ...extra });
const list = (name: string, type: FieldDef['type']): FieldDef => ({ name, type, repeated: true });

export const OWNER_REFERENCE = msg({
  1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
  6: f('controller', 'bool', { keepZero: true }), 7: f('blockOwnerDeletion', 'bool', { keepZero: true }),
});

export const MANAGED_FIELDS_ENTRY = msg({
  1: f('manager', 'string'), 2: f('operation', 'string'), 3: f('apiVersion', 'string'), 4: f('time', 'time'),
  6: f('fieldsType', 'string'), 7: f('fieldsV1', msg({ 1: f('raw', 'rawjson') })), 8: f('subresource', 'string'),
});

export const OBJECT_META = msg({
  1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'), 4: f('selfLink', 'string'),
  5: f('uid', 'string'), 6: f('resourceVersion', 'string'), 7: f('generation', 'int64'), 8: f('creationTimestamp', 'time'),
  9: f('deletionTimestamp', 'time'), 10: f('deletionGracePeriodSeconds', 'int64', { keepZero: true }),
  11: f('labels', { map: 'string' }), 12: f('annotations', { map: 'string' }),
  13: list('ownerReferences', OWNER_REFERENCE), 14: list('finalizers', 'string'), 17: list('managedFields', MANAGED_FIELDS_ENTRY),
});

const OBJECT_REFERENCE = msg({
  1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'),
  5: f('apiVersion', 'string'), 6: f('resourceVersion', 'string'), 7: f('fieldPath', 'string'),
});

const EVENT_SOURCE = msg({ 1: f('component', 'string'), 2: f('host', 'string') });
const EVENT_SERIES = msg({ 1: f('count', 'int32'), 2: f('lastObservedTime', 'microtime') });
const meta = f('metadata', OBJECT_META);

export const SECRET = msg({
  1: meta, 2: f('data', { map: 'bytes' }), 3: f('type', 'string'), 4: f('stringData', { map: 'string' }), 5: f('immutable', 'bool', { keepZero: true }),
});

export const CONFIG_MAP = msg({
  1: meta, 2: f('data', { map: 'string' }), 3: f('binaryData', { map: 'bytes' }), 4: f('immutable', 'bool', { keepZero: true }),
});

const NAMESPACE_CONDITION = msg({
  1: f('type', 'string'), 2: f('status', 'string'), 4: f('lastTransitionTime', 'time'), 5: f('reason', 'string'), 6: f('message', 'string'),
});

export const NAMESPACE = msg({
  1: meta, 2: f('spec', msg({ 1: list('finalizers', 'string') })),
  3: f('status', msg({ 1: f('phase', 'string'), 2: list('conditions', NAMESPACE_CONDITION) })),
});

export const SERVICE_ACCOUNT = msg({
  1: meta, 2: list('secrets', OBJECT_REFERENCE), 3: list('imagePullSecrets', msg({ 1: f('name', 'string') })),
  4: f('automountServiceAccountToken', 'bool', { keepZero: true }),
});

export const CORE_EVENT = msg({
  1: meta, 2: f('involvedObject', OBJECT_REFERENCE), 3: f('reason', 'string'), 4: f('message', 'string'), 5: f('source', EVENT_SOURCE),
  6: f('firstTimestamp', 'time'), 7: f('lastTimestamp', 'time'), 8: f('count', 'int32'), 9: f('type', 'string'), 10: f('eventTime', 'microtime'),
  11: f('series', EVENT_SERIES), 12: f('action', 'string'), 13: f('related', OBJECT_REFERENCE), 14: f('reportingComponent', 'string'),
  15: f('reportingInstance', 'string'),
});

export const EVENTS_V1_EVENT = msg({
  1: meta, 2: f('eventTime', 'microtime'), 3: f('series', EVENT_SERIES), 4: f('reportingController', 'string'), 5: f('reportingInstance', 'string'),
  6: f('action', 'string'), 7: f('reason', 'string'), 8: f('regarding', OBJECT_REFERENCE), 9: f('related', OBJECT_REFERENCE), 10: f('note', 'string'),
  11: f('type', 'string'), 12: f('deprecatedSource', EVENT_SOURCE), 13: f('deprecatedFirstTimestamp', 'time'), 14: f('deprecatedLastTimestamp', 'time'),
  15: f('deprecatedCount', 'int32'),
});

export const LEASE = msg({
  1: meta,
  2: f('spec', msg({
    1: f('holderIdentity', 'string', { keepZero: true }), 2: f('leaseDurationSeconds', 'int32', { keepZero: true }),
    3: f('acquireTime', 'microtime'), 4: f('renewTime', 'microtime'), 5: f('leaseTransitions', 'int32', { keepZero: true }),
    6: f('strategy', 'string', { keepZero: true }), 7: f('preferredHolder', 'string', { keepZero: true }),
  })),
});

const SELECTOR_REQUIREMENT = msg({ 1: f('key', 'string'), 2: f('operator', 'string'), 3: list('values', 'string') });

const RESOURCE_ATTRIBUTES = msg({
  1: f('namespace', 'string'), 2: f('verb', 'string'), 3: f('group', 'string'), 4: f('version', 'string'), 5: f('resource', 'string'),
  6: f('subresource', 'string'), 7: f('name', 'string'),
  8: f('fieldSelector', msg({ 1: f('rawSelector', 'string'), 2: list('requirements', SELECTOR_REQUIREMENT) })),
  9: f('labelSelector', msg({ 1: f('rawSelector', 'string'), 2: list('requirements', SELECTOR_REQUIREMENT) })),
});

const NON_RESOURCE_ATTRIBUTES = msg({ 1: f('path', 'string'), 2: f('verb', 'string') });
const ACCESS_REVIEW_STATUS = msg({ 1: f('allowed', 'bool', { keepZero: true }), 4: f('denied', 'bool'), 2: f('reason', 'string'), 3: f('evaluationError', 'string') });
const EXTRA_VALUE = msg({ 1: list('items', 'string') });

export const SELF_SUBJECT_ACCESS_REVIEW = msg({
  1: meta, 2: f('spec', msg({ 1: f('resourceAttributes', RESOURCE_ATTRIBUTES), 2: f('nonResourceAttributes', NON_RESOURCE_ATTRIBUTES) })),
  3: f('status', ACCESS_REVIEW_STATUS),
});

export const SUBJECT_ACCESS_REVIEW = msg({
  1: meta,
  2: f('spec', msg({
    1: f('resourceAttributes', RESOURCE_ATTRIBUTES), 2: f('nonResourceAttributes', NON_RESOURCE_ATTRIBUTES), 3: f('user', 'string'),
    4: list('groups', 'string'), 5: f('extra', { map: EXTRA_VALUE }), 6: f('uid', 'string'),
  })),
  3: f('status', ACCESS_REVIEW_STATUS),
});

export const SELF_SUBJECT_RULES_REVIEW = msg({ 1: meta, 2: f('spec', msg({ 1: f('namespace', 'string') })) });

const USER_INFO = msg({ 1: f('username', 'string'), 2: f('uid', 'string'), 3: list('groups', 'string'), 4: f('extra', { map: EXTRA_VALUE }) });

export const TOKEN_REVIEW = msg({
  1: meta, 2: f('spec', msg({ 1: f('token', 'string'), 2: list('audiences', 'string') })),
  3: f('status', msg({ 1: f('authenticated', 'bool'), 2: f('user', USER_INFO), 4: list('audiences', 'string'), 3: f('error', 'string') })),
});

export const SELF_SUBJECT_REVIEW = msg({ 1: meta, 2: f('status', msg({ 1: f('userInfo', USER_INFO) })) });

export const DELETE_OPTIONS = msg({
  1: f('gracePeriodSeconds', 'int64', { keepZero: true }), 2: f('preconditions', msg({ 1: f('uid', 'string'), 2: f('resourceVersion', 'string') })),
  3: f('orphanDependents', 'bool', { keepZero: true }), 4: f('propagationPolicy', 'string'), 5: list('dryRun', 'string'),
  6: f('ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', { keepZero: true }),
});

/** Messages by `apiVersion/kind`. DeleteOptions is accepted under any apiVersion (clients tag it with their group-version). */
export const MESSAGES: Readonly<Record<string, MessageDef>> = {
  'v1/Secret': SECRET,
  'v1/ConfigMap': CONFIG_MAP,
  'v1/Namespace': NAMESPACE,
  'v1/ServiceAccount': SERVICE_ACCOUNT,
  'v1/Event': CORE_EVENT,
  'events.k8s.io/v1/Event': EVENTS_V1_EVENT,
  'coordination.k8s.io/v1/Lease': LEASE,
  'authorization.k8s.io/v1/SelfSubjectAccessReview': SELF_SUBJECT_ACCESS_REVIEW,
  'authorization.k8s.io/v1/SubjectAccessReview': SUBJECT_ACCESS_REVIEW,
  'authorization.k8s.io/v1/SelfSubjectRulesReview': SELF_SUBJECT_RULES_REVIEW,
  'authentication.k8s.io/v1/TokenReview': TOKEN_REVIEW,
  'authentication.k8s.io/v1/SelfSubjectReview': SELF_SUBJECT_REVIEW,
};
