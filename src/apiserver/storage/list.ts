/**
 * LIST semantics: label and field selectors, `limit`/`continue` as a consistent snapshot (the
 * continue token carries the revision, as kube's etcd3 store does), `resourceVersion` and
 * `resourceVersionMatch`.
 *
 * @module
 */
import { type FieldRequirement, fieldsMatch } from '../../api/field-selector.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { KubeObject } from '../../api/object.js';
import { CompactedError, StoreError } from '../../store/index.js';
import { CONTINUE_EXPIRED_MESSAGE, badRequest, expired, fromStoreError, tooLargeResourceVersion } from '../http/status.js';
import type { ResourceType } from '../registry/types.js';
import { type ResourceScope, scopePrefix } from './codec.js';
import type { GenericStore } from './generic-store.js';

export interface ListQuery {
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: readonly FieldRequirement[];
  readonly limit?: number;
  readonly continueToken?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

export interface ListPage {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
  readonly continueToken?: string;
}

interface ContinueToken {
  readonly v: string;
  readonly rv: number;
  readonly start: string;
}

/** The value a field selector compares for `field` on `obj`. */
export function fieldValue(type: ResourceType, obj: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return obj.metadata?.name;
  if (field === 'metadata.namespace') return obj.metadata?.namespace ?? '';
  return type.strategy.selectableFields?.[field]?.(obj);
}

/**
 * Throws 400 for fields the type cannot select on, worded like the type's field label
 * conversion in kube: built-ins without one use apimachinery's default (metadata.name and
 * metadata.namespace only); the others, and custom resources, accept `metadata.namespace` only
 * when namespaced.
 */
export function checkSelectableFields(type: ResourceType, requirements: readonly FieldRequirement[]): void {
  const defaultConversion = type.origin.kind === 'builtin' && !type.strategy.selectableFields;
  for (const r of requirements) {
    if (r.field === 'metadata.name' || type.strategy.selectableFields?.[r.field]) continue;
    if (r.field === 'metadata.namespace' && (defaultConversion || type.namespaced)) continue;
    throw badRequest(defaultConversion
      ? `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`
      : `field label not supported: ${r.field}`);
  }
}

/** True when `obj` passes both selectors. */
export function matchesQuery(type: ResourceType, obj: KubeObject, query: Pick<ListQuery, 'labelSelector' | 'fieldSelector'>): boolean {
  if (query.labelSelector && !query.labelSelector.matches(obj.metadata?.labels)) return false;
  return !query.fieldSelector || fieldsMatch(query.fieldSelector, (f) => fieldValue(type, obj, f));
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${start}\u0000` })).toString('base64');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as ContinueToken;
    if (parsed.v !== 'meta.k8s.io/v1' || !Number.isInteger(parsed.rv) || typeof parsed.start !== 'string') throw new Error('bad');
    return parsed;
  } catch {
    throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  }
}

/** Parses a resourceVersion query value: undefined for "", a number otherwise. @throws 400 */
export function parseResourceVersion(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw badRequest(`invalid resource version: ${text}`);
  return Number(text);
}

function continueAt(store: GenericStore, query: ListQuery): { revision: number; start: string } {
  if (query.resourceVersion && query.resourceVersion !== '0') throw badRequest('specifying resource version is not allowed when using continue');
  const token = decodeContinue(query.continueToken!);
  if (token.rv < store.backend.compactRevision()) throw expired(CONTINUE_EXPIRED_MESSAGE);
  return { revision: token.rv, start: token.start.endsWith('\u0000') ? token.start.slice(0, -1) : token.start };
}

/** Which revision a list reads at, per resourceVersion and resourceVersionMatch. */
function readRevision(store: GenericStore, query: ListQuery): { revision: number; start: string } {
  if (query.continueToken) return continueAt(store, query);
  const rv = parseResourceVersion(query.resourceVersion);
  const current = store.backend.currentRevision();
  if (query.resourceVersionMatch && rv === undefined) {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  if (rv === undefined || rv === 0) return { revision: current, start: '' };
  if (query.resourceVersionMatch === 'Exact') {
    if (rv > current) throw tooLargeResourceVersion(rv, current);
    return { revision: rv, start: '' };
  }
  if (query.resourceVersionMatch && query.resourceVersionMatch !== 'NotOlderThan') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${query.resourceVersionMatch}": supported values: "Exact", "NotOlderThan", ""`);
  }
  if (rv > current) throw tooLargeResourceVersion(rv, current);
  return { revision: current, start: '' };
}

interface Scan {
  readonly items: KubeObject[];
  /** Key (relative to the prefix) of the last item returned, when more keys follow. */
  readonly continueFrom?: string;
}

/** Reads pages of the store until `limit` matching items are found or the keys run out. */
function scanPages(store: GenericStore, scope: ResourceScope, query: ListQuery, at: { prefix: string; revision: number; startAfter: string }): Scan {
  const limit = query.limit && query.limit > 0 ? query.limit : 0;
  const items: KubeObject[] = [];
  let startAfter = at.startAfter;
  for (;;) {
    const page = store.backend.list({ prefix: at.prefix, revision: at.revision, limit: limit > 0 ? Math.max(limit, 100) : 0, startAfter });
    for (let i = 0; i < page.kvs.length; i++) {
      const kv = page.kvs[i]!;
      const obj = store.codec.decode(kv, scope.type);
      if (!matchesQuery(scope.type, obj, query)) continue;
      items.push(obj);
      if (items.length !== limit) continue;
      const more = i < page.kvs.length - 1 || page.more;
      return more ? { items, continueFrom: kv.key.slice(at.prefix.length) } : { items };
    }
    if (!page.more) return { items };
    startAfter = page.kvs[page.kvs.length - 1]!.key;
  }
}

/** Lists the scope at one revision, filtered and paginated. Items are in the scope's version. */
export async function listObjects(store: GenericStore, scope: ResourceScope, query: ListQuery): Promise<ListPage> {
  const { revision, start } = readRevision(store, query);
  const prefix = scopePrefix(scope);
  let scan: Scan;
  try {
    scan = scanPages(store, scope, query, { prefix, revision, startAfter: start === '' ? '' : prefix + start });
  } catch (error) {
    if (error instanceof CompactedError) throw expired(query.continueToken ? CONTINUE_EXPIRED_MESSAGE : `too old resource version: ${error.requested} (${error.compacted})`);
    if (error instanceof StoreError) throw fromStoreError(error, { group: scope.type.group, resource: scope.type.names.plural }, '');
    throw error;
  }
  const { items, continueFrom } = scan;
  const presented = await Promise.all(items.map((obj) => store.present(scope, obj)));
  return {
    items: presented,
    resourceVersion: String(revision),
    ...(continueFrom !== undefined ? { continueToken: encodeContinue(revision, continueFrom) } : {}),
  };
}
