/**
 * sprig v3.3.0's function map (`sprig.TxtFuncMap()`), one module per group as in sprig's own
 * sources.
 *
 * @module
 */
import type { FuncDef } from '../registry.js';
import { conversionFuncs } from './conversion.js';
import { defaultsFuncs } from './defaults.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { floatMathFuncs } from './floatmath.js';
import { listFuncs } from './lists.js';
import { mathFuncs } from './math.js';
import { pathFuncs } from './paths.js';
import { randomStringFuncs } from './random.js';
import { reflectFuncs } from './reflect.js';
import { regexFuncs } from './regex.js';
import { stringFuncs } from './strings.js';
import { urlFuncs } from './url.js';
import { wordFuncs } from './words.js';

/** Every sprig function implemented so far. */
export const sprigFuncs: readonly FuncDef[] = [
  ...stringFuncs,
  ...wordFuncs,
  ...randomStringFuncs,
  ...conversionFuncs,
  ...mathFuncs,
  ...floatMathFuncs,
  ...defaultsFuncs,
  ...reflectFuncs,
  ...pathFuncs,
  ...encodingFuncs,
  ...dictFuncs,
  ...listFuncs,
  ...regexFuncs,
  ...urlFuncs,
];
