/**
 * sprig's `strval`: how sprig turns an arbitrary value into a string (strings as is, []byte
 * decoded, errors and Stringers through their method, anything else with `%v`).
 *
 * @module
 */
import { formatValue, typeMethods } from '../../fmt/print.js';
import { bytesOf, type GoAny } from '../../values/value.js';
import { utf8Decode } from '../../fmt/strconv.js';

/** sprig's strval. */
export function strval(v: GoAny): string {
  if (typeof v === 'string') return v;
  const bytes = bytesOf(v);
  if (bytes !== undefined) return utf8Decode(bytes);
  return typeMethods(v, 'Error') ?? typeMethods(v, 'String') ?? formatValue(v);
}
