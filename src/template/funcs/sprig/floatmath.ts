/**
 * sprig's float math. addf, add1f, subf, mulf and divf convert each operand with
 * cast.ToFloat64, then to a shopspring/decimal (NewFromFloat: the shortest decimal that
 * round-trips), compute exactly in decimal (division rounds half away from zero to 16
 * places), and convert back to the nearest float64, so `addf 1.1 2.2` is 3.3. maxf, minf,
 * ceil, floor and round work on float64 directly (round uses Go's math.Pow and Modf).
 *
 * @module
 */
import { formatFloat } from '../../fmt/strconv.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { toFloat64 } from './cast.js';
import type { GoAny } from '../../values/value.js';

/** value × 10^exp, exactly. */
interface Decimal {
  readonly value: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat. NaN and infinities panic in shopspring/decimal. */
function fromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new FuncError(`Cannot create a Decimal from ${formatFloat(f, 'g', -1)}`);
  if (f === 0) return { value: 0n, exp: 0 };
  // toExponential() with no argument gives the shortest digits that round-trip, as Go's do.
  const text = Math.abs(f).toExponential();
  const e = text.indexOf('e');
  const digits = text[0]! + text.slice(2, e);
  const value = BigInt(digits);
  return { value: f < 0 ? -value : value, exp: Number(text.slice(e + 1)) - (digits.length - 1) };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function rescalePair(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.value, b.value, a.exp];
  if (a.exp < b.exp) return [a.value, b.value * pow10(b.exp - a.exp), a.exp];
  return [a.value * pow10(a.exp - b.exp), b.value, b.exp];
}

function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = rescalePair(a, b);
  return { value: x + y, exp };
}

function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = rescalePair(a, b);
  return { value: x - y, exp };
}

function mul(a: Decimal, b: Decimal): Decimal {
  return { value: a.value * b.value, exp: a.exp + b.exp };
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const sign = (v: bigint): number => (v > 0n ? 1 : v < 0n ? -1 : 0);

/** decimal.Div: DivRound to 16 places, halves rounded away from zero. */
function div(d: Decimal, d2: Decimal): Decimal {
  if (d2.value === 0n) throw new FuncError('decimal division by 0');
  const precision = DIVISION_PRECISION;
  const scale = -precision;
  const e = d.exp - d2.exp - scale;
  let aa: bigint;
  let bb: bigint;
  let restExp: number;
  if (e < 0) {
    aa = d.value;
    bb = d2.value * pow10(-e);
    restExp = d.exp;
  } else {
    aa = d.value * pow10(e);
    bb = d2.value;
    restExp = scale + d2.exp;
  }
  const q: Decimal = { value: aa / bb, exp: scale };
  const r: Decimal = { value: aa % bb, exp: restExp };
  // Round by comparing 2·|r|·10^precision with |d2|.
  const twice: Decimal = { value: abs(r.value) * 2n, exp: r.exp + precision };
  const [x, y] = rescalePair(twice, { value: abs(d2.value), exp: d2.exp });
  if (x < y) return q;
  const unit: Decimal = { value: 1n, exp: -precision };
  return sign(d.value) * sign(d2.value) < 0 ? sub(q, unit) : add(q, unit);
}

/** decimal.Float64: the float64 nearest to the exact value. */
function toFloat(d: Decimal): number {
  return Number(`${d.value}e${d.exp}`);
}

type DecimalOp = (a: Decimal, b: Decimal) => Decimal;

/** sprig's execDecimalOp: folds `op` over the operands (already float64) in decimal. */
function decimalOp(first: number, rest: readonly number[], op: DecimalOp): number {
  let acc = fromFloat(first);
  for (const x of rest) acc = op(acc, fromFloat(x));
  return toFloat(acc);
}

const floats = (values: readonly GoAny[]): number[] => values.map(toFloat64);

/** Go's math.Frexp for finite non-zero values: [frac in [0.5, 1), exp]. */
function frexp(value: number): [number, number] {
  if (value === 0 || !Number.isFinite(value)) return [value, 0];
  // Scale subnormals up first so that the powers of two below stay representable.
  const shift = Math.abs(value) < 2 ** -1000 ? -100 : 0;
  const f = shift === 0 ? value : value * 2 ** 100;
  let exp = Math.floor(Math.log2(Math.abs(f))) + 1;
  let frac = f * 2 ** -exp;
  while (Math.abs(frac) >= 1) {
    frac /= 2;
    exp++;
  }
  while (Math.abs(frac) < 0.5) {
    frac *= 2;
    exp--;
  }
  return [frac, exp + shift];
}

/** Go's math.Ldexp: frac × 2^exp with a single rounding for subnormal results. */
function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e0] = frexp(frac);
  const e = e0 + exp;
  if (e > 1024) return f < 0 ? -Infinity : Infinity;
  if (e < -1075 - 53) return f < 0 ? -0 : 0;
  if (e < -1021) return f * 2 ** (e + 53) * 2 ** -53;
  // 2^1024 itself is not a double: scale in two exact steps.
  return e > 1023 ? f * 2 * 2 ** (e - 1) : f * 2 ** e;
}

