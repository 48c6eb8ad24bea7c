// kubectl 1.30 against the embedded API server: see version-suite.ts.
import { versionSuite } from './version-suite.js';

versionSuite('1.30');
