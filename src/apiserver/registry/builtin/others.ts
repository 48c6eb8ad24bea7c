/**
 * Built-ins outside core/v1's basics: events (core/v1 and events.k8s.io/v1, one storage,
 * converted like kube does) and leases (coordination.k8s.io/v1, with MicroTime renew/acquire
 * times). CustomResourceDefinitions are in crds.ts.
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import type { FieldError, ResourceType, StrategyContext } from '../types.js';
import { eventPrinter, leasePrinter } from '../../table/columns.js';
import { builtinSchema } from '../../schema/builtin/index.js';
import { builtin } from './define.js';
import { type TypedField, decodeTypedFields, goMicroTime } from './typed-fields.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const involved = (obj: KubeObject, field: string): string => (isPlainObject(obj.involvedObject) ? str(obj.involvedObject[field]) : '');

/** Field names that differ between core/v1 Event and events.k8s.io/v1 Event. */
const RENAMES: readonly (readonly [core: string, events: string])[] = [
  ['involvedObject', 'regarding'], ['message', 'note'], ['source', 'deprecatedSource'], ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'], ['count', 'deprecatedCount'], ['reportingComponent', 'reportingController'],
];

/** Converts an Event between core/v1 and events.k8s.io/v1 (kube's conversion of the same stored object). */
export function convertEvent(obj: KubeObject, apiVersion: string): KubeObject {
  const toEvents = apiVersion === 'events.k8s.io/v1';
  const out: KubeObject = { ...obj, apiVersion };
  for (const [core, events] of RENAMES) {
    const [from, to] = toEvents ? [core, events] : [events, core];
    if (from in out) {
      out[to] = out[from];
      delete out[from];
    }
  }
  if (!toEvents && isPlainObject(out.source) === false && out.reportingComponent !== undefined) out.source = { component: out.reportingComponent };
  return out;
}

/** core/v1 Event's selectable fields (kube's event.ToSelectableFields), read from the stored core/v1 form. */
const eventFields = {
  'involvedObject.kind': (o: KubeObject) => involved(o, 'kind'),
  'involvedObject.namespace': (o: KubeObject) => involved(o, 'namespace'),
  'involvedObject.name': (o: KubeObject) => involved(o, 'name'),
  'involvedObject.uid': (o: KubeObject) => involved(o, 'uid'),
  'involvedObject.apiVersion': (o: KubeObject) => involved(o, 'apiVersion'),
  'involvedObject.resourceVersion': (o: KubeObject) => involved(o, 'resourceVersion'),
  'involvedObject.fieldPath': (o: KubeObject) => involved(o, 'fieldPath'),
  reason: (o: KubeObject) => str(o.reason),
  reportingComponent: (o: KubeObject) => str(o.reportingComponent),
  // The source component, or the reporting controller when there is none.
  source: (o: KubeObject) => (isPlainObject(o.source) ? str(o.source.component) : '') || str(o.reportingComponent),
  type: (o: KubeObject) => str(o.type),
};

/**
 * events.k8s.io/v1 field labels: kube maps them onto the same core fields (its field label
 * conversion); `source` and `reportingComponent` are not among them.
 */
const eventsV1Fields = {
  reason: eventFields.reason,
  ...Object.fromEntries(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f) => [`regarding.${f}`, (o: KubeObject) => involved(o, f)])),
  reportingController: eventFields.reportingComponent,
  type: eventFields.type,
};

const EVENT_FIELDS: readonly TypedField[] = [
  { path: ['eventTime'], goField: 'Event.eventTime', decode: goMicroTime(false) },
  { path: ['series', 'lastObservedTime'], goField: 'EventSeries.series.lastObservedTime', decode: goMicroTime(false) },
];

/** Event strategy hooks shared by both APIs: MicroTime fields decoded like kube's decoder. */
const eventStrategy = {
  convert: convertEvent,
  prepareForCreate: (obj: KubeObject, ctx: StrategyContext) => decodeTypedFields(obj, EVENT_FIELDS, 'Event', ctx.version),
  prepareForUpdate: (obj: KubeObject, _old: KubeObject, ctx: StrategyContext) => decodeTypedFields(obj, EVENT_FIELDS, 'Event', ctx.version),
};

const coreEvents = builtin({
  plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], printer: eventPrinter, schema: builtinSchema('io.k8s.api.core.v1.Event'),
  strategy: { ...eventStrategy, selectableFields: eventFields },
});
const eventsV1 = builtin({
  group: 'events.k8s.io', plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], storageResource: 'events',
  schema: builtinSchema('io.k8s.api.events.v1.Event'),
  printer: { columns: eventPrinter.columns, cells: (obj, now) => eventPrinter.cells(convertEvent(obj, 'v1'), now) },
  strategy: { ...eventStrategy, selectableFields: eventsV1Fields },
});
// Both APIs store core/v1 JSON under `events`.
const eventsV1Stored: ResourceType = { ...eventsV1, storageApiVersion: 'v1' };

const LEASE_FIELDS: readonly TypedField[] = [
  { path: ['spec', 'acquireTime'], goField: 'LeaseSpec.spec.acquireTime', decode: goMicroTime(true) },
  { path: ['spec', 'renewTime'], goField: 'LeaseSpec.spec.renewTime', decode: goMicroTime(true) },
];

/** ValidateLeaseSpec: positive duration, non-negative transitions. */
function validateLease(obj: KubeObject): FieldError[] {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const errors: FieldError[] = [];
  const number = (field: string, value: unknown, ok: (n: number) => boolean, why: string): void => {
    if (typeof value === 'number' && !ok(value)) errors.push({ type: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${why}` });
  };
  number('spec.leaseDurationSeconds', spec.leaseDurationSeconds, (n) => n > 0, 'must be greater than 0');
  number('spec.leaseTransitions', spec.leaseTransitions, (n) => n >= 0, 'must be greater than or equal to 0');
  return errors;
}

/**
 * `strategy` and `preferredHolder` belong to the CoordinatedLeaderElection feature, off by
 * default in 1.32: kube drops them unless the stored lease already had them.
 */
function dropGatedLeaseFields(obj: KubeObject, old: KubeObject | undefined): void {
  if (!isPlainObject(obj.spec)) return;
  const oldSpec = old && isPlainObject(old.spec) ? old.spec : {};
  for (const field of ['strategy', 'preferredHolder']) if (oldSpec[field] === undefined) delete obj.spec[field];
}

const leases = builtin({
  group: 'coordination.k8s.io', plural: 'leases', kind: 'Lease', namespaced: true, printer: leasePrinter, schema: builtinSchema('io.k8s.api.coordination.v1.Lease'),
  strategy: {
    prepareForCreate(obj, ctx) {
      decodeTypedFields(obj, LEASE_FIELDS, 'Lease', ctx.version);
      dropGatedLeaseFields(obj, undefined);
    },
    prepareForUpdate(obj, old, ctx) {
      decodeTypedFields(obj, LEASE_FIELDS, 'Lease', ctx.version);
      dropGatedLeaseFields(obj, old);
    },
    validate: validateLease,
    validateUpdate: validateLease,
  },
});

/** Events (both APIs) and leases. */
export const otherTypes: readonly ResourceType[] = [coreEvents, eventsV1Stored, leases];
