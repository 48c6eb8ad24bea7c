// kubectl 1.33 against the embedded API server: see version-suite.ts.
import { versionSuite } from './version-suite.js';

versionSuite('1.33');
