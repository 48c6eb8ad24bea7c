/**
 * Server-side printing of the built-in kinds: the columns and cells kube-apiserver's printers
 * (`pkg/printers/internalversion`) produce for the types Flotilla serves. The server always
 * prints the wide form; kubectl hides columns with a priority above 0 unless `-o wide`.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { ageOf } from './duration.js';

/** A column of a `meta.k8s.io/v1` Table. */
export interface TableColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

/** How one kind prints: its columns and the cells of one object's row. */
export interface TablePrinter {
  readonly columns: readonly TableColumnDefinition[];
  cells(obj: KubeObject, nowMs: number): unknown[];
}

export const NAME_DESCRIPTION = 'Name must be unique within a namespace. Only alphanumerics, "-" and "." are allowed, and the name cannot be changed after creation.';
export const CREATED_DESCRIPTION = 'The server time at which the object was created, in RFC 3339 form (UTC). Set by the server; read-only.';

/** Builds a column definition; `format` and `priority` default to empty and 0. */
export function column(name: string, type: string, description: string, extra: { format?: string; priority?: number } = {}): TableColumnDefinition {
  return { name, type, format: extra.format ?? '', description, priority: extra.priority ?? 0 };
}

const NAME = column('Name', 'string', NAME_DESCRIPTION, { format: 'name' });
const AGE = column('Age', 'string', CREATED_DESCRIPTION);

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isPlainObject(value) ? Object.keys(value).length : 0;
}

const field = (obj: KubeObject, ...path: string[]): unknown => {
  let current: unknown = obj;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
};

const age = (obj: KubeObject, now: number): string => ageOf(obj.metadata?.creationTimestamp, now);

/** Name and Age: kube's default for types without their own printer. */
export const objectMetaPrinter: TablePrinter = {
  columns: [NAME, AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', age(obj, now)],
};

/** Name and "Created At" (RFC 3339): the default table of types served without printers (rest.NewDefaultTableConvertor). */
export const createdAtPrinter: TablePrinter = {
  columns: [NAME, column('Created At', 'date', CREATED_DESCRIPTION)],
  cells: (obj) => [obj.metadata?.name ?? '', obj.metadata?.creationTimestamp ?? null],
};

export const namespacePrinter: TablePrinter = {
  columns: [NAME, column('Status', 'string', 'The status of the namespace'), AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', str(field(obj, 'status', 'phase')), age(obj, now)],
};

export const secretPrinter: TablePrinter = {
  columns: [NAME, column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'), column('Data', 'string', 'The secret data: keys and base64-encoded values.'), AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', str(obj.type), sizeOf(obj.data), age(obj, now)],
};

export const configMapPrinter: TablePrinter = {
  columns: [NAME, column('Data', 'string', 'The configuration data.'), AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', sizeOf(obj.data) + sizeOf(obj.binaryData), age(obj, now)],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: [NAME, column('Secrets', 'string', 'Secrets pods running as this service account may use.'), AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', sizeOf(obj.secrets), age(obj, now)],
};

export const leasePrinter: TablePrinter = {
  columns: [NAME, column('Holder', 'string', 'The identity of the current holder of the lease.'), AGE],
  cells: (obj, now) => [obj.metadata?.name ?? '', str(field(obj, 'spec', 'holderIdentity')), age(obj, now)],
};

function eventSource(obj: KubeObject): string {
  const component = str(field(obj, 'source', 'component')) || str(obj.reportingComponent);
  const instance = str(field(obj, 'source', 'host')) || str(obj.reportingInstance);
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventTimes(obj: KubeObject, now: number): { first: string; last: string; count: number } {
  const first = obj.firstTimestamp ? ageOf(obj.firstTimestamp, now) : ageOf(obj.eventTime, now);
  let last = obj.lastTimestamp ? ageOf(obj.lastTimestamp, now) : first;
  let count = typeof obj.count === 'number' ? obj.count : 0;
  if (isPlainObject(obj.series)) {
    last = ageOf(obj.series.lastObservedTime, now);
    count = typeof obj.series.count === 'number' ? obj.series.count : 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API carry no count
  }
  return { first, last, count };
}

/** core/v1 Events (events.k8s.io/v1 Events are printed after conversion to core/v1). */
export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning).'),
    column('Reason', 'string', 'A short, machine-understandable reason for the transition into the object\'s current status.'),
    column('Object', 'string', 'The object this event is about.'),
    column('Subobject', 'string', 'The part of the object this event is about, if any.', { priority: 1 }),
    column('Source', 'string', 'The component reporting this event.', { priority: 1 }),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded.', { priority: 1 }),
    column('Count', 'string', 'The number of times this event has occurred.', { priority: 1 }),
    column('Name', 'string', NAME_DESCRIPTION, { priority: 1, format: 'name' }),
  ],
  cells(obj, now) {
    const { first, last, count } = eventTimes(obj, now);
    const kind = str(field(obj, 'involvedObject', 'kind')).toLowerCase();
    const name = str(field(obj, 'involvedObject', 'name'));
    return [
      last, str(obj.type), str(obj.reason), name === '' ? kind : `${kind}/${name}`, str(field(obj, 'involvedObject', 'fieldPath')),
      eventSource(obj), str(obj.message), first, count, obj.metadata?.name ?? '',
    ];
  },
};
