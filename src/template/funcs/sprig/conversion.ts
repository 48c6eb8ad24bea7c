/**
 * sprig's conversion functions: atoi (strconv.Atoi, error dropped), int, int64, float64
 * (spf13/cast 1.10, see cast.ts) and toDecimal (octal text to an integer).
 *
 * @module
 */
import { formatValue } from '../../fmt/print.js';
import { defineFunc, type FuncDef } from '../registry.js';
import { exactInt, toFloat64, toInt64 } from './cast.js';
import { atoi, parseInt } from './goparse.js';

/** sprig's toDecimal: fmt.Sprint(v) parsed as base-8 int64; any error gives 0. */
function toDecimal(text: string): bigint {
  const parsed = parseInt(text, 8);
  return parsed.error === undefined ? parsed.value : 0n;
}

/** Conversion functions. */
export const conversionFuncs: readonly FuncDef[] = [
  // strconv.Atoi keeps the clamped value on overflow and 0 on a syntax error.
  defineFunc({ name: 'atoi', params: ['string'], result: 'int', impl: (_ctx, s) => exactInt(atoi(s).value) }),
  defineFunc({ name: 'int64', params: ['interface {}'], result: 'int64', impl: (_ctx, v) => toInt64(v) }),
  defineFunc({ name: 'int', params: ['interface {}'], result: 'int', impl: (_ctx, v) => exactInt(toInt64(v)) }),
  defineFunc({ name: 'float64', params: ['interface {}'], result: 'float64', impl: (_ctx, v) => toFloat64(v) }),
  defineFunc({ name: 'toDecimal', params: ['interface {}'], result: 'int64', impl: (_ctx, v) => toDecimal(formatValue(v)) }),
];
