// Every golden suite. Function authors add their suites here.
import { coreLanguage } from './core-language.js';
import { coreRoots } from './core-roots.js';
import { funcsBCrypto } from './funcs-b-crypto.js';
import { funcsBData, funcsBEso } from './funcs-b-data.js';
import { funcsBDates } from './funcs-b-dates.js';
import { funcsBEsoCerts } from './funcs-b-eso-certs.js';
import { funcsBSemver } from './funcs-b-semver.js';
import { funcsBSveltos } from './funcs-b-sveltos.js';
import { funcsBToml } from './funcs-b-toml.js';
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
  funcsBData, funcsBEso, funcsBSemver, funcsBSveltos, funcsBDates, funcsBCrypto, funcsBEsoCerts, funcsBToml,
];
