/**
 * A dynamic client for any kind: objects are plain JSON ({@link KubeObject}), the kind's URL is
 * resolved through cached {@link Discovery}, and every verb controllers use is one method:
 * get, list, create, update (PUT), patch (merge, JSON, strategic, server-side apply), delete,
 * their `/status` forms, and watch. Failures are {@link KubeApiError}s carrying the Status reason.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import { FlotillaError } from '../util/index.js';
import { type ApiResource, type Discovery, groupVersionPath } from './discovery.js';
import { type Status } from './errors.js';
import type { Query, Stream, Transport } from './transport.js';

/** A kind: `{ apiVersion: 'v1', kind: 'Secret' }`. */
export interface GroupVersionKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** A list answer. `metadata.resourceVersion` is the revision a watch continues from. */
export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface ListOptions {
  /** Omit for every namespace (or a cluster-scoped kind). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  readonly signal?: AbortSignal;
}

/** One line of a watch stream. `object` is a Status for `ERROR`. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'continue'> {
  readonly allowWatchBookmarks?: boolean;
  /** Server-side end of the watch. */
  readonly timeoutSeconds?: number;
  /** Watch-list mode: the current state first as ADDED events, then a `k8s.io/initial-events-end` bookmark. */
  readonly sendInitialEvents?: boolean;
  /** The stream fails when nothing arrives for this long. Defaults to timeoutSeconds + 30 s, or 10 minutes. */
  readonly idleTimeoutMs?: number;
  readonly onEvent: (event: WatchEvent) => void;
}

export interface WriteOptions {
  readonly fieldManager?: string;
  readonly dryRun?: boolean;
  readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  readonly signal?: AbortSignal;
}

/** Patch content types: `merge` (RFC 7386), `json` (RFC 6902), `strategic` (built-ins only), `apply` (SSA). */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  readonly type: PatchType;
  readonly namespace?: string;
  /** Server-side apply only: take fields other managers own. */
  readonly force?: boolean;
  readonly subresource?: string;
}

