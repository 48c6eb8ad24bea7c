/**
 * Size bounds for function results. Go would try to allocate a `repeat 1000000000000 "x"` or an
 * `until 10000000000` and die of memory exhaustion, taking the controller with it; a Flotilla
 * controller instead fails that one render with a clear error. The bounds are far above what any
 * real template produces (a deliberate, documented deviation from Go; see
 * testdata/deviations.json).
 *
 * @module
 */
import { FuncError } from '../registry.js';

/** Most characters a string-building function may produce. */
export const MAX_RESULT_CHARS = 1 << 26;

/** Most elements a list-building function may produce. */
export const MAX_RESULT_ITEMS = 1 << 20;

/** Fails with a clear error when a function would build a string longer than the bound. */
export function checkLength(chars: number, name: string): void {
  if (chars > MAX_RESULT_CHARS) throw new FuncError(`${name}: result too large (${chars} characters; the limit is ${MAX_RESULT_CHARS})`);
}

/** Fails with a clear error when a function would build a list longer than the bound. */
export function checkItems(items: number, name: string): void {
  if (items > MAX_RESULT_ITEMS) throw new FuncError(`${name}: result too large (${items} elements; the limit is ${MAX_RESULT_ITEMS})`);
}
