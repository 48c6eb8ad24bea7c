/**
 * The resource registry of one logical cluster: which types it serves, looked up by URL
 * (group, version, plural) or by name. Built-in types are shared by every cluster (one frozen
 * index, no per-cluster copy, so idle clusters stay cheap); custom types are registered and
 * unregistered at run time, when CRDs come and go.
 *
 * @module
 */
import type { ResourceType } from './types.js';
import { groupResource } from './types.js';

/** The built-in types, indexed once and shared by all clusters. */
export class BuiltinTypes {
  readonly all: readonly ResourceType[];
  readonly #byGroupResource: ReadonlyMap<string, ResourceType>;

  constructor(types: readonly ResourceType[]) {
    this.all = types;
    this.#byGroupResource = new Map(types.map((t) => [groupResource(t), t]));
  }

  get(groupResourceName: string): ResourceType | undefined {
    return this.#byGroupResource.get(groupResourceName);
  }
}

/** A registry change, for caches such as discovery and OpenAPI. */
export type RegistryListener = (change: { readonly type: 'registered' | 'unregistered'; readonly resource: ResourceType }) => void;

/** A group and the versions it serves, in preference order (discovery's `APIGroup`). */
export interface ServedGroup {
  readonly name: string;
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

/** Orders Kubernetes version strings by preference (GA > beta > alpha, higher first), as kube's `CompareKubeAwareVersionStrings`. */
export function compareVersionPriority(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [stability, Number(m[1]), Number(m[3] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i]! - pa[i]!;
    return 0;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class ResourceRegistry {
  readonly #builtins: BuiltinTypes;
  /** Custom types by `plural.group`; allocated on first registration. */
  #custom: Map<string, ResourceType> | undefined;
  #listeners: Set<RegistryListener> | undefined;

  constructor(builtins: BuiltinTypes) {
    this.#builtins = builtins;
  }

  /** The type served at `/apis/<group>/<version>/<plural>`, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const type = this.get(group === '' ? plural : `${plural}.${group}`);
    return type?.versions.some((v) => v.name === version && v.served) ? type : undefined;
  }

  /** A type by `plural.group` (or plural for core), whatever versions it serves. */
  get(groupResourceName: string): ResourceType | undefined {
    return this.#custom?.get(groupResourceName) ?? this.#builtins.get(groupResourceName);
  }

  /** The type of a group and kind (how ownerReferences name their owner), if served. */
  byKind(group: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.names.kind === kind);
  }

  /** Every type: built-ins first, then custom types in registration order. */
  all(): ResourceType[] {
    return [...this.#builtins.all, ...(this.#custom?.values() ?? [])];
  }

  /** Groups served, with their versions by preference (for `/api`, `/apis` and `/apis/<group>`). */
  groups(): ServedGroup[] {
    const versions = new Map<string, Set<string>>();
    for (const type of this.all()) {
      const set = versions.get(type.group) ?? new Set<string>();
      for (const v of type.versions) if (v.served) set.add(v.name);
      versions.set(type.group, set);
    }
    return [...versions].filter(([, set]) => set.size > 0).map(([name, set]) => {
      const sorted = [...set].sort(compareVersionPriority);
      return { name, versions: sorted, preferredVersion: sorted[0]! };
    });
  }

  /** Types served in one group-version (discovery's `APIResourceList`). */
  typesIn(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.versions.some((v) => v.name === version && v.served));
  }

  /**
   * Adds or replaces a custom type. A built-in type cannot be shadowed.
   * @throws Error when the name belongs to a built-in type.
   */
  register(type: ResourceType): void {
    const name = groupResource(type);
    if (this.#builtins.get(name)) throw new Error(`${name} is a built-in resource and cannot be redefined`);
    (this.#custom ??= new Map()).set(name, type);
    this.#emit({ type: 'registered', resource: type });
  }

  /** Removes a custom type; a no-op when absent. */
  unregister(groupResourceName: string): void {
    const type = this.#custom?.get(groupResourceName);
    if (!type) return;
    this.#custom!.delete(groupResourceName);
    this.#emit({ type: 'unregistered', resource: type });
  }

  /** Subscribes to registrations; returns the unsubscribe function. */
  onChange(listener: RegistryListener): () => void {
    (this.#listeners ??= new Set()).add(listener);
    return () => void this.#listeners?.delete(listener);
  }

  #emit(change: Parameters<RegistryListener>[0]): void {
    for (const listener of this.#listeners ?? []) listener(change);
  }
}
