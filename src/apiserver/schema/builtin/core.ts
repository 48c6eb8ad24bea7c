/**
 * Schemas of the core/v1, events.k8s.io/v1 and coordination.k8s.io/v1 kinds Flotilla serves,
 * with the list-type and patch-strategy markers of the Go types.
 *
 * @module
 */
import { arr, bool, gvk, int32, kindProperties, map, microTime, obj, ref, str, time } from '../builder.js';
import type { JsonSchema } from '../types.js';

const CORE = 'io.k8s.api.core.v1';

const objectReference = obj('A reference to an object, carrying enough information to inspect or modify it.', {
  apiVersion: str('API version of the referent.'),
  fieldPath: str('The part of the object referred to, such as a container field, when it is not the whole object.'),
  kind: str('Kind of the referent.'),
  name: str('Name of the referent.'),
  namespace: str('Namespace of the referent.'),
  resourceVersion: str('The specific resourceVersion this reference was made to, if any.'),
  uid: str('UID of the referent.'),
}, { 'x-kubernetes-map-type': 'atomic' });

const eventSeries = (pkg: string): JsonSchema => obj('Data about a series of events that happened repeatedly.', {
  count: int32('Number of occurrences in this series up to the last heartbeat time.'),
  lastObservedTime: microTime('Time of the last occurrence observed.'),
}, pkg === CORE ? {} : { required: ['count', 'lastObservedTime'] });

