/**
 * Kind → resource resolution from discovery (`/api/v1`, `/apis/{group}/{version}`), the part of
 * client-go's RESTMapper a dynamic client needs. Each group-version's `APIResourceList` is
 * fetched once and cached; a kind missing from the cache refetches its group-version (a CRD may
 * have just been established), at most once per `minRefreshMs`, before failing with
 * {@link NoKindMatchError}.
 *
 * @module
 */
import { parseApiVersion } from '../api/object.js';
import type { Clock } from '../util/index.js';
import { NoKindMatchError, isNotFound } from './errors.js';
import type { Transport } from './transport.js';

/** What the client needs to know about a resource to build its URLs. */
export interface ApiResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural, as in URLs (`secrets`). */
  readonly name: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  /** Subresource names served (`status`, `scale`). */
  readonly subresources: ReadonlySet<string>;
}

interface RawResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  group?: string;
  version?: string;
}

interface GroupVersionEntry {
  readonly byKind: Map<string, ApiResource>;
  readonly fetchedAt: number;
}

/** The group-version's discovery path (`/api/v1`, `/apis/apps/v1`). */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

export interface DiscoveryOptions {
  readonly transport: Transport;
  readonly clock: Clock;
  /** Minimum time between two fetches of one group-version caused by misses. Defaults to 1 s. */
  readonly minRefreshMs?: number;
}

/** A cached, refresh-on-miss discovery client for one cluster. */
export class Discovery {
  readonly #options: DiscoveryOptions;
  readonly #cache = new Map<string, GroupVersionEntry>();
  readonly #inflight = new Map<string, Promise<GroupVersionEntry>>();

  constructor(options: DiscoveryOptions) {
    this.#options = options;
  }

  /**
   * The resource serving `kind` in `apiVersion`.
   * @throws NoKindMatchError when the server does not serve it, even after a refresh.
   */
  async resourceFor(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResource> {
    const cached = this.#cache.get(apiVersion);
    const hit = cached?.byKind.get(kind);
    if (hit) return hit;
    const minRefresh = this.#options.minRefreshMs ?? 1000;
    const fresh = cached && this.#options.clock.now() - cached.fetchedAt < minRefresh ? cached : await untilAborted(this.#fetch(apiVersion), signal);
    const found = fresh.byKind.get(kind);
    if (!found) throw new NoKindMatchError(kind, apiVersion);
    return found;
  }

  /** Forgets one group-version (or everything), for example after a CRD was deleted. */
  invalidate(apiVersion?: string): void {
    if (apiVersion === undefined) this.#cache.clear();
    else this.#cache.delete(apiVersion);
  }

  #fetch(apiVersion: string): Promise<GroupVersionEntry> {
    let pending = this.#inflight.get(apiVersion);
    if (!pending) {
      pending = this.#load(apiVersion).finally(() => this.#inflight.delete(apiVersion));
      this.#inflight.set(apiVersion, pending);
    }
    return pending;
  }

  async #load(apiVersion: string): Promise<GroupVersionEntry> {
    const { group, version } = parseApiVersion(apiVersion);
    let resources: RawResource[] = [];
    try {
      const list = await this.#options.transport.request<{ resources?: RawResource[] }>({ method: 'GET', path: groupVersionPath(group, version) });
      resources = list?.resources ?? [];
    } catch (error) {
      // An unknown group-version is an empty one: the caller reports the kind as unmatched.
      if (!isNotFound(error)) throw error;
    }
    const entry: GroupVersionEntry = { byKind: indexByKind(group, version, resources), fetchedAt: this.#options.clock.now() };
    this.#cache.set(apiVersion, entry);
    return entry;
  }
}

function indexByKind(group: string, version: string, resources: readonly RawResource[]): Map<string, ApiResource> {
  const subresources = new Map<string, Set<string>>();
  for (const r of resources) {
    const slash = r.name.indexOf('/');
    if (slash < 0) continue;
    const parent = r.name.slice(0, slash);
    if (!subresources.has(parent)) subresources.set(parent, new Set());
    subresources.get(parent)!.add(r.name.slice(slash + 1));
  }
  const byKind = new Map<string, ApiResource>();
  for (const r of resources) {
    if (r.name.includes('/')) continue;
    byKind.set(r.kind, {
      group, version, kind: r.kind, name: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [],
      subresources: subresources.get(r.name) ?? new Set(),
    });
  }
  return byKind;
}

/** The promise, or a rejection as soon as the signal aborts (the shared fetch itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the request was cancelled');
}
