// Every golden suite. Function authors add their suites here.
import { coreLanguage } from './core-language.js';
import { coreRoots } from './core-roots.js';
import type { Suite } from './types.js';

export const suites: readonly Suite[] = [coreLanguage, coreRoots];
