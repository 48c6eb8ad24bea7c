/**
 * sprig's defaults.go. Core subset: default.
 *
 * @module
 */
import { isEmpty } from '../../values/value.js';
import { defineFunc, type FuncDef } from '../registry.js';

export const defaultsFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'default',
    params: ['interface {}'],
    variadic: 'interface {}',
    result: 'interface {}',
    impl: (_ctx, dflt, ...given) => (given.length === 0 || isEmpty(given[0]) ? dflt : given[0]!),
  }),
];
