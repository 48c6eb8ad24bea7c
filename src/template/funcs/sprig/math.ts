/**
 * sprig's integer arithmetic (add, add1, sub, div, mod, mul, max/biggest, min, randInt) and
 * integer sequences (until, untilStep, seq). Operands go through cast.ToInt64, so strings,
 * floats (truncated), bools and nil are accepted; results are int64 and wrap around on overflow
 * as Go's do; division by zero fails with Go's runtime error.
 *
 * @module
 */
import { T } from '../../values/types.js';
import { GoSlice, goInt, wrapInt, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef, type RandomSource } from '../registry.js';
import { exactInt, toInt64 } from './cast.js';
import { checkItems } from './limits.js';
import { randomBelow } from './randstrings.js';

const wrap64 = (v: bigint): bigint => wrapInt(T.int64, v);

function divide(a: GoAny, b: GoAny, op: 'div' | 'mod'): bigint {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) throw new FuncError('runtime error: integer divide by zero');
  // BigInt division truncates toward zero like Go's; MinInt64 / -1 wraps back to MinInt64.
  return wrap64(op === 'div' ? x / y : x % y);
}

function extreme(first: GoAny, rest: readonly GoAny[], pick: (a: bigint, b: bigint) => boolean): bigint {
  let best = toInt64(first);
  for (const v of rest) {
    const n = toInt64(v);
    if (pick(n, best)) best = n;
  }
  return best;
}

/** sprig's untilStep: [start, stop) by step; an empty list when the step goes the wrong way. */
export function untilStep(start: number, stop: number, step: number, name = 'untilStep'): number[] {
  if (stop < start ? step >= 0 : step <= 0) return [];
  checkItems(Math.ceil((stop - start) / step), name);
  const out: number[] = [];
  if (stop < start) for (let i = start; i > stop; i += step) out.push(i);
  else for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

const intSlice = (values: readonly number[]): GoSlice => new GoSlice(T.sliceInt, values.map((v) => goInt(T.int, v)));

/** sprig's seq: like GNU seq, `seq END`, `seq START END`, `seq START STEP END`, as text. */
function seq(params: readonly number[]): string {
  let start: number;
  let end: number;
  let step: number;
  switch (params.length) {
    case 1:
      [start, end] = [1, params[0]!];
      step = end < start ? -1 : 1;
      return untilStep(start, end + step, step, 'seq').join(' ');
    case 2:
      [start, end] = [params[0]!, params[1]!];
      step = end < start ? -1 : 1;
      return untilStep(start, end + step, step, 'seq').join(' ');
    case 3: {
      [start, step, end] = [params[0]!, params[1]!, params[2]!];
      const increment = end < start ? -1 : 1;
      if (end < start && step > 0) return '';
      return untilStep(start, end + increment, step, 'seq').join(' ');
    }
    default:
      return '';
  }
}

/** Integer math and sequence functions. */
export const mathFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'add1', params: ['interface {}'], result: 'int64', impl: (_ctx, i) => wrap64(toInt64(i) + 1n) }),
  defineFunc({
    name: 'add',
    params: [],
    variadic: 'interface {}',
    result: 'int64',
    impl: (_ctx, ...values) => values.reduce((sum: bigint, v) => wrap64(sum + toInt64(v)), 0n),
  }),
  defineFunc({ name: 'sub', params: ['interface {}', 'interface {}'], result: 'int64', impl: (_ctx, a, b) => wrap64(toInt64(a) - toInt64(b)) }),
  defineFunc({ name: 'div', params: ['interface {}', 'interface {}'], result: 'int64', impl: (_ctx, a, b) => divide(a, b, 'div') }),
  defineFunc({ name: 'mod', params: ['interface {}', 'interface {}'], result: 'int64', impl: (_ctx, a, b) => divide(a, b, 'mod') }),
  defineFunc({
    name: 'mul',
    params: ['interface {}'],
    variadic: 'interface {}',
    result: 'int64',
    impl: (_ctx, a, ...values) => values.reduce((product: bigint, v) => wrap64(product * toInt64(v)), toInt64(a)),
  }),
  defineFunc({ name: 'biggest', params: ['interface {}'], variadic: 'interface {}', result: 'int64', impl: (_ctx, a, ...rest) => extreme(a, rest, (n, best) => n > best) }),
  defineFunc({ name: 'max', params: ['interface {}'], variadic: 'interface {}', result: 'int64', impl: (_ctx, a, ...rest) => extreme(a, rest, (n, best) => n > best) }),
  defineFunc({ name: 'min', params: ['interface {}'], variadic: 'interface {}', result: 'int64', impl: (_ctx, a, ...rest) => extreme(a, rest, (n, best) => n < best) }),
  defineFunc({
    name: 'randInt',
    params: ['int', 'int'],
    result: 'int',
    impl: (ctx, min, max) => {
      const n = wrap64(BigInt(max) - BigInt(min));
      if (n <= 0n) throw new FuncError('invalid argument to Intn');
      const draw = n <= 2n ** 53n ? BigInt(randomBelow(ctx.random, Number(n))) : randomBigBelow(ctx.random, n);
      return exactInt(wrap64(draw + BigInt(min)));
    },
  }),
  defineFunc({ name: 'until', params: ['int'], result: T.sliceInt, impl: (_ctx, count) => intSlice(untilStep(0, count, count < 0 ? -1 : 1, 'until')) }),
  defineFunc({ name: 'untilStep', params: ['int', 'int', 'int'], result: T.sliceInt, impl: (_ctx, start, stop, step) => intSlice(untilStep(start, stop, step)) }),
  defineFunc({ name: 'seq', params: [], variadic: 'int', result: 'string', impl: (_ctx, ...params) => seq(params) }),
];

/** A random bigint in [0, n) for n beyond 2^53 (rejection sampling on n's bit length). */
function randomBigBelow(random: RandomSource, n: bigint): bigint {
  const mask = (1n << BigInt(n.toString(2).length)) - 1n;
  const bytes = new Uint8Array(8);
  for (;;) {
    random.fill(bytes);
    let x = 0n;
    for (const b of bytes) x = (x << 8n) | BigInt(b);
    x &= mask;
    if (x < n) return x;
  }
}
