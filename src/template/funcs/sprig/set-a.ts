/**
 * sprig's general-purpose groups beyond strings.ts, defaults.ts and lists.ts (which index.ts
 * lists itself): word and case functions, random strings, conversions, integer and float math,
 * reflection, paths, encodings, dicts, regexes and URLs, gathered so sprig/index.ts needs one
 * line for them.
 *
 * @module
 */
import type { FuncDef } from '../registry.js';
import { conversionFuncs } from './conversion.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { floatMathFuncs } from './floatmath.js';
import { mathFuncs } from './math.js';
import { pathFuncs } from './paths.js';
import { randomStringFuncs } from './randstrings.js';
import { reflectFuncs } from './reflect.js';
import { regexFuncs } from './regex.js';
import { urlFuncs } from './url.js';
import { wordFuncs } from './words.js';

/** Every set-A sprig function not declared in strings.ts, defaults.ts or lists.ts. */
export const setAFuncs: readonly FuncDef[] = [
  ...wordFuncs,
  ...randomStringFuncs,
  ...conversionFuncs,
  ...mathFuncs,
  ...floatMathFuncs,
  ...reflectFuncs,
  ...pathFuncs,
  ...encodingFuncs,
  ...dictFuncs,
  ...regexFuncs,
  ...urlFuncs,
];
