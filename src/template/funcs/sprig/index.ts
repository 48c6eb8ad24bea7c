/**
 * sprig v3.3.0's function map (`sprig.TxtFuncMap()`), one module per group as in sprig's own
 * sources. The core ships only the few functions its own tests and benchmarks need; the
 * function-library work fills in the rest of the ~210 names.
 *
 * @module
 */
import type { FuncDef } from '../registry.js';
import { setAFuncs } from './set-a.js';
import { defaultsFuncs } from './defaults.js';
import { listFuncs } from './lists.js';
import { stringFuncs } from './strings.js';
import { setBFuncs } from './set-b.js';

/** Every sprig function implemented so far. */
export const sprigFuncs: readonly FuncDef[] = [...stringFuncs, ...defaultsFuncs, ...listFuncs, ...setAFuncs, ...setBFuncs];
