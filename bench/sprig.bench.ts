// Speed of sprig set A's everyday functions against Go's sprig in the same run: a Helm-style
// template that leans on quote, default, trim/lower/trunc, indent/nindent, b64enc, join,
// regexReplaceAll, kebabcase, merge, keys/sortAlpha and until, executed (already parsed) by both
// engines with the sprig profile. The Go side is the oracle's -bench (tools/template-oracle).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template, parseGoJson, profileLibrary } from '../src/template/index.js';
import type { BenchSuite, Figure } from './figures.js';

const TEMPLATE = `{{- $name := .name | lower | trim | trunc 63 | trimSuffix "-" }}
name: {{ $name | quote }}
labels:
{{- range $k, $v := .labels }}
  {{ $k | kebabcase }}: {{ $v | default "none" | quote }}
{{- end }}
hosts: {{ .hosts | join "," | quote }}
image: {{ printf "%s:%s" .image.repo (.image.tag | default "latest") | quote }}
config: |
{{ .config | indent 2 }}
script: {{ .script | nindent 2 }}
secret: {{ .password | b64enc | quote }}
id: {{ regexReplaceAll "[^a-z0-9]+" (lower .name) "-" }}
replicas: {{ max 1 .replicas | add1 }}
sorted: {{ keys .labels | sortAlpha | join ";" }}
merged: {{ merge (dict "a" 1) .defaults | len }}
{{- range $i := until 3 }}
- item-{{ $i }}: {{ splitList "." $.domain | first | upper }}
{{- end }}
`;
const DATA = JSON.stringify({
  name: '  My-App.Frontend-  ', labels: { appName: 'web', teamOwner: 'platform', costCenter: '', tier: 'gold' },
  hosts: ['a.example.com', 'b.example.com'], image: { repo: 'ghcr.io/acme/web', tag: '' },
  config: 'server:\n  port: 8080\n  debug: false\nlog: info', script: '#!/bin/sh\necho start\nexec web',
  password: 'p@ssw0rd-ünïcode', replicas: 2, defaults: { b: 2, c: { d: 3 } }, domain: 'eu.prod.example.com',
});
const ITERATIONS = 20000;
const ORACLE_DIR = fileURLToPath(new URL('../tools/template-oracle/', import.meta.url));

/** Go's per-execution microseconds (min of runs), or undefined without a Go toolchain. */
function goExecUs(runs: number): number | undefined {
  try {
    execFileSync('go', ['build', '-o', 'bin/oracle', '.'], { cwd: ORACLE_DIR, stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-sprig-bench-'));
  writeFileSync(join(dir, 't.tmpl'), TEMPLATE);
  writeFileSync(join(dir, 'd.json'), DATA);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const args = ['-bench', String(ITERATIONS), '-funcs=sprig', '-missingkey=error', join(dir, 't.tmpl'), join(dir, 'd.json')];
    const res = spawnSync(join(ORACLE_DIR, 'bin/oracle'), args, { encoding: 'utf8', env: { ...process.env, GOMAXPROCS: '1' } });
    const m = /per_exec_us=([\d.]+)/.exec(res.stderr);
    if (m) best = Math.min(best, Number(m[1]));
  }
  return best === Infinity ? undefined : best;
}

/** Our per-execution microseconds (min of runs), after warm-up. */
function ourExecUs(runs: number): number {
  const template = Template.parse(TEMPLATE, { funcs: profileLibrary('sprig'), missingKey: 'error' });
  const data = parseGoJson(DATA);
  for (let i = 0; i < ITERATIONS / 5; i++) template.execute(data);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < ITERATIONS; i++) template.execute(data);
    best = Math.min(best, ((performance.now() - start) * 1000) / ITERATIONS);
  }
  return best;
}

export const sprigSuite: BenchSuite = {
  prefix: 'sprig.',
  run: () => {
    const ours = ourExecUs(5);
    const figures: Figure[] = [{ name: 'sprig.exec_us_helm_style', value: ours, unit: 'µs', goal: null }];
    const go = goExecUs(5);
    if (go === undefined) console.error('bench: Go is not installed; sprig.exec_ratio_helm_style needs the oracle');
    else {
      figures.push({ name: 'sprig.go_exec_us_helm_style', value: go, unit: 'µs', goal: null });
      figures.push({ name: 'sprig.exec_ratio_helm_style', value: ours / go, unit: 'ratio', goal: '<= 1.0' });
    }
    return Promise.resolve(figures);
  },
};
