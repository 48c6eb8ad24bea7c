/**
 * Go's comparison built-ins (eq, ne, lt, le, gt, ge) with text/template's rules: basic kinds
 * only, integers of any kind compare with each other (signed against unsigned too), integer
 * against float is an error, nil compares with nil.
 *
 * @module
 */
import { sprintf } from '../fmt/print.js';
import { FuncError } from '../funcs/registry.js';
import { GoComplex, GoFloat, GoInt, GoMap, GoSlice, GoFunc, isNil, typeOf, type GoAny, type GoValue, type Reflected } from '../values/value.js';

type BasicKind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

function basicKind(v: GoAny | undefined): BasicKind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return v.type.isUnsigned ? 'uint' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoComplex) return 'complex';
  if (v.type.kind === 'string') return 'string';
  return 'invalid';
}

/** indirectInterface: the nil interface becomes the invalid value. */
function unwrap(v: Reflected): GoValue | undefined {
  return v === null ? undefined : v;
}

function incompatible(a: GoValue, b: GoValue): FuncError {
  return new FuncError(`incompatible types for comparison: ${typeOf(a).name} and ${typeOf(b).name}`);
}

function numberOf(v: GoValue): bigint | number | string | boolean {
  if (v instanceof GoInt || v instanceof GoFloat) return v.v;
  return v as string | boolean;
}

function mixedIntEqual(k1: BasicKind, a: GoValue, k2: BasicKind, b: GoValue): boolean | undefined {
  if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return (a as GoInt).v === (b as GoInt).v;
  return undefined;
}

function compositeEqual(a: GoValue | undefined, b: GoValue | undefined): boolean {
  const ka = a === undefined ? 'invalid' : typeOf(a).kind;
  const kb = b === undefined ? 'invalid' : typeOf(b).kind;
  if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
    throw new FuncError(`non-comparable types ${sprintf('%s', [a!])}: ${typeOf(a!).name}, ${typeOf(b!).name}: ${sprintf('%v', [b!])}`);
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  if (b instanceof GoMap || b instanceof GoSlice || b instanceof GoFunc) {
    throw new FuncError(`non-comparable type ${sprintf('%s', [b])}: ${typeOf(b).name}`);
  }
  return a === b;
}

function equalOne(a: GoValue | undefined, k1: BasicKind, b: GoValue | undefined): boolean {
  const k2 = basicKind(b);
  if (k1 !== k2) {
    const mixed = a !== undefined && b !== undefined ? mixedIntEqual(k1, a, k2, b) : undefined;
    if (mixed !== undefined) return mixed;
    if (a !== undefined && b !== undefined) throw incompatible(a, b);
    return false;
  }
  if (k1 === 'complex') return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
  if (k1 !== 'invalid') return numberOf(a!) === numberOf(b!);
  return compositeEqual(a, b);
}

/** eq arg1 arg2...: arg1 == arg2 || arg1 == arg3 ... */
export function eq(arg1: Reflected, ...rest: Reflected[]): boolean {
  const a = unwrap(arg1);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  return rest.some((arg) => equalOne(a, k1, unwrap(arg)));
}

/** lt arg1 arg2. */
export function lt(arg1: Reflected, arg2: Reflected): boolean {
  const a = unwrap(arg1);
  const b = unwrap(arg2);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return (a as GoInt).v < (b as GoInt).v;
    throw incompatible(a!, b!);
  }
  if (k1 === 'bool' || k1 === 'complex') throw new FuncError('invalid type for comparison');
  return numberOf(a!) < numberOf(b!);
}

/** le: lt or eq. */
export function le(a: Reflected, b: Reflected): boolean {
  return lt(a, b) || eq(a, b);
}
