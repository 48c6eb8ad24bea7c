/**
 * `metadata.managedFields` bookkeeping and server-side apply, as kube-apiserver's field manager
 * (apimachinery `managedfields` over structured-merge-diff's `Updater`):
 *
 * - **Update** (create, update, non-apply patch): fields the write added or changed move to the
 *   writer's `Update` entry (manager, apiVersion, subresource) and leave every other entry;
 *   removed fields leave every entry.
 * - **Apply**: the applied configuration is merged into the live object; fields the applier owned
 *   before and no longer applies are removed unless someone else owns them; changing a field
 *   another manager owns is a conflict (409) unless forced, which takes it over.
 *
 * Entries never record apiVersion, kind, metadata.name/namespace/uid/resourceVersion/generation/
 * creationTimestamp/managedFields; writes through the main resource of a type with a status
 * subresource ignore `status`, and writes through `/status` track only `status`.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import { ApiError } from '../http/status.js';
import type { JsonSchema } from '../schema/types.js';
import { FieldSet, type Path, pathString } from './fieldpath.js';
import { type Comparison, type TypeContext, compare, merge, removeItems, toFieldSet, withNamedFields } from './typed.js';

/** One managedFields entry, decoded. */
export interface ManagerEntry {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly subresource?: string;
  time?: string;
  set: FieldSet;
}

/** What a write is, for the field manager. */
export interface WriteContext extends TypeContext {
  readonly schema: JsonSchema | undefined;
  readonly manager: string;
  readonly apiVersion: string;
  /** `status` for writes through the status subresource. */
  readonly subresource?: string;
  /** The type has a status subresource (main-resource writes then ignore `status`). */
  readonly hasStatus: boolean;
  readonly now: string;
}

const f = (name: string): Path[number] => ({ kind: 'field', name });
/** Fields no entry records (the field manager's stripSet). */
const STRIPPED: readonly Path[] = [
  [f('apiVersion')], [f('kind')], [f('metadata')], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((n) => [f('metadata'), f(n)]),
];

function identity(entry: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([entry.manager, entry.operation, entry.operation === 'Update' ? entry.apiVersion : '', entry.subresource ?? '']);
}

/** Paths a write may not claim: the stripped metadata, and status or everything-but-status depending on the endpoint. */
function ignoredFilter(ctx: WriteContext): (path: Path) => boolean {
  const stripped = FieldSet.fromPaths(STRIPPED);
  return (path) => {
    if (stripped.has(path)) return true;
    const top = path[0]?.kind === 'field' ? path[0].name : undefined;
    if (ctx.subresource === 'status') return top !== 'status';
    return ctx.hasStatus && top === 'status';
  };
}

function without(set: FieldSet, ignored: (path: Path) => boolean): FieldSet {
  return FieldSet.fromPaths([...set.paths()].filter((p) => !ignored(p)));
}

/** Decodes `metadata.managedFields`; malformed entries make the whole list start over (as kube resets it). */
export function decodeManagedFields(value: unknown): ManagerEntry[] {
  if (!Array.isArray(value)) return [];
  try {
    return value.map((raw: unknown) => {
      if (!isPlainObject(raw) || typeof raw.manager !== 'string' || (raw.operation !== 'Apply' && raw.operation !== 'Update')) throw new Error('bad entry');
      return {
        manager: raw.manager, operation: raw.operation, apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
        ...(typeof raw.subresource === 'string' && raw.subresource !== '' ? { subresource: raw.subresource } : {}),
        ...(typeof raw.time === 'string' ? { time: raw.time } : {}),
        set: FieldSet.fromFieldsV1(raw.fieldsV1 ?? {}),
      };
    });
  } catch {
    return [];
  }
}

