/**
 * sprig's defaults.go and flow control: default, empty, coalesce, all, any, ternary, fail.
 * "Empty" is sprig's reflect-based zero test: nil, false, 0, "", and empty maps and slices
 * are empty; structs never are.
 *
 * @module
 */
import { isEmpty } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';

/** Defaults and flow-control functions. */
export const defaultsFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'default',
    params: ['interface {}'],
    variadic: 'interface {}',
    result: 'interface {}',
    impl: (_ctx, dflt, ...given) => (given.length === 0 || isEmpty(given[0]) ? dflt : given[0]!),
  }),
  defineFunc({ name: 'empty', params: ['interface {}'], result: 'bool', impl: (_ctx, v) => isEmpty(v) }),
  defineFunc({
    name: 'coalesce',
    params: [],
    variadic: 'interface {}',
    result: 'interface {}',
    impl: (_ctx, ...values) => values.find((v) => !isEmpty(v)) ?? null,
  }),
  defineFunc({ name: 'all', params: [], variadic: 'interface {}', result: 'bool', impl: (_ctx, ...values) => values.every((v) => !isEmpty(v)) }),
  defineFunc({ name: 'any', params: [], variadic: 'interface {}', result: 'bool', impl: (_ctx, ...values) => values.some((v) => !isEmpty(v)) }),
  defineFunc({
    name: 'ternary',
    params: ['interface {}', 'interface {}', 'bool'],
    result: 'interface {}',
    impl: (_ctx, vt, vf, v) => (v ? vt : vf),
  }),
  defineFunc({
    name: 'fail',
    params: ['string'],
    result: 'string',
    returnsError: true,
    impl: (_ctx, msg) => {
      throw new FuncError(msg);
    },
  }),
];
