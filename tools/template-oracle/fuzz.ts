// `npm run test:fuzz [-- --count N --seed S]`: random templates and data through the Go oracle
// and this engine; prints a summary and saves mismatches to .tmp/template-fuzz/mismatches.jsonl.
// Not part of `npm test` (it needs Go and takes a while).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ManualClock } from '../../src/util/index.js';
import { runBatchLine } from '../../src/template/batch.js';
import { seededRandom } from '../../src/template/funcs/registry.js';
import { buildOracle, caseLine, runOracle } from './regen.js';
import type { CaseSpec } from './cases/types.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '3000' }, seed: { type: 'string', default: String(Date.now() % 100000) } } });
let state = Number(values.seed) >>> 0 || 1;
function rand(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

const KEYS = ['a', 'b', 'c', 'l', 'm', 'n', 'f', 's', 'z'];
function jsonValue(depth: number): string {
  const kinds = depth > 2 ? 6 : 8;
  switch (rand(kinds)) {
    case 0: return String(rand(200) - 100);
    case 1: return pick(['1.5', '1.0', '1e6', '-0.25', '123456789.0', '0.00001', '9007199254740993']);
    case 2: return JSON.stringify(pick(['', 'x', 'héllo', '<a&b>', '0', ' ', 'a b']));
    case 3: return pick(['true', 'false']);
    case 4: return 'null';
    case 5: return JSON.stringify(pick(KEYS));
    case 6: return `[${Array.from({ length: rand(4) }, () => jsonValue(depth + 1)).join(',')}]`;
    default: return `{${Array.from({ length: rand(4) }, () => `${JSON.stringify(pick(KEYS))}:${jsonValue(depth + 1)}`).join(',')}}`;
  }
}
function data(): string {
  return `{${KEYS.filter(() => rand(3) > 0).map((k) => `"${k}":${jsonValue(0)}`).join(',')}}`;
}

const FIELDS = ['.', '.a', '.b', '.l', '.m', '.m.a', '.m.b.c', '.n', '.f', '.s', '.z', '.nope', '$', '$.a'];
const LITERALS = ['1', '0', '-2', '1.5', '1e3', '"x"', '""', '`r`', 'true', 'false', 'nil', "'a'", '0x10'];
// sprig's slice (a sprig function, overriding Go's) is left out until the sprig library has it.
const FUNCS = ['len', 'index', 'print', 'println', 'printf "%v"', 'printf "%d"', 'printf "%s|%q"', 'eq', 'ne', 'lt', 'le', 'and', 'or', 'not', 'html', 'js', 'urlquery', 'upper', 'default', 'quote'];

function operand(depth: number): string {
  const r = rand(10);
  if (r < 4) return pick(FIELDS);
  if (r < 7 || depth > 2) return pick(LITERALS);
  return `(${pipeline(depth + 1)})`;
}
function command(depth: number): string {
  if (rand(3) === 0) return operand(depth);
  return [pick(FUNCS), ...Array.from({ length: rand(3) }, () => operand(depth))].join(' ');
}
function pipeline(depth: number): string {
  const cmds = [command(depth)];
  if (rand(4) === 0) cmds.push(pick(FUNCS));
  return cmds.join(' | ');
}
function trim(): [string, string] {
  return [rand(4) === 0 ? '{{- ' : '{{ ', rand(4) === 0 ? ' -}}' : ' }}'];
}
function block(depth: number): string {
  const [l, r] = trim();
  switch (depth > 2 ? 0 : rand(8)) {
    case 0: case 1: case 2: return `${l}${pipeline(depth)}${r}`;
    case 3: return `${l}if ${pipeline(depth)}${r}${body(depth + 1)}${rand(2) ? `{{ else }}${body(depth + 1)}` : ''}{{ end }}`;
    case 4: return `${l}with ${pipeline(depth)}${r}${body(depth + 1)}{{ end }}`;
    case 5: return `${l}range ${rand(2) ? '$k, $v := ' : ''}${pipeline(depth)}${r}${rand(2) ? '{{ $k }}={{ $v }};' : body(depth + 1)}{{ end }}`;
    case 6: return `{{ $x := ${pipeline(depth)} }}{{ $x }}`;
    default: return pick([' ', '\n', 'text', ' - ']);
  }
}
function body(depth: number): string {
  return Array.from({ length: 1 + rand(3) }, () => block(depth)).join(pick(['', ' ', '\n']));
}

const count = Number(values.count);
const cases: CaseSpec[] = Array.from({ length: count }, (_, i) => ({
  id: `fuzz-${i}`, template: body(0), data: data(), missingkey: pick(['', 'zero', 'error'] as const), funcs: 'sprig',
}));
const lines = cases.map(caseLine);
const expected = runOracle(buildOracle(), lines).map((l) => JSON.parse(l) as { id: string; output: string; phase: string; error: string });
const mismatches: string[] = [];
lines.forEach((line, i) => {
  const want = expected[i]!;
  if (want.phase === 'panic') return;
  const got = runBatchLine(line, { clock: new ManualClock(0), random: seededRandom(1) });
  if (got.output !== want.output || got.phase !== want.phase || got.error !== want.error) {
    mismatches.push(JSON.stringify({ case: JSON.parse(line) as unknown, want, got }));
  }
});
mkdirSync('.tmp/template-fuzz', { recursive: true });
writeFileSync('.tmp/template-fuzz/mismatches.jsonl', mismatches.join('\n') + (mismatches.length ? '\n' : ''));
console.log(`fuzz seed=${values.seed}: ${count} cases, ${mismatches.length} mismatches (saved to .tmp/template-fuzz/mismatches.jsonl)`);
process.exit(mismatches.length === 0 ? 0 : 1);
