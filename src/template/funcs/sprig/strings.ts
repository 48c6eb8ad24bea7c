/**
 * sprig's string functions (strings.go, functions.go). Core subset: upper, repeat, quote, b64enc.
 *
 * @module
 */
import { quote as goQuote, utf8Bytes } from '../../fmt/strconv.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { strval } from './strval.js';

export const stringFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'upper', params: ['string'], result: 'string', impl: (_ctx, s) => s.toUpperCase() }),
  defineFunc({
    name: 'repeat',
    params: ['int', 'string'],
    result: 'string',
    impl: (_ctx, count, str) => {
      if (count < 0) throw new FuncError('strings: negative Repeat count');
      return str.repeat(count);
    },
  }),
  defineFunc({
    name: 'quote',
    params: [],
    variadic: 'interface {}',
    result: 'string',
    // nil arguments are skipped, as sprig does.
    impl: (_ctx, ...values) => values.filter((v) => v !== null).map((v) => goQuote(strval(v))).join(' '),
  }),
  defineFunc({
    name: 'b64enc',
    params: ['string'],
    result: 'string',
    impl: (_ctx, s) => Buffer.from(utf8Bytes(s)).toString('base64'),
  }),
];
