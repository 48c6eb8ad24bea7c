/**
 * spf13/cast v1.10.0's ToInt64, ToInt and ToFloat64 as sprig calls them (errors dropped, so
 * anything unconvertible is 0):
 *
 * - integers of any kind (named ones such as time.Month too) convert with Go's wrap-around,
 *   floats truncate toward zero (out of range or NaN gives math.MinInt64, as amd64 does),
 *   `true` is 1, nil is 0;
 * - strings: "" is 0; integers parse with base prefixes (`0x1F`, `0o17`, `017` octal, `0b1`)
 *   after cast 1.10's trimDecimal drops a decimal part (`"1.9"` → 1); floats parse with
 *   strconv.ParseFloat; a parse error (or overflow) gives 0;
 * - anything else (maps, slices, structs, complex numbers) is 0.
 *
 * @module
 */
import { GoFloat, GoInt, wrapInt, type GoAny } from '../../values/value.js';
import { T } from '../../values/types.js';
import { parseFloat, parseInt } from './goparse.js';

/**
 * An exact integer for a function declared with an `'int'` result. The registry types such
 * results as JS numbers but converts bigints exactly too, which matters beyond 2^53.
 */
export function exactInt(v: bigint): number {
  return v as unknown as number;
}

const MIN_INT64 = -(2n ** 63n);
const TWO_63 = 2 ** 63;

/** Go's float64 → int64 conversion on amd64: truncation, MinInt64 when out of range or NaN. */
export function floatToInt64(f: number): bigint {
  if (!(f >= -TWO_63 && f < TWO_63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

const STRING_NUMBER = /^([-+]?[0-9]*)(\.[0-9]*)?$/;

/** cast 1.10's trimDecimal: `"1.9"` → `"1"`, `"-.5"` → `"-0"`, anything not a plain decimal unchanged. */
function trimDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const m = STRING_NUMBER.exec(s);
  if (m === null) return s;
  const head = m[1]!;
  if (head === '-' || head === '+') return `${head}0`;
  return head === '' ? '0' : head;
}

/** The numeric content of `v` when cast converts it without parsing, or undefined. */
function numericOf(v: GoAny): bigint | number | undefined {
  if (v === null) return 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof GoInt) return v.v;
  if (v instanceof GoFloat) return v.v;
  return undefined;
}

/** cast.ToInt64 (and ToInt, which is the same on 64-bit platforms). */
export function toInt64(v: GoAny): bigint {
  const n = numericOf(v);
  if (typeof n === 'bigint') return wrapInt(T.int64, n);
  if (typeof n === 'number') return floatToInt64(n);
  if (typeof v !== 'string' || v === '') return 0n;
  const parsed = parseInt(trimDecimal(v), 0);
  return parsed.error === undefined ? parsed.value : 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoAny): number {
  const n = numericOf(v);
  if (typeof n === 'bigint') return Number(n);
  if (typeof n === 'number') return n;
  if (typeof v !== 'string' || v === '') return 0;
  const parsed = parseFloat(v);
  return parsed.error === undefined ? parsed.value : 0;
}
