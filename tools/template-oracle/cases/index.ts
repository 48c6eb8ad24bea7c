// Every golden suite. Function authors add their suites here.
import { coreLanguage } from './core-language.js';
import { coreRoots } from './core-roots.js';
import { sprigArgs } from './sprig-args.js';
import { sprigDicts } from './sprig-dicts.js';
import { sprigLists } from './sprig-lists.js';
import { sprigMisc } from './sprig-misc.js';
import { sprigNumbers } from './sprig-numbers.js';
import { sprigProfiles } from './sprig-profiles.js';
import { sprigStrings } from './sprig-strings.js';
import type { Suite } from './types.js';

export const suites: readonly Suite[] = [
  coreLanguage, coreRoots,
  sprigStrings, sprigNumbers, sprigLists, sprigDicts, sprigMisc, sprigProfiles, sprigArgs,
];