export interface DeleteOptions {
  readonly namespace?: string;
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { uid?: string; resourceVersion?: string };
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

/** The GVK of an object, required on objects given to write methods. */
function gvkOf(obj: KubeObject): GroupVersionKind {
  if (!obj.apiVersion || !obj.kind) throw new FlotillaError('KUBE_OBJECT_INVALID', 'the object needs apiVersion and kind');
  return { apiVersion: obj.apiVersion, kind: obj.kind };
}

function writeQuery(options: WriteOptions | undefined, extra: Query = {}): Query {
  return {
    ...(options?.fieldManager ? { fieldManager: options.fieldManager } : {}),
    ...(options?.dryRun ? { dryRun: 'All' } : {}),
    ...(options?.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
    ...extra,
  };
}

/** Options of {@link KubeClient}. */
export interface KubeClientOptions {
  readonly transport: Transport;
  readonly discovery: Discovery;
  /** Default field manager for writes that do not name one. */
  readonly fieldManager?: string;
}

/** A dynamic client for one cluster. */
export class KubeClient {
  readonly transport: Transport;
  readonly discovery: Discovery;
  readonly #fieldManager: string | undefined;

  constructor(options: KubeClientOptions) {
    this.transport = options.transport;
    this.discovery = options.discovery;
    this.#fieldManager = options.fieldManager;
  }

  /** The resource serving a kind (cached discovery). */
  resourceFor(gvk: GroupVersionKind, signal?: AbortSignal): Promise<ApiResource> {
    return this.discovery.resourceFor(gvk.apiVersion, gvk.kind, signal);
  }

  /** Builds the path of a collection, an object or an object's subresource. */
  async path(gvk: GroupVersionKind, target: { namespace?: string; name?: string; subresource?: string; write?: boolean; signal?: AbortSignal }): Promise<string> {
    const resource = await this.resourceFor(gvk, target.signal);
    let path = groupVersionPath(resource.group, resource.version);
    if (resource.namespaced && target.namespace) path += `/namespaces/${encodeURIComponent(target.namespace)}`;
    else if (resource.namespaced && (target.name !== undefined || target.write)) {
      throw new FlotillaError('KUBE_NAMESPACE_REQUIRED', `${gvk.kind} is namespaced: metadata.namespace is required`);
    }
    path += `/${resource.name}`;
    if (target.name !== undefined) path += `/${encodeURIComponent(target.name)}`;
    if (target.subresource) path += `/${target.subresource}`;
    return path;
  }

  async get<T extends KubeObject = KubeObject>(gvk: GroupVersionKind, name: string, options: { namespace?: string; subresource?: string; signal?: AbortSignal } = {}): Promise<T> {
    const path = await this.path(gvk, { ...options, name });
    return this.transport.request<T>({ method: 'GET', path, ...(options.signal ? { signal: options.signal } : {}) });
  }

  /** One page of a list. Items get `apiVersion` and `kind`, which list answers leave out. */
  async list<T extends KubeObject = KubeObject>(gvk: GroupVersionKind, options: ListOptions = {}): Promise<ObjectList<T>> {
    const path = await this.path(gvk, { ...(options.namespace ? { namespace: options.namespace } : {}), ...signalOf(options) });
    const list = await this.transport.request<ObjectList<T>>({
      method: 'GET', path, ...(options.signal ? { signal: options.signal } : {}),
      query: {
        labelSelector: options.labelSelector || undefined, fieldSelector: options.fieldSelector || undefined, limit: options.limit,
        continue: options.continue || undefined, resourceVersion: options.resourceVersion, resourceVersionMatch: options.resourceVersionMatch,
      },
    });
    list.items ??= [];
    for (const item of list.items) {
      item.apiVersion ??= gvk.apiVersion;
      item.kind ??= gvk.kind;
    }
    return list;
  }

  async create<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    const path = await this.path(gvkOf(obj), { namespace: obj.metadata?.namespace, write: true, ...signalOf(options) });
    return this.transport.request<T>({ method: 'POST', path, body: obj, query: writeQuery(this.#withManager(options)), ...signalOf(options) });
  }

  /** PUT: replaces the object; `metadata.resourceVersion` makes it conditional (409 Conflict when stale). */
  async update<T extends KubeObject>(obj: T, options?: WriteOptions & { subresource?: string }): Promise<T> {
    const path = await this.path(gvkOf(obj), { namespace: obj.metadata?.namespace, name: nameOf(obj), subresource: options?.subresource, ...signalOf(options) });
    return this.transport.request<T>({ method: 'PUT', path, body: obj, query: writeQuery(this.#withManager(options)), ...signalOf(options) });
  }

  /** PUT on `/status`: only the status changes. */
  updateStatus<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.update(obj, { ...options, subresource: 'status' });
  }

  async patch<T extends KubeObject = KubeObject>(gvk: GroupVersionKind, name: string, patch: unknown, options: PatchOptions): Promise<T> {
    const path = await this.path(gvk, { namespace: options.namespace, name, subresource: options.subresource, ...signalOf(options) });
    const withManager = this.#withManager(options);
    if (options.type === 'apply' && !withManager.fieldManager) {
      throw new FlotillaError('KUBE_FIELD_MANAGER_REQUIRED', 'server-side apply requires a field manager');
    }
    return this.transport.request<T>({
      method: 'PATCH', path, body: patch, contentType: PATCH_CONTENT_TYPES[options.type], ...signalOf(options),
      query: writeQuery(withManager, options.force !== undefined && options.type === 'apply' ? { force: options.force } : {}),
    });
  }

  /** PATCH on `/status`. */
  patchStatus<T extends KubeObject = KubeObject>(gvk: GroupVersionKind, name: string, patch: unknown, options: PatchOptions): Promise<T> {
    return this.patch(gvk, name, patch, { ...options, subresource: 'status' });
  }

  /**
   * Server-side apply of a whole object: the fields in `obj` become owned by the field manager.
   * `force` defaults to true, as controllers apply (they own their fields outright).
   */
  apply<T extends KubeObject>(obj: T, options: WriteOptions & { force?: boolean; subresource?: string } = {}): Promise<T> {
    return this.patch(gvkOf(obj), nameOf(obj), obj, {
      ...options, type: 'apply', force: options.force ?? true, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    });
  }

  /** DELETE. Resolves with what the server answers: a Status, or the object when it stays for finalizers. */
  async delete(gvk: GroupVersionKind, name: string, options: DeleteOptions = {}): Promise<KubeObject | Status> {
    const path = await this.path(gvk, { namespace: options.namespace, name, ...signalOf(options) });
    const hasBody = options.propagationPolicy !== undefined || options.gracePeriodSeconds !== undefined || options.preconditions !== undefined;
    const body = hasBody ? {
      kind: 'DeleteOptions', apiVersion: 'v1', ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
      ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
      ...(options.preconditions ? { preconditions: options.preconditions } : {}),
    } : undefined;
    return this.transport.request({
      method: 'DELETE', path, ...(body ? { body } : {}), query: options.dryRun ? { dryRun: 'All' } : {}, ...signalOf(options),
    });
  }

  /** Opens a watch. Resolves once the server accepted it; events arrive through `onEvent`. */
  async watch(gvk: GroupVersionKind, options: WatchOptions): Promise<Stream> {
    const path = await this.path(gvk, { ...(options.namespace ? { namespace: options.namespace } : {}), ...signalOf(options) });
    const idle = options.idleTimeoutMs ?? (options.timeoutSeconds !== undefined ? options.timeoutSeconds * 1000 + 30_000 : 600_000);
    return this.transport.stream({
      path, idleTimeoutMs: idle, ...(options.signal ? { signal: options.signal } : {}),
      query: {
        watch: 'true', labelSelector: options.labelSelector || undefined, fieldSelector: options.fieldSelector || undefined,
        resourceVersion: options.resourceVersion, resourceVersionMatch: options.resourceVersionMatch,
        allowWatchBookmarks: options.allowWatchBookmarks || undefined, timeoutSeconds: options.timeoutSeconds,
        sendInitialEvents: options.sendInitialEvents,
      },
      onLine: (line) => options.onEvent(JSON.parse(line) as WatchEvent),
    });
  }

  #withManager<O extends WriteOptions>(options: O | undefined): WriteOptions {
    const fieldManager = options?.fieldManager ?? this.#fieldManager;
    return { ...options, ...(fieldManager ? { fieldManager } : {}) };
  }
}

function nameOf(obj: KubeObject): string {
  const name = obj.metadata?.name;
  if (!name) throw new FlotillaError('KUBE_OBJECT_INVALID', `the ${obj.kind ?? 'object'} needs metadata.name`);
  return name;
}

function signalOf(options: { signal?: AbortSignal } | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}
