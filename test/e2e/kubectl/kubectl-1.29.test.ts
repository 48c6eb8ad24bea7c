// kubectl 1.29 against the embedded API server: see version-suite.ts.
import { versionSuite } from './version-suite.js';

versionSuite('1.29');
