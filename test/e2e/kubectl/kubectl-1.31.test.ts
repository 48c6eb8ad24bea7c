// kubectl 1.31 against the embedded API server: see version-suite.ts.
import { versionSuite } from './version-suite.js';

versionSuite('1.31');
