// kubectl 1.28 against the embedded API server: see version-suite.ts.
import { legacySuite } from './version-suite.js';

legacySuite('1.28');
