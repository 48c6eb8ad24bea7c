/**
 * Shared informers of one cluster (controller-runtime's `cache.Cache`, client-go's
 * `SharedInformerFactory`): one informer per distinct selection (kind, namespace, label and field
 * selectors), however many controllers watch it. Informers asked for after `start` start at once.
 *
 * @module
 */
import type { KubeClient } from '../kube/index.js';
import type { Clock, Logger } from '../util/index.js';
import { Informer, type InformerOptions, type Selection } from './informer.js';
import type { IndexFunc } from './store.js';

/** Informer settings every informer of a cache shares. */
export type InformerDefaults = Partial<Pick<InformerOptions, 'transform' | 'watchList' | 'pageSize' | 'minWatchTimeoutSeconds' | 'random'>>;

export interface InformerCacheOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly defaults?: InformerDefaults;
  /** Told about every list/watch failure of every informer. */
  readonly onError?: (error: unknown, selection: Selection) => void;
}

/** The identity of a selection. */
export function selectionKey(s: Selection): string {
  return [s.gvk.apiVersion, s.gvk.kind, s.namespace ?? '', s.labelSelector ?? '', s.fieldSelector ?? ''].join('|');
}

/** Informers of one cluster, shared by selection. */
export class InformerCache {
  readonly client: KubeClient;
  readonly #o: InformerCacheOptions;
  readonly #informers = new Map<string, Informer>();
  #started = false;
  #stopped = false;

  constructor(options: InformerCacheOptions) {
    this.#o = options;
    this.client = options.client;
  }

  /** The informer of a selection, created (and started, if the cache runs) on first use. Extra indexers are added to it. */
  informerFor(selection: Selection, indexers: Readonly<Record<string, IndexFunc>> = {}): Informer {
    const key = selectionKey(selection);
    let informer = this.#informers.get(key);
    if (!informer) {
      informer = new Informer({
        ...this.#o.defaults, ...selection, client: this.#o.client, clock: this.#o.clock, indexers,
        ...(this.#o.log ? { log: this.#o.log } : {}),
        onError: (error) => this.#o.onError?.(error, selection),
      });
      this.#informers.set(key, informer);
      if (this.#started && !this.#stopped) informer.start();
      return informer;
    }
    const fresh = Object.fromEntries(Object.entries(indexers).filter(([name]) => !informer.store.hasIndex(name)));
    if (Object.keys(fresh).length > 0) informer.store.addIndexers(fresh);
    return informer;
  }

  /** Starts every informer, and those created later. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const informer of this.#informers.values()) informer.start();
  }

  /** True when every informer has synced. */
  get hasSynced(): boolean {
    for (const informer of this.#informers.values()) if (!informer.hasSynced) return false;
    return true;
  }

  /** Resolves once every current informer has synced. */
  async waitForSync(signal?: AbortSignal): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
  }

  informers(): Informer[] {
    return [...this.#informers.values()];
  }

  /** Stops every informer. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#informers.values()].map((i) => i.stop()));
  }
}
