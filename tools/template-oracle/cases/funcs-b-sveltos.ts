// Set B golden cases: addon-controller's resource functions over the Sveltos root.
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const ROOT = JSON.stringify({
  Cluster: { metadata: { name: 'c1', namespace: 'ns' }, replicas: 3 },
  MgmtResources: {
    ES: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'default', uid: 'u-1', resourceVersion: '7', managedFields: [{ manager: 'kubectl' }], labels: { on: 'yes' } }, data: { password: 'cEBzcw==', n: 5 }, type: 'Opaque' },
    CM: { kind: 'ConfigMap', metadata: { name: 'cm' }, data: { 'k.yaml': 'a: 1\nb: 2\n' }, list: [1, 'x'] },
    Empty: {},
    Str: 'not a map',
  },
});
const TEMPLATES = [
  '{{ getResource "ES" }}', '{{ (getResource "ES").metadata.name }}', '{{ getResource "Nope" }}|{{ printf "%T" (getResource "Nope") }}', '{{ copy "ES" }}', '{{ copy "Nope" }}|', '{{ copy "CM" }}',
  '{{ $r := getResource "ES" }}{{ index .MgmtResources.ES.metadata "uid" }}', '{{ getField "ES" "metadata.name" }}', '{{ getField "ES" "data.n" }}|{{ printf "%T" (getField "ES" "data.n") }}', '{{ getField "ES" "nope.x" }}|',
  '{{ getField "ES" "type.x" }}|', '{{ getField "Nope" "a" }}|', '{{ getField "CM" "list" }}', '{{ removeField "ES" "data.password" }}', '{{ removeField "ES" "metadata.labels" }}{{ "\\n---\\n" }}{{ copy "ES" }}',
  '{{ removeField "Nope" "a" }}|', '{{ setField "ES" "data.password" "bmV3" }}', '{{ setField "ES" "metadata.labels.team" "a" }}', '{{ setField "ES" "spec.replicas" .Cluster.replicas }}', '{{ setField "ES" "data.n" 3 }}',
  '{{ setField "ES" "type.sub" "x" }}|', '{{ setField "ES" "data.l" list }}', '{{ setField "ES" "data.m" (fromJson "{\\"x\\": 1}") }}', '{{ setField "Nope" "a" "b" }}|', '{{ setField "ES" "a" 2.5 }}',
  '{{ $s := getResource "ES" }}{{ $s = chainSetField $s "metadata.ownerReferences" list }}{{ $s = chainRemoveField $s "metadata.labels" }}{{ toYaml $s }}', '{{ chainSetField (getResource "CM") "kind" "X" | toYaml }}',
  '{{ chainSetField (getResource "CM") "kind.x" "X" }}|', '{{ chainRemoveField (getResource "CM") "data" | toJson }}', '{{ chainSetField (getResource "CM") "n" 1 }}', '{{ getResource "Str" }}', '{{ copy "Empty" }}',
  '{{ setField "ES" "data.x" .Cluster.metadata }}', '{{ getResource 1 }}', '{{ copy }}', '{{ chainSetField "x" "a" "b" }}', '{{ setField "Str" "a" "b" }}', '{{ getField "Str" "a" }}|',
];

export const funcsBSveltos: Suite = {
  name: 'funcs-b-sveltos',
  cases: group('svres', TEMPLATES, { data: ROOT, funcs: 'sveltos', root: 'sveltos' }),
};