/**
 * Go's math.Pow(10, n) for an integer n: repeated squaring of Frexp(10), then Ldexp. It
 * differs from JS's `10 ** n` in the last bit for some negative n, and round's output shows it.
 */
export function goPow10(n: number): number {
  if (n === 0) return 1;
  if (n === 1) return 10;
  const y = Math.abs(n);
  if (y >= 2 ** 63) return n > 0 ? Infinity : 0;
  let a1 = 1;
  let ae = 0;
  let [x1, xe] = frexp(10);
  for (let i = y; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (n < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** sprig's round: half away from zero by default, at `places` decimal places, with an optional threshold. */
function round(a: GoAny, places: number, roundOn: readonly number[]): number {
  const threshold = roundOn.length > 0 ? roundOn[0]! : 0.5;
  const val = toFloat64(a);
  const pow = goPow10(places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= threshold ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** Float math functions. */
export const floatMathFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'add1f', params: ['interface {}'], result: 'float64', impl: (_ctx, i) => decimalOp(toFloat64(i), [1], add) }),
  defineFunc({ name: 'addf', params: [], variadic: 'interface {}', result: 'float64', impl: (_ctx, ...values) => decimalOp(0, floats(values), add) }),
  defineFunc({ name: 'subf', params: ['interface {}'], variadic: 'interface {}', result: 'float64', impl: (_ctx, a, ...values) => decimalOp(toFloat64(a), floats(values), sub) }),
  defineFunc({ name: 'divf', params: ['interface {}'], variadic: 'interface {}', result: 'float64', impl: (_ctx, a, ...values) => decimalOp(toFloat64(a), floats(values), div) }),
  defineFunc({ name: 'mulf', params: ['interface {}'], variadic: 'interface {}', result: 'float64', impl: (_ctx, a, ...values) => decimalOp(toFloat64(a), floats(values), mul) }),
  defineFunc({
    name: 'maxf',
    params: ['interface {}'],
    variadic: 'interface {}',
    result: 'float64',
    impl: (_ctx, a, ...values) => values.reduce((m: number, v) => Math.max(m, toFloat64(v)), toFloat64(a)),
  }),
  defineFunc({
    name: 'minf',
    params: ['interface {}'],
    variadic: 'interface {}',
    result: 'float64',
    impl: (_ctx, a, ...values) => values.reduce((m: number, v) => Math.min(m, toFloat64(v)), toFloat64(a)),
  }),
  defineFunc({ name: 'ceil', params: ['interface {}'], result: 'float64', impl: (_ctx, a) => Math.ceil(toFloat64(a)) }),
  defineFunc({ name: 'floor', params: ['interface {}'], result: 'float64', impl: (_ctx, a) => Math.floor(toFloat64(a)) }),
  defineFunc({ name: 'round', params: ['interface {}', 'int'], variadic: 'float64', result: 'float64', impl: (_ctx, a, p, ...rOpt) => round(a, p, rOpt) }),
];
