// `flotilla template render`, single and --batch, driven in-process through the CLI program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runProgram } from '../../src/cli/program.js';
import { templateCommand } from '../../src/cli/commands/template.js';

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), env: {}, shutdown: new AbortController().signal };
  const code = await runProgram(args, { version: '0', commands: [templateCommand(() => Readable.from([stdin]))] }, context);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'flotilla-template-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('render: Sveltos profile wraps data in the cluster struct, with missingkey=error', async () => {
  const tpl = file('a.tmpl', '{{ .Cluster.metadata.name | upper }}');
  const data = file('a.json', '{"Cluster":{"metadata":{"name":"c1"}}}');
  assert.deepEqual(await cli(['template', 'render', '--profile', 'sveltos', '--missingkey', 'error', '--data', data, tpl]), { code: 0, out: 'C1', err: '' });
  const bad = file('b.tmpl', 'x{{ .Foo }}');
  const r = await cli(['template', 'render', '--profile', 'sveltos', '--data', data, bad]);
  assert.equal(r.code, 1);
  assert.equal(r.out, 'x');
  assert.equal(r.err, 'flotilla: template: tpl:1:4: executing "tpl" at <.Foo>: can\'t evaluate field Foo in type *controllers.currentClusterObjects\n');
});

test('render: usage mistakes exit 2 with one line', async () => {
  assert.equal((await cli(['template', 'render'])).code, 2);
  assert.equal((await cli(['template', 'render', '--profile', 'nope', 'x'])).code, 2);
  const r = await cli(['template', 'render', join(dir, 'missing.tmpl')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^flotilla: cannot read template .*missing\.tmpl/);
});

test('--batch speaks the oracle protocol: JSON lines in, JSON lines out', async () => {
  const input = [
    '{"id":"1","template":"{{ .a }} {{ .f }} {{ printf \\"%T\\" .a }}","data":{"a":1,"f":1.0}}',
    '{"id":"2","template":"{{ .x }}","data":{},"missingkey":"error","name":"n"}',
    '{"id":"3","template":"{{ if }}"}',
    '{"id":"4","template":"{{ .u | upper }}","funcs":"eso","root":"stringmap","data":{"u":"bob"}}',
    'not json',
  ].join('\n');
  const r = await cli(['template', 'render', '--batch'], input);
  assert.equal(r.code, 0);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  assert.deepEqual(lines[0], { id: '1', output: '1 1 int64', phase: '', error: '' });
  assert.deepEqual(lines[1], { id: '2', output: '', phase: 'exec', error: 'template: n:1:3: executing "n" at <.x>: map has no entry for key "x"' });
  assert.deepEqual(lines[2], { id: '3', output: '', phase: 'parse', error: 'template: tpl:1: missing value for if' });
  assert.deepEqual(lines[3], { id: '4', output: 'BOB', phase: '', error: '' });
  assert.equal(lines[4]!.phase, 'input');
});
