// Foundation figures: the cost of stable hashing (every reconcile hashes what it applies) and
// CLI start-up through tsx (every `flotilla` invocation pays it).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stableHash } from '../src/util/index.js';
import { opsPerSecond, percentile, type BenchSuite } from './figures.js';

const secretLike = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'imported-secret', namespace: 'default', labels: { 'reconcile.external-secrets.io/managed': 'true' } },
  type: 'Opaque',
  data: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, Buffer.from(`value-${i}`).toString('base64')])),
};

function startupMs(): number {
  const bin = fileURLToPath(new URL('../bin/flotilla.js', import.meta.url));
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    execFileSync(process.execPath, [bin, '--version']);
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

export const utilSuite: BenchSuite = {
  prefix: 'util.',
  run: () => {
    const stable = opsPerSecond(() => stableHash(secretLike));
    const plain = opsPerSecond(() => createHash('sha256').update(JSON.stringify(secretLike)).digest('hex'));
    return Promise.resolve([
      { name: 'util.stable_hash_per_s', value: Math.round(stable), unit: 'ops/s', goal: null },
      { name: 'util.stable_hash_ratio_json', value: plain / stable, unit: 'ratio', goal: '<= 3' },
      { name: 'util.cli_startup_ms', value: startupMs(), unit: 'ms', goal: '<= 500' },
    ]);
  },
};
