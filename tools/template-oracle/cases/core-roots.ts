// Data roots and Go typing: the Sveltos struct root, ESO's map[string]string, nil data,
// float-only data, and the core sprig subset's argument conversion.
import type { CaseSpec, Suite } from './types.js';

const SVELTOS = JSON.stringify({
  Cluster: { metadata: { name: 'c1', namespace: 'ns', labels: { env: 'prod' } }, spec: { replicas: 3 } },
  MgmtResources: { ExternalSecret: { data: { content: 's3cr3t' }, metadata: { name: 'es1', uid: 'u', resourceVersion: '9' } }, Bad: 'x' },
});
const SVELTOS_TEMPLATES = [
  '{{ .Cluster.metadata.name }}', '{{ .Foo }}', '{{ .KubeadmControlPlane }}', '{{ .KubeadmControlPlane.spec }}', '{{ .InfrastructureProvider.x.y }}', '{{ .MgmtResources.Bad }}',
  '{{ index .MgmtResources "Nope" }}', '{{ (index .MgmtResources "ExternalSecret").data.content }}', '{{ .MgmtResources.ExternalSecret.data.content }}', '{{ .Cluster.spec.replicas }}',
  '{{ . }}', '{{ printf "%T" . }}', '{{ printf "%T" .Cluster }}', '{{ printf "%T" .MgmtResources }}', '{{ range $k, $v := .MgmtResources }}{{ $k }};{{ end }}', '{{ len .MgmtResources }}',
  '{{ .Cluster.nope }}', '{{ .cluster }}', '{{ .Cluster 1 }}', '{{ with .KubeadmControlPlane }}x{{ else }}none{{ end }}', '{{ if .Cluster }}yes{{ end }}', '{{ eq . . }}',
  '{{ .MgmtResources.Nope.x }}', '{{ index .Cluster "metadata" "name" }}', '{{ $.Cluster.metadata.labels.env }}', '{{ printf "%v" .KubeadmControlPlane }}',
];
const ESO = JSON.stringify({ username: 'bob', password: 'p@ss', registry: 'ghcr.io', n: 5, f: 1.5, nil: null, obj: { a: 1 } });
const ESO_TEMPLATES = [
  '{{ .username }}:{{ .password }}', '{{ .missing }}', '{{ .n }} {{ .f }} {{ .nil }} {{ .obj }}', '{{ printf "%T" .n }}', '{{ .username.x }}', '{{ index . "username" }}', '{{ index . "nope" }}',
  '{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}', '{{ len . }}', '{{ .username | upper }}:{{ .password | b64enc }}',
  '{"auths":{"{{ .registry }}":{"username":"{{ .username }}","password":"{{ .password }}","auth":"{{ printf "%s:%s" .username .password | b64enc }}"}}}',
  '{{ eq .n "5" }}', '{{ eq .n 5 }}', '{{ repeat .n "x" }}', '{{ quote .username .missing }}', '{{ default "d" .missing }}', '{{ env "HOME" }}',
];
const SPRIG_DATA = JSON.stringify({ n: 2, f: 2.5, s: 'ab', nil: null, list: [1, 2], m: { a: 1 } });
const SPRIG_TEMPLATES = [
  '{{ repeat 2 "x" }}', '{{ repeat 2.0 "x" }}', '{{ repeat 2.5 "x" }}', '{{ repeat .n "x" }}', '{{ repeat "2" "x" }}', '{{ repeat -1 "x" }}', '{{ upper 1 }}', '{{ upper .s }}', '{{ upper .nil }}',
  '{{ upper .missing }}', '{{ .missing | upper }}', '{{ .nil | upper }}', '{{ upper nil }}', '{{ upper true }}', '{{ upper (print 1) }}', '{{ "x" | repeat 3 }}', '{{ repeat 3 }}', '{{ repeat 1 2 3 }}',
  '{{ quote "a\\"b" 1 .nil "c" }}', '{{ quote }}', '{{ default "d" "0" }}', '{{ default "d" " " }}', '{{ default "d" 0 }}', '{{ default "d" .nil }}', '{{ default "d" .missing }}', '{{ .missing | default "x" }}',
  '{{ default "d" (list) }}', '{{ default "d" .m }}', '{{ default }}', '{{ list 1 "a" .nil 2.5 }}', '{{ printf "%T" (list) }}', '{{ b64enc "héllo" }}', '{{ b64enc 1 }}',
  '{{ list | len }}', '{{ (list 1 2).x }}', '{{ default.x }}', '{{ toYaml . }}',
];

function cases(prefix: string, templates: string[], base: Omit<CaseSpec, 'id' | 'template'>): CaseSpec[] {
  return templates.flatMap((template, i) => (['', 'zero', 'error'] as const).map((mk) => ({
    ...base, id: `${prefix}-${String(i).padStart(3, '0')}${mk === '' ? '' : `-${mk}`}`, template, missingkey: mk,
  })));
}

export const coreRoots: Suite = {
  name: 'core-roots',
  cases: [
    ...cases('sveltos', SVELTOS_TEMPLATES, { data: SVELTOS, root: 'sveltos', funcs: 'sveltos' }),
    ...cases('eso', ESO_TEMPLATES, { data: ESO, root: 'stringmap', funcs: 'eso' }),
    ...cases('sprig', SPRIG_TEMPLATES, { data: SPRIG_DATA, funcs: 'sprig' }),
    ...cases('nodata', ['{{ . }}', '{{ .x }}', '{{ .x.y }}', '{{ $ }}', '{{ len . }}', '{{ index . 0 }}'], { data: '' }),
    ...cases('nulldata', ['{{ . }}', '{{ .x }}'], { data: 'null' }),
    ...cases('delims', ['[[ .a ]] {{ .a }}', '[[- .a -]] x', '[[ /* c */ ]]ok', '[[ .a }}'], { data: '{"a":1}', left: '[[', right: ']]' }),
    ...cases('named', ['{{ .nope.x }}', '{{ template "x" }}', '{{ bad'], { data: '{}', name: 'my-template' }),
  ],
};
