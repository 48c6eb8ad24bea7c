// Runs the set-B golden suites (src/template/testdata/{cases,expected}/funcs-b-*.jsonl, written
// from tools/template-oracle/cases/funcs-b-*.ts with the Go oracle) through this engine.
// The core's golden runner covers every suite once it lands; this keeps set B checked until then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../src/util/index.js';
import { Template } from '../../src/template/template.js';
import { profileLibrary, type ProfileName } from '../../src/template/funcs/profiles.js';
import { seededRandom } from '../../src/template/funcs/registry.js';
import { parseGoJson } from '../../src/template/values/json.js';
import { makeRoot, type RootKind } from '../../src/template/roots.js';
import type { MissingKey } from '../../src/template/exec/eval.js';

interface Line { id: string; template: string; missingkey: string; funcs: string; root: string; data?: unknown }
interface Expected { id: string; output: string; phase: string; error: string }

const dir = new URL('../../src/template/testdata/', import.meta.url);

function run(c: Line, dataText: string | undefined): Omit<Expected, 'id'> {
  let t: Template;
  try {
    t = Template.parse(c.template, { name: 'tpl', funcs: profileLibrary(c.funcs as ProfileName), missingKey: (c.missingkey || 'default') as MissingKey });
  } catch (e) {
    return { output: '', phase: 'parse', error: (e as Error).message };
  }
  const data = dataText === undefined ? null : parseGoJson(dataText);
  try {
    const output = t.execute(makeRoot(c.root as RootKind, data), { clock: new ManualClock(Date.UTC(2024, 0, 2, 3, 4, 5)), random: seededRandom(1) });
    return { output, phase: '', error: '' };
  } catch (e) {
    return { output: (e as { output?: string }).output ?? '', phase: 'exec', error: (e as Error).message };
  }
}

/** The raw JSON text of a line's `data` member (kept verbatim so 1.0 stays a float). */
function dataText(line: string): string | undefined {
  const at = line.indexOf(',"data":');
  return at < 0 ? undefined : line.slice(at + 8, -1);
}

for (const suite of ['funcs-b-data', 'funcs-b-eso', 'funcs-b-semver', 'funcs-b-sveltos', 'funcs-b-dates']) {
  test(`golden ${suite}`, () => {
    const cases = readFileSync(new URL(`cases/${suite}.jsonl`, dir), 'utf8').trim().split('\n');
    const expected = readFileSync(new URL(`expected/${suite}.jsonl`, dir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Expected);
    assert.equal(cases.length, expected.length);
    const mismatches: string[] = [];
    cases.forEach((line, i) => {
      const c = JSON.parse(line) as Line;
      const { id, ...want } = expected[i]!;
      assert.equal(id, c.id);
      const got = run(c, dataText(line));
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${id}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    });
    assert.deepEqual(mismatches, []);
  });
}
