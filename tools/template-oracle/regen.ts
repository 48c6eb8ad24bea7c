// `npm run oracle:regen`: builds the Go oracle (Go 1.26, sprig v3.3.0 as Go modules), writes
// every suite's cases to src/template/testdata/cases/<suite>.jsonl and the oracle's results to
// src/template/testdata/expected/<suite>.jsonl. `npm test` then needs no Go.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suites } from './cases/index.js';
import type { CaseSpec } from './cases/types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const testdata = fileURLToPath(new URL('../../src/template/testdata/', import.meta.url));

/** Builds the oracle binary into tools/template-oracle/bin and returns its path. */
export function buildOracle(): string {
  const out = `${here}bin/oracle`;
  execFileSync('go', ['build', '-o', out, '.'], { cwd: here, stdio: 'inherit' });
  return out;
}

/** One case as a JSON line; `data` is spliced in raw so `1.0` stays a float for Go and for us. */
export function caseLine(c: CaseSpec): string {
  const fields: Record<string, string> = {
    id: c.id, name: c.name ?? '', template: c.template, missingkey: c.missingkey ?? '', funcs: c.funcs ?? 'builtins',
    root: c.root ?? '', left: c.left ?? '', right: c.right ?? '',
  };
  const json = JSON.stringify(fields);
  if (c.data === undefined || c.data.trim() === '') return json; // no data: Go executes with nil
  return `${json.slice(0, -1)},"data":${c.data}}`;
}

/** Runs the oracle in batch mode over JSON lines. */
export function runOracle(oracle: string, lines: readonly string[]): string[] {
  const out = execFileSync(oracle, ['-batch'], { input: `${lines.join('\n')}\n`, maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  return out.split('\n').filter((l) => l !== '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const oracle = buildOracle();
  mkdirSync(`${testdata}cases`, { recursive: true });
  mkdirSync(`${testdata}expected`, { recursive: true });
  let total = 0;
  for (const suite of suites) {
    const ids = new Set<string>();
    for (const c of suite.cases) {
      if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id} in ${suite.name}`);
      ids.add(c.id);
    }
    const lines = suite.cases.map(caseLine);
    const results = runOracle(oracle, lines);
    if (results.length !== lines.length) throw new Error(`${suite.name}: oracle answered ${results.length} of ${lines.length} cases`);
    writeFileSync(`${testdata}cases/${suite.name}.jsonl`, `${lines.join('\n')}\n`);
    writeFileSync(`${testdata}expected/${suite.name}.jsonl`, `${results.join('\n')}\n`);
    const errors = results.filter((r) => (JSON.parse(r) as { phase: string }).phase !== '').length;
    console.log(`${suite.name}: ${lines.length} cases (${errors} errors)`);
    total += lines.length;
  }
  console.log(`wrote ${total} cases`);
}
