/**
 * The function registry: how a template function is declared, how the evaluator converts
 * arguments to it (Go's assignability rules, so errors read exactly as Go's), how it fails, and
 * how profiles (`builtins`, `sprig`, `sveltos`, `eso`) are assembled. See ../README.md for a
 * walk-through aimed at function authors.
 *
 * @module
 */
import type { Clock } from '../../util/index.js';
import { GoType, T, mapOf, sliceOf } from '../values/types.js';
import { GoFloat, goInt, type GoAny, type GoMap, type GoSlice, type GoValue, type Reflected } from '../values/value.js';

/** Random numbers for sprig's rand*, uuidv4, shuffle, key generation. Injected so tests are repeatable. */
export interface RandomSource {
  /** Fills `bytes` with random bytes and returns it. */
  fill(bytes: Uint8Array): Uint8Array;
}

/** Cryptographically random bytes from the platform (`crypto.getRandomValues`). */
export const cryptoRandom: RandomSource = {
  fill(bytes) {
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    return bytes;
  },
};

/**
 * A deterministic generator (xorshift128+ seeded by splitmix64) for tests and fuzzing. Not for
 * secrets.
 */
export function seededRandom(seed: number): RandomSource {
  let state = BigInt.asUintN(64, BigInt(seed));
  const splitmix = (): bigint => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
  return {
    fill(bytes) {
      for (let i = 0; i < bytes.length; i += 8) {
        let word = splitmix();
        for (let j = i; j < Math.min(i + 8, bytes.length); j++) {
          bytes[j] = Number(word & 0xffn);
          word >>= 8n;
        }
      }
      return bytes;
    },
  };
}

/** What every function call receives besides its arguments. */
export interface FuncContext {
  /** Time for now/date/ago; tests pass a ManualClock. */
  readonly clock: Clock;
  /** Randomness for rand*, uuidv4, shuffle, key generation. */
  readonly random: RandomSource;
  /**
   * IANA zone used where Go would use time.Local (sprig's `date`, `toDate`). Controllers run
   * with TZ=UTC, so the default is `UTC`.
   */
  readonly zone: string;
  /**
   * The data the top-level template was executed with (Go's `$` there). Root-bound functions
   * such as Sveltos' getResource/copy/setField read and mutate it, like the closures Sveltos
   * builds over its currentClusterObjects.
   */
  readonly root: Reflected;
  /** Environment seen by sprig's `env`/`expandenv` (Sveltos profile); absent = empty. Never process.env. */
  readonly env?: ReadonlyMap<string, string>;
}

/**
 * A failure inside a template function. The evaluator reports it as Go does:
 * `error calling NAME: MESSAGE`. Throw it both for functions that return `(T, error)` in Go
 * and for Go panics (`runtime error: integer divide by zero`): Go prints both the same way.
 */
export class FuncError extends Error {
  override readonly name = 'FuncError';
}

/**
 * A declared function. Use {@link defineFunc} to build one: it converts arguments from Go
 * values to JS values according to the declared parameter types.
 */
export interface FuncDef {
  readonly name: string;
  /** Go types of the fixed parameters. */
  readonly params: readonly GoType[];
  /** Element type of the trailing `...` parameter, if the function is variadic. */
  readonly variadic: GoType | undefined;
  /** Go type of the (first) result. */
  readonly result: GoType;
  /** True when the Go function returns `(T, error)`. Informative: failures are thrown either way. */
  readonly returnsError: boolean;
  /**
   * Runs the function on arguments already checked against the parameter types (Go values, one
   * per parameter, variadic ones flattened) and returns a Go value of the result type.
   */
  readonly invoke: (ctx: FuncContext, args: readonly Reflected[]) => Reflected;
}

/** Parameter/result types with a JS representation; any other {@link GoType} passes the Go value through. */
interface NativeOf {
  'string': string;
  'bool': boolean;
  'int': number;
  'int8': number;
  'int16': number;
  'int32': number;
  'uint8': number;
  'uint16': number;
  'uint32': number;
  'int64': bigint;
  'uint': bigint;
  'uint64': bigint;
  'float32': number;
  'float64': number;
  'interface {}': GoAny;
  'map[string]interface {}': GoMap;
  'map[string]string': GoMap;
  '[]interface {}': GoSlice;
  '[]string': GoSlice;
  '[]uint8': GoSlice;
  'reflect.Value': Reflected;
}

/** A type written by name (`'string'`, `'int64'`, `'interface {}'`…) or as a {@link GoType}. */
export type TypeSpec = keyof NativeOf | GoType;

/** The JS type a function implementation sees for a parameter (or returns for a result) of type S. */
export type Native<S extends TypeSpec> = S extends keyof NativeOf ? NativeOf[S] : GoValue;
type NativeTuple<P extends readonly TypeSpec[]> = { [K in keyof P]: P[K] extends TypeSpec ? Native<P[K]> : never };
type Rest<V> = V extends TypeSpec ? Native<V>[] : [];