export const CORE_DEFINITIONS: Readonly<Record<string, JsonSchema>> = {
  [`${CORE}.ObjectReference`]: objectReference,
  [`${CORE}.LocalObjectReference`]: obj('A reference to an object in the same namespace.', { name: str('Name of the referent.', { default: '' }) }, { 'x-kubernetes-map-type': 'atomic' }),
  [`${CORE}.Secret`]: obj('Holds secret data of a certain type. The total bytes of the values in data must be less than 1 MiB.', {
    ...kindProperties(),
    data: map('Secret data: keys of alphanumerics, "-", "_" or "." and base64-encoded values.', { type: 'string', format: 'byte' }),
    immutable: bool('When true, the data cannot be updated (only the object metadata can change).'),
    stringData: map('Write-only convenience field: non-binary values given as strings, merged into data on write (stringData wins). Never output when reading.', { type: 'string', default: '' }),
    type: str('Used to facilitate programmatic handling of secret data.'),
  }, gvk('', 'v1', 'Secret')),
  [`${CORE}.ConfigMap`]: obj('Holds configuration data for pods to consume.', {
    ...kindProperties(),
    binaryData: map('Binary configuration data: keys of alphanumerics, "-", "_" or "." and base64-encoded values; keys must not overlap with data.', { type: 'string', format: 'byte' }),
    data: map('Configuration data: keys of alphanumerics, "-", "_" or "." and UTF-8 values; keys must not overlap with binaryData.', { type: 'string', default: '' }),
    immutable: bool('When true, the data cannot be updated (only the object metadata can change).'),
  }, gvk('', 'v1', 'ConfigMap')),
  [`${CORE}.NamespaceSpec`]: obj('The attributes of a namespace.', {
    finalizers: arr('Must be empty before the namespace is removed from storage.', { type: 'string', default: '' }, { 'x-kubernetes-list-type': 'atomic' }),
  }),
  [`${CORE}.NamespaceCondition`]: obj("The state of a namespace's condition.", {
    lastTransitionTime: time('Last time the condition changed.'),
    message: str('Human-readable details.'),
    reason: str('Machine-readable reason for the last transition.'),
    status: str('Status of the condition: True, False or Unknown.', { default: '' }),
    type: str('Type of the namespace condition.', { default: '' }),
  }, { required: ['type', 'status'] }),
  [`${CORE}.NamespaceStatus`]: obj('The observed state of a namespace.', {
    conditions: arr('The latest observations of the namespace state.', ref(`${CORE}.NamespaceCondition`), {
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'], 'x-kubernetes-patch-merge-key': 'type', 'x-kubernetes-patch-strategy': 'merge',
    }),
    phase: str('The lifecycle phase of the namespace: Active or Terminating.', { enum: ['Active', 'Terminating'] }),
  }),
  [`${CORE}.Namespace`]: obj('Provides a scope for names. Namespaced objects must have a unique name within their namespace.', {
    ...kindProperties(),
    spec: ref(`${CORE}.NamespaceSpec`, 'The behaviour of the namespace.'),
    status: ref(`${CORE}.NamespaceStatus`, 'The current status of the namespace. Read-only.'),
  }, gvk('', 'v1', 'Namespace')),
  [`${CORE}.ServiceAccount`]: obj('Binds a name, understood by users and systems, to an identity and a set of secrets.', {
    ...kindProperties(),
    automountServiceAccountToken: bool('Whether pods running as this service account get an API token mounted automatically.'),
    imagePullSecrets: arr('Secrets in the same namespace used to pull images of pods running as this account.', ref(`${CORE}.LocalObjectReference`), { 'x-kubernetes-list-type': 'atomic' }),
    secrets: arr('Secrets in the same namespace that pods running as this account may use. Deprecated for tokens.', ref(`${CORE}.ObjectReference`), {
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
    }),
  }, gvk('', 'v1', 'ServiceAccount')),
  [`${CORE}.EventSource`]: obj('The source of an event.', { component: str('Component from which the event is generated.'), host: str('Node name on which the event is generated.') }),
  [`${CORE}.EventSeries`]: eventSeries(CORE),
  [`${CORE}.Event`]: obj('A report of an event somewhere in the cluster.', {
    ...kindProperties(),
    action: str('What action was taken or failed regarding the object.'),
    count: int32('The number of times this event has occurred.'),
    eventTime: microTime('Time when this event was first observed.'),
    firstTimestamp: time('The time at which the event was first recorded.'),
    involvedObject: ref(`${CORE}.ObjectReference`, 'The object this event is about.'),
    lastTimestamp: time('The time at which the most recent occurrence of this event was recorded.'),
    message: str('A human-readable description of the status of this operation.'),
    reason: str("A short, machine-understandable string that gives the reason for the transition into the object's current status."),
    related: ref(`${CORE}.ObjectReference`, 'Optional secondary object for more complex actions.'),
    reportingComponent: str('Name of the controller that emitted this event.', { default: '' }),
    reportingInstance: str('ID of the controller instance.', { default: '' }),
    series: ref(`${CORE}.EventSeries`, 'Data about the event series this event represents, or nil for a singleton event.'),
    source: ref(`${CORE}.EventSource`, 'The component reporting this event.'),
    type: str('Type of this event (Normal, Warning).'),
  }, { required: ['metadata', 'involvedObject'], ...gvk('', 'v1', 'Event') }),
  'io.k8s.api.events.v1.EventSeries': eventSeries('events'),
  'io.k8s.api.events.v1.Event': obj('A report of an event somewhere in the cluster (events.k8s.io/v1).', {
    ...kindProperties(),
    action: str('What action was taken or failed regarding the regarding object.'),
    deprecatedCount: int32('Deprecated field ensuring backward compatibility with core.v1 Event.'),
    deprecatedFirstTimestamp: time('Deprecated field ensuring backward compatibility with core.v1 Event.'),
    deprecatedLastTimestamp: time('Deprecated field ensuring backward compatibility with core.v1 Event.'),
    deprecatedSource: ref(`${CORE}.EventSource`, 'Deprecated field ensuring backward compatibility with core.v1 Event.'),
    eventTime: microTime('Time when this event was first observed. Required.'),
    note: str('A human-readable description of the status of this operation.'),
    reason: str('Why the action was taken.'),
    regarding: ref(`${CORE}.ObjectReference`, 'The object this event is about.'),
    related: ref(`${CORE}.ObjectReference`, 'Optional secondary object for more complex actions.'),
    reportingController: str('Name of the controller that emitted this event.'),
    reportingInstance: str('ID of the controller instance.'),
    series: ref('io.k8s.api.events.v1.EventSeries', 'Data about the event series this event represents.'),
    type: str('Type of this event (Normal, Warning).'),
  }, { required: ['eventTime'], ...gvk('events.k8s.io', 'v1', 'Event') }),
  'io.k8s.api.coordination.v1.LeaseSpec': obj('The specification of a lease.', {
    acquireTime: microTime('When the current lease was acquired.'),
    holderIdentity: str('The identity of the holder of the current lease.'),
    leaseDurationSeconds: int32('Duration candidates wait to force acquire the lease, measured against the last renewTime.'),
    leaseTransitions: int32('The number of transitions of the lease between holders.'),
    preferredHolder: str('Signals to the holder that the lease should be handed over to this identity.'),
    renewTime: microTime('When the current holder last updated the lease.'),
    strategy: str('The strategy for picking the leader for coordinated leader election.'),
  }),
  'io.k8s.api.coordination.v1.Lease': obj('A lease concept, for leader election and heartbeats.', {
    ...kindProperties(),
    spec: ref('io.k8s.api.coordination.v1.LeaseSpec', 'The specification of the lease.'),
  }, gvk('coordination.k8s.io', 'v1', 'Lease')),
};
