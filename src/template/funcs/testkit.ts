/**
 * Helpers for unit tests of template functions: a deterministic FuncContext and a way to call a
 * function of a library by name, as the evaluator would after checking argument types.
 *
 * @module
 */
import { ManualClock } from '../../util/index.js';
import type { Reflected } from '../values/value.js';
import { FuncError, seededRandom, type FuncContext, type FuncLibrary } from './registry.js';

/** A context with a manual clock at `nowMs`, a seeded random source, zone UTC and the given root. */
export function testContext(options: { nowMs?: number; seed?: number; root?: Reflected; zone?: string } = {}): FuncContext {
  return {
    clock: new ManualClock(options.nowMs ?? Date.UTC(2024, 0, 2, 3, 4, 5)),
    random: seededRandom(options.seed ?? 1),
    zone: options.zone ?? 'UTC',
    root: options.root,
  };
}

/** Calls `name` from `lib` with already-typed Go arguments. */
export function callFunc(lib: FuncLibrary, name: string, args: readonly Reflected[], ctx: FuncContext = testContext()): Reflected {
  const def = lib.get(name);
  if (def === undefined) throw new Error(`no function ${name}`);
  return def.invoke(ctx, args);
}

/** The FuncError message a call fails with, or undefined when it succeeds. */
export function callError(lib: FuncLibrary, name: string, args: readonly Reflected[], ctx?: FuncContext): string | undefined {
  try {
    callFunc(lib, name, args, ctx);
    return undefined;
  } catch (e) {
    if (e instanceof FuncError) return e.message;
    throw e;
  }
}
