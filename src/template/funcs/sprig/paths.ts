/**
 * sprig's path functions: Go's `path` package (base, dir, clean, ext, isAbs) and
 * `path/filepath` (osBase, osDir, osClean, osExt, osIsAbs), which on Linux, where controllers
 * run, behave exactly like `path`. Only ASCII `/` and `.` matter, so JS string indexes stand in
 * for Go's byte indexes.
 *
 * @module
 */
import { defineFunc, type FuncDef } from '../registry.js';

/** path.Clean: the shortest equivalent path, by purely lexical processing. */
export function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path[0] === '/';
  // `dotdot` marks where a ".." can no longer back up: the root, or leading "../.." elements.
  let out = rooted ? '/' : '';
  let dotdot = out.length;
  const base = out.length;
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element !== '..') out += (out.length > base ? '/' : '') + element;
    else if (out.length > dotdot) out = out.slice(0, Math.max(out.lastIndexOf('/'), dotdot));
    else if (!rooted) {
      out += out.length > 0 ? '/..' : '..';
      dotdot = out.length;
    }
  }
  return out === '' ? '.' : out;
}

/** path.Base: the last element, trailing slashes removed. */
export function base(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last === '' ? '/' : last;
}

/** path.Dir: all but the last element, cleaned. */
export function dir(path: string): string {
  return clean(path.slice(0, path.lastIndexOf('/') + 1));
}

/** path.Ext: the suffix from the last dot of the last element. */
export function ext(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

const pathFunc = (name: string, f: (p: string) => string): FuncDef =>
  defineFunc({ name, params: ['string'], result: 'string', impl: (_ctx, p) => f(p) });

const isAbs = (name: string): FuncDef => defineFunc({ name, params: ['string'], result: 'bool', impl: (_ctx, p) => p.startsWith('/') });

/** Path functions. */
export const pathFuncs: readonly FuncDef[] = [
  pathFunc('base', base),
  pathFunc('dir', dir),
  pathFunc('clean', clean),
  pathFunc('ext', ext),
  isAbs('isAbs'),
  pathFunc('osBase', base),
  pathFunc('osClean', clean),
  pathFunc('osDir', dir),
  pathFunc('osExt', ext),
  isAbs('osIsAbs'),
];
