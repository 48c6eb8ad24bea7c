/**
 * JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7386) over plain JSON values. Inputs are
 * never mutated; errors are {@link PatchError}s whose messages say which operation failed.
 *
 * @module
 */
import { FlotillaError } from '../../util/index.js';

export class PatchError extends FlotillaError {
  constructor(message: string) {
    super('PATCH_FAILED', message);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}": must start with "/"`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(v: Json | undefined): v is Container {
  return typeof v === 'object' && v !== null;
}

function arrayIndex(arr: Json[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`invalid array index "${token}"`);
  const index = Number(token);
  if (index > arr.length || (!forInsert && index === arr.length)) throw new PatchError(`array index ${index} out of bounds`);
  return index;
}

/** Parent container and last token of `path` inside `doc`. */
function locate(doc: Json, path: string): { parent: Container; token: string } {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new PatchError('operations on the document root are not supported');
  let node: Json | undefined = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, false)];
    else if (isContainer(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else node = undefined;
    if (node === undefined) throw new PatchError(`path "${path}" does not exist`);
  }
  if (!isContainer(node)) throw new PatchError(`path "${path}" does not exist`);
  return { parent: node, token: tokens[tokens.length - 1]! };
}

function getAt(doc: Json, path: string): Json {
  if (path === '') return doc;
  const { parent, token } = locate(doc, path);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, token, false)] : Object.hasOwn(parent, token) ? parent[token] : undefined;
  if (value === undefined) throw new PatchError(`path "${path}" does not exist`);
  return value;
}

function add(doc: Json, path: string, value: Json): void {
  const { parent, token } = locate(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, true), 0, value);
  else parent[token] = value;
}

function remove(doc: Json, path: string): Json {
  const { parent, token } = locate(doc, path);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, token, false), 1)[0]!;
  if (!Object.hasOwn(parent, token)) throw new PatchError(`unable to remove nonexistent key: ${token}: missing value`);
  const old = parent[token]!;
  delete parent[token];
  return old;
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isContainer(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k]!)]));
}

function applyOne(doc: Json, op: Operation): void {
  const value = (): Json => {
    if (op.value === undefined) throw new PatchError(`${op.op} operation does not apply: missing value`);
    return structuredClone(op.value);
  };
  switch (op.op) {
    case 'add': return add(doc, op.path, value());
    case 'remove': return void remove(doc, op.path);
    case 'replace':
      remove(doc, op.path);
      return add(doc, op.path, value());
    case 'move': return add(doc, op.path, remove(doc, requireFrom(op)));
    case 'copy': return add(doc, op.path, structuredClone(getAt(doc, requireFrom(op))));
    case 'test':
      if (!deepEqual(getAt(doc, op.path), value())) throw new PatchError(`testing value ${op.path} failed: test failed`);
      return;
    default: throw new PatchError(`Unexpected kind: ${op.op}`);
  }
}

function requireFrom(op: Operation): string {
  if (typeof op.from !== 'string') throw new PatchError(`${op.op} operation does not apply: missing from`);
  return op.from;
}

/** Applies an RFC 6902 patch document (an array of operations) to a copy of `doc`. */
export function applyJsonPatch<T>(doc: T, patch: unknown): T {
  if (!Array.isArray(patch)) throw new PatchError('json patch must be an array of operations');
  const result = structuredClone(doc) as Json;
  for (const op of patch as Operation[]) {
    if (typeof op !== 'object' || op === null || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw new PatchError('json patch operation must have "op" and "path"');
    }
    applyOne(result, op);
  }
  return result as T;
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function applyMergePatch<T>(doc: T, patch: unknown): T {
  return merge(structuredClone(doc) as Json, patch as Json) as T;
}

function merge(target: Json, patch: Json): Json {
  if (!isContainer(patch) || Array.isArray(patch)) return structuredClone(patch);
  const out: { [key: string]: Json } = isContainer(target) && !Array.isArray(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merge(Object.hasOwn(out, key) ? out[key]! : null, value);
  }
  return out;
}
