// Template execution speed against real Go text/template, measured in the same run: the
// Sveltos manifest and the ESO dockerconfig one-liner of shared/reference/gotemplate.md
// (Appendix C, verbatim), and libsveltos' toYaml on a typical Secret.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template, makeRoot, parseGoJson, profileLibrary, type ProfileName, type RootKind } from '../src/template/index.js';
import type { BenchSuite, Figure } from './figures.js';

const SVELTOS_TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Cluster.metadata.name }}-config
  namespace: {{ .Cluster.metadata.namespace | default "default" }}
  labels:
{{- range $k, $v := .Cluster.metadata.labels }}
    {{ $k }}: {{ $v | quote }}
{{- end }}
  annotations:
    sveltos/cluster: {{ printf "%s/%s" .Cluster.metadata.namespace .Cluster.metadata.name | quote }}
data:
  region: {{ index .Cluster.metadata.labels "region" | default "unknown" | quote }}
  replicas: "{{ .Cluster.spec.topology.controlPlane.replicas }}"
  k8sVersion: {{ .Cluster.spec.topology.version | quote }}
  {{- if eq (index .Cluster.metadata.labels "env") "prod" }}
  tier: production
  {{- else }}
  tier: non-production
  {{- end }}
  podCIDR: {{ index .Cluster.spec.clusterNetwork.pods.cidrBlocks 0 }}
  workers: |
{{- range $i, $md := .Cluster.spec.topology.workers.machineDeployments }}
    - name: {{ $md.name }}
      class: {{ $md.class }}
      replicas: {{ $md.replicas }}
{{- end }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Cluster.metadata.name }}-creds
  namespace: {{ .Cluster.metadata.namespace }}
type: Opaque
data:
  content: {{ (index .MgmtResources "ExternalSecret").data.content | b64enc }}
  {{- with .MgmtResources.ExternalSecret.metadata.labels }}
  labels: {{ toJson . | quote }}
  {{- end }}
