import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateExecError, TemplateParseError, parseGoJson, profileLibrary, sveltosRoot } from './index.js';

function render(text: string, data: string, opts: Parameters<typeof Template.parse>[1] = {}): string {
  return Template.parse(text, opts).execute(parseGoJson(data));
}

test('renders actions, pipelines, range and printf as Go does', () => {
  assert.equal(render('{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}', '{"m":{"b":2,"a":1.5,"10":"x","9":null}}'), '10=x;9=<no value>;a=1.5;b=2;');
  assert.equal(render('{{ "a" | printf "%s-%s" "b" | printf "<%s>" }}', '{}'), '<b-a>');
  assert.equal(render('{{ range 3 }}{{ . }}{{ end }}', '{}'), '012');
});

test('parse errors carry Go\'s text', () => {
  assert.throws(() => Template.parse('{{ if .a }}'), (e: unknown) => e instanceof TemplateParseError && e.message === 'template: tpl:1: unexpected EOF');
  assert.throws(() => Template.parse('a\n{{ foo }}'), { message: 'template: tpl:2: function "foo" not defined' });
  assert.throws(() => Template.parse('{{ 1 | 2 }}'), { message: 'template: tpl:1: non executable command in pipeline stage 2' });
  assert.throws(() => Template.parse('{{ $y }}'), { message: 'template: tpl:1: undefined variable "$y"' });
});

test('exec errors carry Go\'s location (byte column), node and message, and the partial output', () => {
  const t = Template.parse('héllo\n  {{ printf "%d" (index .l 9) }}');
  assert.throws(() => t.execute(parseGoJson('{"l":[1]}')), (e: unknown) => {
    assert.ok(e instanceof TemplateExecError);
    assert.equal(e.message, 'template: tpl:2:18: executing "tpl" at <index .l 9>: error calling index: index out of range: 9');
    assert.equal(e.output, 'héllo\n  ');
    return true;
  });
});

test('missingkey=error and the Sveltos struct root', () => {
  assert.throws(() => render('{{ .nope }}', '{}', { missingKey: 'error' }), { message: 'template: tpl:1:3: executing "tpl" at <.nope>: map has no entry for key "nope"' });
  const t = Template.parse('{{ .Cluster.metadata.name }}|{{ .KubeadmControlPlane }}|{{ .Foo }}', { funcs: profileLibrary('sveltos'), missingKey: 'error' });
  assert.throws(() => t.execute(sveltosRoot(parseGoJson('{"Cluster":{"metadata":{"name":"c1"}}}'))), (e: unknown) => {
    assert.ok(e instanceof TemplateExecError);
    assert.equal(e.output, 'c1|map[]|');
    assert.match(e.message, /can't evaluate field Foo in type \*controllers\.currentClusterObjects$/);
    return true;
  });
});

test('safety bounds stop runaway templates with an error naming the bound', () => {
  const loop = Template.parse('{{ range 100000000 }}x{{ end }}');
  assert.throws(() => loop.execute(null, { maxSteps: 10000 }), (e: unknown) => e instanceof TemplateExecError && e.limit === 'steps' && /maxSteps/.test(e.message));
  assert.throws(() => loop.execute(null, { maxOutput: 1000 }), (e: unknown) => e instanceof TemplateExecError && e.limit === 'output');
  const recurse = Template.parse('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
  assert.throws(() => recurse.execute(null, { maxDepth: 50 }), { message: 'template: tpl:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (50)' });
  assert.throws(() => recurse.execute(null), (e: unknown) => e instanceof TemplateExecError && e.limit === 'depth');
});
