// `npm run bench [-- --only PREFIX]`: runs the suites whose figures may start with PREFIX,
// prints a table, and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { meetsGoal, type Figure } from './figures.js';
import { suites } from './suites.js';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ?? '';
const selected = suites.filter((s) => s.prefix.startsWith(only) || only.startsWith(s.prefix));
if (selected.length === 0) {
  console.error(`bench: no suite reports figures starting with '${only}'; suites: ${suites.map((s) => s.prefix).join(', ')}`);
  process.exit(2);
}

const figures: Figure[] = [];
for (const suite of selected) {
  for (const figure of await suite.run()) if (figure.name.startsWith(only)) figures.push(figure);
}

const rows = figures.map((f) => {
  const met = meetsGoal(f.value, f.goal);
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toPrecision(4);
  return [f.name, value, f.unit, f.goal ?? '', met === null ? '' : met ? 'met' : 'MISSED'];
});
const header = ['figure', 'value', 'unit', 'goal', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
const notes = figures.filter((f) => f.note);
if (notes.length > 0) console.log(`\nnotes:\n${notes.map((f) => `  ${f.name}: ${f.note}`).join('\n')}`);

const out = new URL('./results.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`\nwrote ${figures.length} figures to bench/results.json`);
