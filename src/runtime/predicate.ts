/**
 * Event filters (controller-runtime `pkg/predicate`): a predicate decides, per create, update,
 * delete or generic event, whether it should reach the work queue. A missing method lets the
 * event through. The usual ones filter updates that did not change what a controller cares about.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import { isDeepStrictEqual } from 'node:util';

export interface Predicate<T extends KubeObject = KubeObject> {
  create?(obj: T): boolean;
  update?(oldObj: T, newObj: T): boolean;
  delete?(obj: T): boolean;
  /** Events from mapping sources that are neither create, update nor delete. */
  generic?(obj: T): boolean;
}

/** Passes updates whose `metadata.generation` changed (spec changes of CRs); other events pass. */
export const generationChanged: Predicate = {
  update: (o, n) => o.metadata?.generation !== n.metadata?.generation,
};

/** Passes updates whose labels changed. */
export const labelsChanged: Predicate = {
  update: (o, n) => !isDeepStrictEqual(o.metadata?.labels ?? {}, n.metadata?.labels ?? {}),
};

/** Passes updates whose annotations changed. */
export const annotationsChanged: Predicate = {
  update: (o, n) => !isDeepStrictEqual(o.metadata?.annotations ?? {}, n.metadata?.annotations ?? {}),
};

/** Passes updates whose resourceVersion changed (drops resync-style no-op updates). */
export const resourceVersionChanged: Predicate = {
  update: (o, n) => o.metadata?.resourceVersion !== n.metadata?.resourceVersion,
};

/** Applies one object filter to every event (the new object for updates). */
export function objectFilter<T extends KubeObject = KubeObject>(filter: (obj: T) => boolean): Predicate<T> {
  return { create: filter, update: (_o, n) => filter(n), delete: filter, generic: filter };
}

type Verb = 'create' | 'delete' | 'generic';

function check<T extends KubeObject>(p: Predicate<T>, verb: Verb, obj: T): boolean {
  if (verb === 'create') return p.create ? p.create(obj) : true;
  if (verb === 'delete') return p.delete ? p.delete(obj) : true;
  return p.generic ? p.generic(obj) : true;
}

function checkUpdate<T extends KubeObject>(p: Predicate<T>, o: T, n: T): boolean {
  return p.update ? p.update(o, n) : true;
}

/** Combines predicates with `every` (and) or `some` (or). */
function combine<T extends KubeObject>(mode: 'every' | 'some', ps: Predicate<T>[]): Predicate<T> {
  const all = (test: (p: Predicate<T>) => boolean): boolean => (mode === 'every' ? ps.every(test) : ps.some(test));
  return {
    create: (obj) => all((p) => check(p, 'create', obj)),
    update: (o, n) => all((p) => checkUpdate(p, o, n)),
    delete: (obj) => all((p) => check(p, 'delete', obj)),
    generic: (obj) => all((p) => check(p, 'generic', obj)),
  };
}

/** Passes an event when every predicate does. */
export function and<T extends KubeObject = KubeObject>(...ps: Predicate<T>[]): Predicate<T> {
  return combine('every', ps);
}

/** Passes an event when any predicate does. */
export function or<T extends KubeObject = KubeObject>(...ps: Predicate<T>[]): Predicate<T> {
  return combine('some', ps);
}

/** Inverts a predicate. */
export function not<T extends KubeObject = KubeObject>(p: Predicate<T>): Predicate<T> {
  return {
    create: (obj) => !check(p, 'create', obj),
    update: (o, n) => !checkUpdate(p, o, n),
    delete: (obj) => !check(p, 'delete', obj),
    generic: (obj) => !check(p, 'generic', obj),
  };
}

/** True when every predicate lets the event through. */
export function allow<T extends KubeObject>(ps: readonly Predicate<T>[], verb: Verb, obj: T): boolean {
  for (const p of ps) if (!check(p, verb, obj)) return false;
  return true;
}

/** True when every predicate lets the update through. */
export function allowUpdate<T extends KubeObject>(ps: readonly Predicate<T>[], o: T, n: T): boolean {
  for (const p of ps) if (!checkUpdate(p, o, n)) return false;
  return true;
}
