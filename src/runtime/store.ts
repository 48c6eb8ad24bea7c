/**
 * The informer's object store with indexers (client-go `cache.Indexer`): objects by
 * `namespace/name` key, plus any number of named indexes, each an {@link IndexFunc} from an
 * object to the values it is filed under. The `namespace` index always exists, so listing one
 * namespace never scans the whole cache.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';

/** The values an object is filed under in one index (none: not indexed). */
export type IndexFunc = (obj: KubeObject) => readonly string[];

/** Name of the built-in namespace index. */
export const NAMESPACE_INDEX = 'namespace';

/** Indexes objects by their namespace (client-go `MetaNamespaceIndexFunc`). */
export const namespaceIndexFunc: IndexFunc = (obj) => [obj.metadata?.namespace ?? ''];

/** Indexes objects by the value of one label; objects without it are left out. */
export function labelIndexFunc(labelKey: string): IndexFunc {
  return (obj) => {
    const value = obj.metadata?.labels?.[labelKey];
    return value === undefined ? [] : [value];
  };
}

/** The store key of an object: `namespace/name`, or `name` when cluster-scoped (client-go `MetaNamespaceKeyFunc`). */
export function objectKey(obj: KubeObject): string {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** The key of a namespace and name. */
export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Read access to an informer's cache (client-node's `ObjectCache`, plus indexes). */
export interface CacheReader<T extends KubeObject = KubeObject> {
  get(name: string, namespace?: string): T | undefined;
  /** Every object, or those of one namespace. */
  list(namespace?: string): T[];
  /** Objects filed under `value` in the index `indexName`. @throws Error for an unknown index. */
  byIndex(indexName: string, value: string): T[];
  readonly size: number;
}

/** What changed when the store's content was replaced by a fresh list. */
export interface ReplaceDelta<T> {
  readonly added: T[];
  readonly updated: { readonly old: T; readonly obj: T }[];
  readonly deleted: T[];
}

/** Objects by key, with indexes kept up to date on every write. */
export class ObjectStore<T extends KubeObject = KubeObject> implements CacheReader<T> {
  readonly #items = new Map<string, T>();
  readonly #indexers = new Map<string, IndexFunc>();
  /** index name → value → keys */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Readonly<Record<string, IndexFunc>> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: namespaceIndexFunc, ...indexers });
  }

  /** Adds indexes; existing objects are indexed at once. @throws Error when a name is taken. */
  addIndexers(indexers: Readonly<Record<string, IndexFunc>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.#indexers.has(name)) throw new Error(`indexer "${name}" already exists`);
      this.#indexers.set(name, fn);
      this.#indices.set(name, new Map());
      for (const [key, obj] of this.#items) this.#file(name, fn, key, obj);
    }
  }

  hasIndex(name: string): boolean {
    return this.#indexers.has(name);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.#items.get(keyOf(namespace, name));
  }

  getByKey(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.#items.values()];
    return this.byIndex(NAMESPACE_INDEX, namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.#indices.get(indexName);
    if (!index) throw new Error(`index "${indexName}" does not exist`);
    const keys = index.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const key of keys) out.push(this.#items.get(key)!);
    return out;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Adds or replaces an object; returns the previous one. */
  upsert(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.#items.get(key);
    if (old) this.#unfileAll(key, old);
    this.#items.set(key, obj);
    for (const [name, fn] of this.#indexers) this.#file(name, fn, key, obj);
    return old;
  }

  /** Removes an object by key; returns it. */
  remove(key: string): T | undefined {
    const old = this.#items.get(key);
    if (!old) return undefined;
    this.#unfileAll(key, old);
    this.#items.delete(key);
    return old;
  }

  /** Replaces the whole content with `objects`; returns what was added, changed (by resourceVersion) and removed. */
  replace(objects: readonly T[]): ReplaceDelta<T> {
    const delta: ReplaceDelta<T> = { added: [], updated: [], deleted: [] };
    const seen = new Set<string>();
    for (const obj of objects) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.upsert(obj);
      if (!old) delta.added.push(obj);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) delta.updated.push({ old, obj });
    }
    for (const key of [...this.#items.keys()]) {
      if (!seen.has(key)) delta.deleted.push(this.remove(key)!);
    }
    return delta;
  }

  #file(indexName: string, fn: IndexFunc, key: string, obj: T): void {
    const index = this.#indices.get(indexName)!;
    for (const value of fn(obj)) {
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  #unfileAll(key: string, obj: T): void {
    for (const [name, fn] of this.#indexers) {
      const index = this.#indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
