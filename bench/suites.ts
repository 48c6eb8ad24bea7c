// Every benchmark suite, in the order the table prints them. Each capability adds its own.
import type { BenchSuite } from './figures.js';
import { utilSuite } from './util.bench.js';
import { apiserverSuite } from './apiserver.bench.js';
import { templateSuite } from './template.bench.js';
import { secretManagerSuite } from './secretmanager.bench.js';
import { sprigSuite } from './sprig.bench.js';
import { runtimeSuite } from './runtime.bench.js';
import { apisurfaceSuite } from './apisurface.bench.js';
import { crdSuite } from './crd.bench.js';

export const suites: readonly BenchSuite[] = [
  utilSuite,
  apiserverSuite,
  templateSuite,
  secretManagerSuite,
  sprigSuite,
  runtimeSuite,
  apisurfaceSuite,
  crdSuite,
];