const NAMED: Record<keyof NativeOf, GoType> = {
  'string': T.string,
  'bool': T.bool,
  'int': T.int,
  'int8': T.int8,
  'int16': T.int16,
  'int32': T.int32,
  'uint8': T.uint8,
  'uint16': T.uint16,
  'uint32': T.uint32,
  'int64': T.int64,
  'uint': T.uint,
  'uint64': T.uint64,
  'float32': T.float32,
  'float64': T.float64,
  'interface {}': T.any,
  'map[string]interface {}': T.mapStringAny,
  'map[string]string': T.mapStringString,
  '[]interface {}': T.sliceAny,
  '[]string': T.sliceString,
  '[]uint8': T.sliceByte,
  'reflect.Value': T.reflectValue,
};

/** The GoType a spec names. */
export function typeFromSpec(spec: TypeSpec): GoType {
  return spec instanceof GoType ? spec : NAMED[spec];
}

const BIGINT_KINDS = new Set(['int64', 'uint', 'uint64', 'uintptr']);

/** Go value (already assignable to `type`) → the JS value an implementation sees. */
export function toNative(type: GoType, v: Reflected): unknown {
  if (type === T.reflectValue) return v;
  if (v === undefined) return null;
  if (type.isInt) {
    const big = (v as { v: bigint }).v;
    return BIGINT_KINDS.has(type.kind) ? big : Number(big);
  }
  if (type.isFloat) return (v as GoFloat).v;
  return v;
}

/** The JS value an implementation returned → a Go value of type `type`. */
export function fromNative(type: GoType, v: unknown): Reflected {
  if (type.isInt) {
    if (typeof v !== 'number' && typeof v !== 'bigint') throw new TypeError(`function result: expected a number for ${type.name}`);
    return goInt(type, typeof v === 'number' ? Math.trunc(v) : v);
  }
  if (type.isFloat) {
    if (typeof v !== 'number') throw new TypeError(`function result: expected a number for ${type.name}`);
    return new GoFloat(type, v);
  }
  return v as Reflected;
}

/** The declaration a function author writes. */
export interface FuncSpec<P extends readonly TypeSpec[], V extends TypeSpec | undefined, R extends TypeSpec> {
  readonly name: string;
  readonly params: P;
  /** Element type of a trailing `...` parameter. */
  readonly variadic?: V;
  readonly result: R;
  /** True when the Go function returns `(T, error)`. */
  readonly returnsError?: boolean;
  /** The implementation: receives the context and the converted arguments; throws FuncError to fail. */
  readonly impl: (ctx: FuncContext, ...args: [...NativeTuple<P>, ...Rest<V>]) => Native<R>;
}

/**
 * Declares a template function with Go parameter and result types.
 *
 * @example
 * const repeat = defineFunc({
 *   name: 'repeat', params: ['int', 'string'], result: 'string',
 *   impl: (_ctx, count, str) => str.repeat(Math.max(0, count)),
 * });
 */
export function defineFunc<const P extends readonly TypeSpec[], const V extends TypeSpec | undefined = undefined, const R extends TypeSpec = TypeSpec>(
  spec: FuncSpec<P, V, R>,
): FuncDef {
  const params = spec.params.map(typeFromSpec);
  const variadic = spec.variadic === undefined ? undefined : typeFromSpec(spec.variadic);
  const result = typeFromSpec(spec.result);
  const impl = spec.impl as (ctx: FuncContext, ...args: unknown[]) => unknown;
  const fixed = params.length;
  return {
    name: spec.name,
    params,
    variadic,
    result,
    returnsError: spec.returnsError ?? false,
    invoke: (ctx, args) => {
      const natives = new Array<unknown>(args.length);
      for (let i = 0; i < args.length; i++) natives[i] = toNative(i < fixed ? params[i]! : variadic!, args[i]);
      return fromNative(result, impl(ctx, ...natives));
    },
  };
}

/** A set of functions by name (a FuncMap). Later entries override earlier ones, as in Go's Funcs. */
export type FuncLibrary = ReadonlyMap<string, FuncDef>;

/** Builds a library from function lists; a later definition of a name replaces an earlier one. */
export function library(...groups: ReadonlyArray<readonly FuncDef[] | FuncLibrary>): FuncLibrary {
  const out = new Map<string, FuncDef>();
  for (const group of groups) {
    for (const def of group instanceof Map ? (group as FuncLibrary).values() : (group as readonly FuncDef[])) out.set(def.name, def);
  }
  return out;
}

/** A copy of `lib` without the named functions (ESO removes env, expandenv, getHostByName). */
export function without(lib: FuncLibrary, ...names: string[]): FuncLibrary {
  const out = new Map(lib);
  for (const name of names) out.delete(name);
  return out;
}

/** The `map[string]map[string]interface {}` type of Sveltos' MgmtResources. */
export const mapStringMapStringAny = mapOf(T.string, T.mapStringAny);

/** `[]map[string]interface {}`. */
export const sliceMapStringAny = sliceOf(T.mapStringAny);
