/**
 * sprig's list.go. Core subset: list.
 *
 * @module
 */
import { sliceAny } from '../../values/value.js';
import { defineFunc, type FuncDef } from '../registry.js';

export const listFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'list', params: [], variadic: 'interface {}', result: '[]interface {}', impl: (_ctx, ...items) => sliceAny(items) }),
];