`;
const SVELTOS_DATA = '{"Cluster":{"apiVersion":"cluster.x-k8s.io/v1beta1","kind":"Cluster","metadata":{"name":"workload-1","namespace":"clusters","labels":{"env":"prod","region":"eu-west-1","team":"platform","cni":"calico","tier":"gold"},"annotations":{"a":"b"},"uid":"1234","resourceVersion":"999"},"spec":{"clusterNetwork":{"pods":{"cidrBlocks":["192.168.0.0/16"]},"services":{"cidrBlocks":["10.96.0.0/12"]}},"topology":{"class":"quick-start","version":"v1.30.0","controlPlane":{"replicas":3},"workers":{"machineDeployments":[{"name":"md-0","class":"default-worker","replicas":3},{"name":"md-1","class":"gpu-worker","replicas":2},{"name":"md-2","class":"default-worker","replicas":5}]}}},"status":{"phase":"Provisioned"}},"MgmtResources":{"ExternalSecret":{"apiVersion":"v1","kind":"Secret","metadata":{"name":"es","namespace":"mgmt","labels":{"owner":"eso","sync":"true"}},"data":{"content":"c3VwZXJzZWNyZXQ="}}}}';
const ESO_TEMPLATE = '{"auths":{"{{ .registry }}":{"username":"{{ .username }}","password":"{{ .password }}","auth":"{{ printf "%s:%s" .username .password | b64enc }}"}}}';
const ESO_DATA = '{"registry":"ghcr.io","username":"bot","password":"p@ss"}';

// A Secret as Sveltos templates usually handle it (getResource, then toYaml): metadata with
// labels and annotations, five data keys of base64 text.
const SECRET_DATA = JSON.stringify({
  apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
  metadata: { name: 'db-credentials', namespace: 'apps', labels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/part-of': 'shop', tier: 'backend' }, annotations: { 'reloader.stakater.com/match': 'true', note: 'rotated: weekly' } },
  data: { username: 'YWRtaW4=', password: 'cDRzc3cwcmQhMjAyNA==', host: 'ZGIuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbA==', port: 'NTQzMg==', 'ca.crt': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lVZEdWemRBPT0KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' },
});

interface Workload {
  readonly key: 'sveltos' | 'eso' | 'toyaml';
  readonly template: string;
  readonly data: string;
  readonly profile: ProfileName;
  readonly root: RootKind;
  readonly iterations: number;
}

const WORKLOADS: readonly Workload[] = [
  { key: 'sveltos', template: SVELTOS_TEMPLATE, data: SVELTOS_DATA, profile: 'sveltos', root: 'sveltos', iterations: 20000 },
  { key: 'eso', template: ESO_TEMPLATE, data: ESO_DATA, profile: 'eso', root: 'stringmap', iterations: 200000 },
  { key: 'toyaml', template: '{{ toYaml . }}', data: SECRET_DATA, profile: 'sveltos', root: '', iterations: 20000 },
];

/** Figure names: the manifests report exec_us_KEY / exec_ratio_KEY, toYaml reports toyaml_us / toyaml_ratio. */
function names(key: Workload['key']): { ours: string; go: string; ratio: string } {
  if (key === 'toyaml') return { ours: 'template.toyaml_us', go: 'template.go_toyaml_us', ratio: 'template.toyaml_ratio' };
  return { ours: `template.exec_us_${key}`, go: `template.go_exec_us_${key}`, ratio: `template.exec_ratio_${key}` };
}

const ORACLE_DIR = fileURLToPath(new URL('../tools/template-oracle/', import.meta.url));

function buildOracle(): string | undefined {
  try {
    execFileSync('go', ['build', '-o', 'bin/oracle', '.'], { cwd: ORACLE_DIR, stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const bin = join(ORACLE_DIR, 'bin/oracle');
  return existsSync(bin) ? bin : undefined;
}

/** Go's per-execution time in microseconds (min of runs). */
function goExecUs(oracle: string, w: Workload, runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-'));
  writeFileSync(join(dir, 't.tmpl'), w.template);
  writeFileSync(join(dir, 'd.json'), w.data);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    // The oracle prints its timings on stderr.
    const args = ['-bench', String(w.iterations), `-funcs=${w.profile}`, `-root=${w.root}`, '-missingkey=error', join(dir, 't.tmpl'), join(dir, 'd.json')];
    const res = spawnSync(oracle, args, { encoding: 'utf8', env: { ...process.env, GOMAXPROCS: '1' } });
    const m = /per_exec_us=([\d.]+)/.exec(res.stderr);
    if (m) best = Math.min(best, Number(m[1]));
  }
  return best;
}

/** Our per-execution time in microseconds (min of runs), after warm-up. */
function ourExecUs(w: Workload, runs: number): { exec: number; parse: number; bytes: number } {
  const funcs = profileLibrary(w.profile);
  const template = Template.parse(w.template, { funcs, missingKey: 'error' });
  const data = makeRoot(w.root, parseGoJson(w.data));
  let out = '';
  for (let i = 0; i < w.iterations / 5; i++) out = template.execute(data);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < w.iterations; i++) template.execute(data);
    best = Math.min(best, ((performance.now() - start) * 1000) / w.iterations);
  }
  const parses = 2000;
  for (let i = 0; i < parses / 4; i++) Template.parse(w.template, { funcs, missingKey: 'error' }); // warm-up
  const ps = performance.now();
  for (let i = 0; i < parses; i++) Template.parse(w.template, { funcs, missingKey: 'error' });
  return { exec: best, parse: ((performance.now() - ps) * 1000) / parses, bytes: out.length };
}

export const templateSuite: BenchSuite = {
  prefix: 'template.',
  run: () => {
    const oracle = buildOracle();
    const figures: Figure[] = [];
    for (const w of WORKLOADS) {
      const ours = ourExecUs(w, 5);
      const n = names(w.key);
      figures.push({ name: n.ours, value: ours.exec, unit: 'µs', goal: null });
      if (w.key !== 'toyaml') figures.push({ name: `template.parse_us_${w.key}`, value: ours.parse, unit: 'µs', goal: null });
      if (oracle !== undefined) {
        const go = goExecUs(oracle, w, 5);
        figures.push({ name: n.go, value: go, unit: 'µs', goal: null });
        figures.push({ name: n.ratio, value: ours.exec / go, unit: 'ratio', goal: '<= 1.0' });
      } else {
        console.error('bench: Go is not installed; template.exec_ratio_* need the oracle');
      }
    }
    return Promise.resolve(figures);
  },
};
