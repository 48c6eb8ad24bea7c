/**
 * Field paths and field sets of server-side apply (structured-merge-diff's `fieldpath`), and
 * their `FieldsV1` encoding in `metadata.managedFields`:
 *
 * - a path element is a struct field or map key (`f:name`), a list item identified by its key
 *   fields (`k:{"name":"x"}`), a set item identified by its value (`v:"a"`), or an index (`i:0`);
 * - a set is a tree; a node that is itself in the set and also has children is written with a
 *   `".": {}` entry, exactly as kube-apiserver writes it.
 *
 * @module
 */

/** One step of a path. */
export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly (readonly [string, unknown])[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type Path = readonly PathElement[];

const RANK = { field: 0, key: 1, value: 2, index: 3 } as const;

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** structured-merge-diff's PathElement ordering: fields, then keys, then values, then indexes. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  switch (a.kind) {
    case 'field': return compareValues(a.name, (b as typeof a).name);
    case 'value': return compareValues(a.value, (b as typeof a).value);
    case 'index': return a.index - (b as typeof a).index;
    case 'key': {
      const other = (b as typeof a).fields;
      for (let i = 0; i < Math.min(a.fields.length, other.length); i++) {
        const byName = compareValues(a.fields[i]![0], other[i]![0]);
        if (byName !== 0) return byName;
        const byValue = compareValues(a.fields[i]![1], other[i]![1]);
        if (byValue !== 0) return byValue;
      }
      return a.fields.length - other.length;
    }
  }
}

/** The FieldsV1 key of an element (`f:name`, `k:{…}`, `v:…`, `i:3`). */
export function serializeElement(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `f:${pe.name}`;
    case 'key': return `k:${JSON.stringify(Object.fromEntries(pe.fields))}`;
    case 'value': return `v:${JSON.stringify(pe.value)}`;
    case 'index': return `i:${pe.index}`;
  }
}

/** Parses a FieldsV1 key. @throws Error on a malformed key */
export function parseElement(text: string): PathElement {
  const body = text.slice(2);
  switch (text.slice(0, 2)) {
    case 'f:': return { kind: 'field', name: body };
    case 'v:': return { kind: 'value', value: JSON.parse(body) as unknown };
    case 'i:': return { kind: 'index', index: Number.parseInt(body, 10) };
    case 'k:': {
      const fields = JSON.parse(body) as Record<string, unknown>;
      return { kind: 'key', fields: Object.entries(fields).sort(([a], [b]) => compareValues(a, b)) };
    }
    default: throw new Error(`invalid path element ${JSON.stringify(text)}`);
  }
}

/** A Go %v of a value as structured-merge-diff prints it in paths. */
function printValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** A path as conflict messages print it: `.spec.containers[name="x"].image`, `.metadata.finalizers[="a"]`. */
export function pathString(path: Path): string {
  return path.map((pe) => {
    switch (pe.kind) {
      case 'field': return `.${pe.name}`;
      case 'key': return `[${pe.fields.map(([k, v]) => `${k}=${printValue(v)}`).join(',')}]`;
      case 'value': return `[=${printValue(pe.value)}]`;
      case 'index': return `[${pe.index}]`;
    }
  }).join('');
}

/** A set of paths, as a tree keyed by serialized elements. */
export class FieldSet {
  /** Whether the path leading to this node is itself in the set. */
  member = false;
  readonly children = new Map<string, { readonly pe: PathElement; readonly set: FieldSet }>();

  static fromPaths(paths: Iterable<Path>): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  insert(path: Path): void {
    path.reduce<FieldSet>((node, pe) => node.#child(pe), this).member = true;
  }

  has(path: Path): boolean {
    return this.#node(path)?.member === true;
  }

  /** The node at `path` (members and children below it), if any. */
  #node(path: Path): FieldSet | undefined {
    return path.reduce<FieldSet | undefined>((node, pe) => node?.children.get(serializeElement(pe))?.set, this);
  }

  /** True when some member lies strictly below `path`. */
  hasBelow(path: Path): boolean {
    const node = this.#node(path);
    return node !== undefined && [...node.children.values()].some((c) => !c.set.empty());
  }

  #child(pe: PathElement): FieldSet {
    const key = serializeElement(pe);
    let entry = this.children.get(key);
    if (!entry) {
      entry = { pe, set: new FieldSet() };
      this.children.set(key, entry);
    }
    return entry.set;
  }

  empty(): boolean {
    return !this.member && [...this.children.values()].every((c) => c.set.empty());
  }

  /** Every member path, parents before children. */
  *paths(prefix: PathElement[] = []): Generator<Path> {
    if (this.member && prefix.length > 0) yield [...prefix];
    for (const { pe, set } of this.children.values()) yield* set.paths([...prefix, pe]);
  }

  clone(): FieldSet {
    return FieldSet.fromPaths(this.paths());
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.fromPaths([...this.paths(), ...other.paths()]);
  }

  /** Members of this set that are not members of `other` (children of removed members stay). */
  difference(other: FieldSet): FieldSet {
    return FieldSet.fromPaths([...this.paths()].filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.fromPaths([...this.paths()].filter((p) => other.has(p)));
  }

  /** The FieldsV1 JSON of this set. */
  toFieldsV1(): Record<string, unknown> {
    return this.#emit(false);
  }

  #emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const entries = [...this.children.values()].filter((c) => !c.set.empty()).sort((a, b) => comparePathElements(a.pe, b.pe));
    if (includeSelf && entries.length > 0) out['.'] = {};
    for (const { pe, set } of entries) out[serializeElement(pe)] = set.#emit(set.member);
    return out;
  }

  /** Parses FieldsV1 JSON. @throws Error on malformed input */
  static fromFieldsV1(json: unknown): FieldSet {
    const set = new FieldSet();
    const visit = (node: unknown, prefix: PathElement[]): void => {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Error('FieldsV1 entries must be objects');
      const keys = Object.keys(node);
      if (prefix.length > 0 && (keys.length === 0 || keys.includes('.'))) set.insert(prefix);
      for (const key of keys) if (key !== '.') visit((node as Record<string, unknown>)[key], [...prefix, parseElement(key)]);
    };
    visit(json, []);
    return set;
  }
}
