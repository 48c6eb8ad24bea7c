// kubectl 1.27 against the embedded API server: see version-suite.ts.
import { legacySuite } from './version-suite.js';

legacySuite('1.27');
