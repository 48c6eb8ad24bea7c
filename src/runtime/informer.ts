/**
 * An informer: a {@link Reflector} feeding an indexed {@link ObjectStore}, and event handlers
 * told about every change (client-go's `SharedIndexInformer`). Handlers run synchronously in
 * event order; they should only enqueue work. A handler added after the first sync is first told
 * about every cached object, as client-go does.
 *
 * Filtered informers (`labelSelector`, `fieldSelector`, `namespace`) keep only what they select,
 * and a transform (by default: drop `metadata.managedFields`) trims what is kept, so memory stays
 * bounded by what controllers need.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import type { GroupVersionKind, KubeClient } from '../kube/index.js';
import { type Clock, type Logger, errorMessage } from '../util/index.js';
import { Reflector, type ReflectorSink } from './reflector.js';
import { type CacheReader, type IndexFunc, ObjectStore, objectKey } from './store.js';

/** Notified of changes, in order. */
export interface EventHandler<T extends KubeObject = KubeObject> {
  /** `isInInitialList` is true for objects of the first list (or replayed to a late handler). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

/** What selects an informer's objects; informers with equal selections can be shared. */
export interface Selection {
  readonly gvk: GroupVersionKind;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface InformerOptions extends Selection {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly indexers?: Readonly<Record<string, IndexFunc>>;
  /** Applied to every object before it is cached. Defaults to {@link stripManagedFields}; pass `null` to keep objects whole. */
  readonly transform?: ((obj: KubeObject) => KubeObject) | null;
  /** Initial state through a sendInitialEvents watch. Defaults to false. */
  readonly watchList?: boolean;
  readonly pageSize?: number;
  readonly minWatchTimeoutSeconds?: number;
  readonly random?: () => number;
  readonly log?: Logger;
  /** Called for list/watch failures (the informer keeps retrying with backoff). */
  readonly onError?: (error: unknown) => void;
}

/** Drops `metadata.managedFields`, which controllers reading from a cache never need. */
export function stripManagedFields(obj: KubeObject): KubeObject {
  if (obj.metadata?.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A shared, indexed cache of one selection of objects, kept in step by list and watch. */
export class Informer<T extends KubeObject = KubeObject> implements CacheReader<T> {
  readonly selection: Selection;
  readonly store: ObjectStore<T>;
  readonly #reflector: Reflector;
  readonly #handlers = new Set<EventHandler<T>>();
  readonly #transform: ((obj: KubeObject) => KubeObject) | null;
  readonly #log: Logger | undefined;
  #synced = false;
  #syncWaiters: (() => void)[] = [];
  #lastError: string | undefined;

  constructor(options: InformerOptions) {
    const { gvk, namespace, labelSelector, fieldSelector } = options;
    this.selection = { gvk, ...(namespace ? { namespace } : {}), ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
    this.store = new ObjectStore<T>(options.indexers);
    this.#transform = options.transform === undefined ? stripManagedFields : options.transform;
    this.#log = options.log;
    const sink: ReflectorSink = {
      replace: (objects) => this.#replace(objects),
      added: (obj) => this.#upsert(obj),
      modified: (obj) => this.#upsert(obj),
      deleted: (obj) => this.#delete(obj),
    };
    this.#reflector = new Reflector({
      ...options, sink,
      onError: (error) => {
        this.#lastError = errorMessage(error);
        options.onError?.(error);
      },
    });
  }

  /** Registers a handler; returns a function that removes it. Cached objects are replayed as adds once synced. */
  addEventHandler(handler: EventHandler<T>): () => void {
    this.#handlers.add(handler);
    if (this.#synced) for (const obj of this.store.list()) this.#call(() => handler.onAdd?.(obj, true));
    return () => void this.#handlers.delete(handler);
  }

  start(): void {
    this.#reflector.start();
  }

  stop(): Promise<void> {
    for (const resolve of this.#syncWaiters.splice(0)) resolve();
    return this.#reflector.stop();
  }

  /** True once the first complete list has been cached. */
  get hasSynced(): boolean {
    return this.#synced;
  }

  /** The last list/watch failure, cleared by the next successful sync. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  get lastSyncResourceVersion(): string {
    return this.#reflector.lastSyncResourceVersion;
  }

  /** Resolves once synced (or stopped); rejects with the signal's reason when it aborts first. */
  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.#synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#syncWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  get(name: string, namespace?: string): T | undefined {
    return this.store.get(name, namespace);
  }

  list(namespace?: string): T[] {
    return this.store.list(namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    return this.store.byIndex(indexName, value);
  }

  get size(): number {
    return this.store.size;
  }

  #prepare(obj: KubeObject): T {
    return (this.#transform ? this.#transform(obj) : obj) as T;
  }

  #replace(objects: KubeObject[]): void {
    const initial = !this.#synced;
    const delta = this.store.replace(objects.map((o) => this.#prepare(o)));
    this.#synced = true;
    this.#lastError = undefined;
    for (const resolve of this.#syncWaiters.splice(0)) resolve();
    for (const obj of delta.added) this.#emit((h) => h.onAdd?.(obj, initial));
    for (const { old, obj } of delta.updated) this.#emit((h) => h.onUpdate?.(old, obj));
    for (const obj of delta.deleted) this.#emit((h) => h.onDelete?.(obj));
  }

  #upsert(raw: KubeObject): void {
    const obj = this.#prepare(raw);
    const old = this.store.getByKey(objectKey(obj));
    if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    this.store.upsert(obj);
    if (old) this.#emit((h) => h.onUpdate?.(old, obj));
    else this.#emit((h) => h.onAdd?.(obj, false));
  }

  #delete(raw: KubeObject): void {
    const old = this.store.remove(objectKey(raw));
    if (!old) return;
    const obj = this.#prepare(raw);
    this.#emit((h) => h.onDelete?.(obj));
  }

  #emit(call: (handler: EventHandler<T>) => void): void {
    for (const handler of this.#handlers) this.#call(() => call(handler));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#log?.error({ err: errorMessage(error), gvk: this.selection.gvk }, 'informer event handler failed');
    }
  }
}