/** Encodes entries in kube's order (operation, time, manager, apiVersion, subresource). */
export function encodeManagedFields(entries: readonly ManagerEntry[]): Record<string, unknown>[] {
  const sorted = [...entries].filter((e) => !e.set.empty()).sort((a, b) =>
    a.operation.localeCompare(b.operation) || (a.time ?? '').localeCompare(b.time ?? '') || compareStrings(a.manager, b.manager)
    || compareStrings(a.apiVersion, b.apiVersion) || compareStrings(a.subresource ?? '', b.subresource ?? ''));
  return sorted.map((e) => ({
    manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, ...(e.time ? { time: e.time } : {}),
    fieldsType: 'FieldsV1', fieldsV1: e.set.toFieldsV1(), ...(e.subresource ? { subresource: e.subresource } : {}),
  }));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Strips metadata a comparison never looks at. */
function comparable(obj: KubeObject | undefined): KubeObject {
  if (!obj) return {};
  const { metadata, ...rest } = obj;
  const { managedFields: _m, resourceVersion: _r, ...meta } = metadata ?? {};
  return { ...rest, metadata: meta };
}

/** True when the new object asks to reset managedFields (`[]` or `[{}]`). */
function isReset(value: unknown): boolean {
  return Array.isArray(value) && (value.length === 0 || (value.length === 1 && isPlainObject(value[0]) && Object.keys(value[0]).length === 0));
}

/** The entries a write starts from: the new object's, when a client set valid ones, else the live object's. */
function startingEntries(live: KubeObject | undefined, next: KubeObject): ManagerEntry[] {
  const requested = next.metadata?.managedFields;
  if (isReset(requested)) return [];
  const fromRequest = decodeManagedFields(requested);
  return fromRequest.length > 0 ? fromRequest : decodeManagedFields(live?.metadata?.managedFields);
}

/**
 * Records a non-apply write: returns `next` with its managedFields updated. `live` is undefined
 * for a create.
 */
export function recordUpdate(live: KubeObject | undefined, next: KubeObject, ctx: WriteContext): KubeObject {
  const entries = startingEntries(live, next);
  const ignored = ignoredFilter(ctx);
  const diff = compare(comparable(live), comparable(next), ctx.schema, ctx);
  const changed = without(diff.added.union(diff.modified), ignored);
  const removed = diff.removed;
  for (const entry of entries) entry.set = entry.set.difference(changed).difference(removed);
  const own = changed.difference(removed);
  if (!own.empty()) {
    const key = identity({ manager: ctx.manager, operation: 'Update', apiVersion: ctx.apiVersion, ...(ctx.subresource ? { subresource: ctx.subresource } : {}) });
    const existing = entries.find((e) => identity(e) === key);
    if (existing) {
      existing.set = existing.set.union(own);
      existing.time = ctx.now;
    } else {
      entries.push({ manager: ctx.manager, operation: 'Update', apiVersion: ctx.apiVersion, ...(ctx.subresource ? { subresource: ctx.subresource } : {}), time: ctx.now, set: own });
    }
  }
  return withEntries(next, entries);
}

function withEntries(obj: KubeObject, entries: readonly ManagerEntry[]): KubeObject {
  const encoded = encodeManagedFields(entries);
  const metadata = { ...(obj.metadata ?? {}) };
  if (encoded.length > 0) metadata.managedFields = encoded;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

/** A server-side apply conflict: who owns which field. */
export interface Conflict {
  readonly manager: ManagerEntry;
  readonly path: Path;
}

function describeManager(entry: ManagerEntry): string {
  const name = JSON.stringify(entry.manager) + (entry.subresource ? ` with subresource ${JSON.stringify(entry.subresource)}` : '');
  return entry.operation === 'Update' ? `${name} using ${entry.apiVersion}` : name;
}

/** A 409 apply conflict that remembers which fields and managers conflicted. */
export class ApplyConflictError extends ApiError {
  constructor(readonly conflicts: readonly Conflict[], status: ApiError) {
    super(status.httpCode, status.reason, status.message, status.details);
  }
}

/** The 409 kube answers for apply conflicts (apimachinery NewConflictError). */
export function conflictError(conflicts: readonly Conflict[], gr: { group: string; resource: string }, name: string): ApplyConflictError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0]!.manager)}: ${pathString(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(describeManager(c.manager), [...(byManager.get(describeManager(c.manager)) ?? []), pathString(c.path)]);
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApplyConflictError(conflicts, new ApiError(409, 'Conflict', message, {
    name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource,
    causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c.manager)}`, field: pathString(c.path) })),
  }));
}

export interface ApplyResult {
  readonly object: KubeObject;
  /** False when the applied configuration changed nothing but ownership. */
  readonly changed: boolean;
}

/** Paths of `last` (with named ancestors) that nobody owns any more: the fields an apply removes. */
function prunable(last: FieldSet, owned: FieldSet, ctx: WriteContext): FieldSet {
  const candidates = withNamedFields(last, ctx.schema, ctx);
  const kept = withNamedFields(owned, ctx.schema, ctx);
  return FieldSet.fromPaths([...candidates.paths()].filter((p) => !kept.has(p) && !kept.hasBelow(p)));
}

/** The entries an apply starts from; a never-recorded live object gets a "before-first-apply" entry for its fields. */
function liveEntries(live: KubeObject | undefined, liveValue: KubeObject, ctx: WriteContext): ManagerEntry[] {
  const entries = decodeManagedFields(live?.metadata?.managedFields);
  if (!live || entries.length > 0) return entries;
  return [{ manager: 'before-first-apply', operation: 'Update', apiVersion: ctx.apiVersion, set: without(compare({}, liveValue, ctx.schema, ctx).added, ignoredFilter(ctx)) }];
}

/** The fields an applied configuration claims: everything it sets, minus status or non-status per endpoint. */
function claimedFields(config: KubeObject, ctx: WriteContext): FieldSet {
  return FieldSet.fromPaths([...toFieldSet(comparable(config), ctx.schema, ctx).paths()].filter((p) => {
    const top = p[0]?.kind === 'field' ? p[0].name : undefined;
    return ctx.subresource === 'status' ? top === 'status' : !(ctx.hasStatus && top === 'status');
  }));
}

/** Other managers lose the fields the apply changes (a 409 unless forced) and the fields it removes. */
function takeOver(others: readonly ManagerEntry[], diff: Comparison, ctx: { force: boolean; gr: { group: string; resource: string }; name: string }): void {
  const changed = diff.added.union(diff.modified);
  const conflicts = others.flatMap((e) => [...e.set.intersection(changed).paths()].map((path) => ({ manager: e, path })));
  if (conflicts.length > 0 && !ctx.force) throw conflictError(conflicts, ctx.gr, ctx.name);
  for (const e of others) e.set = e.set.difference(changed).difference(diff.removed);
}

/**
 * Server-side apply of `config` onto `live` (undefined: create). Throws the 409 of
 * {@link conflictError} on conflicts unless `force`.
 */
export function applyConfiguration(live: KubeObject | undefined, config: KubeObject, ctx: WriteContext & { force: boolean; gr: { group: string; resource: string }; name: string }): ApplyResult {
  const liveValue = comparable(live);
  const entries = liveEntries(live, liveValue, ctx);
  const subresource = ctx.subresource ? { subresource: ctx.subresource } : {};
  const key = identity({ manager: ctx.manager, operation: 'Apply', apiVersion: '', ...subresource });
  const previous = entries.find((e) => identity(e) === key);
  const others = entries.filter((e) => e !== previous);
  const configSet = claimedFields(config, ctx);
  let merged = merge(liveValue, comparable(config), ctx.schema, ctx) as KubeObject;
  if (previous) {
    const owned = others.reduce((acc, e) => acc.union(e.set), configSet);
    merged = removeItems(merged, prunable(previous.set, owned, ctx), ctx.schema, ctx) as KubeObject;
  }
  takeOver(others, compare(liveValue, merged, ctx.schema, ctx), ctx);
  const objectChanged = !live || JSON.stringify(merged) !== JSON.stringify(liveValue);
  const time = objectChanged ? ctx.now : previous?.time;
  const applied: ManagerEntry = { manager: ctx.manager, operation: 'Apply', apiVersion: ctx.apiVersion, ...subresource, ...(time ? { time } : {}), set: without(configSet, ignoredFilter(ctx)) };
  const resourceVersion = live?.metadata?.resourceVersion;
  const result = { ...merged, metadata: { ...(merged.metadata ?? {}), ...(resourceVersion ? { resourceVersion } : {}) } };
  return { object: withEntries(result, [...others, applied]), changed: objectChanged };
}
