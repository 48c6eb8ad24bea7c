// Golden cases: every case in testdata/cases/*.jsonl runs through this engine and must match
// the Go oracle's result in testdata/expected/*.jsonl exactly (output, phase, error), except
// the known deviations listed with a reason in testdata/deviations.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ManualClock } from '../../src/util/index.js';
import { runBatchLine, type BatchResult } from '../../src/template/batch.js';
import { seededRandom } from '../../src/template/funcs/registry.js';

const dir = new URL('../../src/template/testdata/', import.meta.url);
const deviations = JSON.parse(readFileSync(new URL('deviations.json', dir), 'utf8')) as Record<string, string>;

function lines(file: URL): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
}

const suites = readdirSync(new URL('cases/', dir)).filter((f) => f.endsWith('.jsonl')).sort();
const seen = new Set<string>();

for (const file of suites) {
  test(`golden suite ${file}`, () => {
    const cases = lines(new URL(`cases/${file}`, dir));
    const expected = lines(new URL(`expected/${file}`, dir)).map((l) => JSON.parse(l) as BatchResult);
    assert.equal(cases.length, expected.length, `${file}: cases and expectations differ in count; run npm run oracle:regen`);
    const failures: string[] = [];
    cases.forEach((line, i) => {
      const want = expected[i]!;
      seen.add(want.id);
      const got = runBatchLine(line, { clock: new ManualClock(0), random: seededRandom(1) });
      const same = got.output === want.output && got.phase === want.phase && got.error === want.error;
      if (same || deviations[want.id] !== undefined) return;
      failures.push(`${want.id}\n  template: ${JSON.stringify((JSON.parse(line) as { template: string }).template)}\n  want: ${JSON.stringify(want)}\n  got:  ${JSON.stringify(got)}`);
    });
    assert.equal(failures.length, 0, `${failures.length} of ${cases.length} cases differ from Go:\n${failures.slice(0, 40).join('\n')}`);
  });
}

test('every listed deviation names an existing case and gives a reason', () => {
  for (const [id, reason] of Object.entries(deviations)) {
    assert.ok(seen.has(id), `deviation ${id} names no case`);
    assert.ok(reason.length > 10, `deviation ${id} needs a reason`);
  }
});
