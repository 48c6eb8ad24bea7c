/**
 * kubectl scenarios shared by the per-version suites: each takes a fresh {@link Kubectl} (own
 * HOME and caches) and a namespace of its own, runs real commands and asserts their exit code and
 * output. The request log behind `Kubectl.run` fails any step that made an undeclared 404/415.
 */
import assert from 'node:assert/strict';
import type { Kubectl } from '../../support/kubectl.js';

export const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
    - {name: Size, type: integer, jsonPath: .spec.size, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        description: A widget used by the kubectl suite.
        properties:
          spec:
            type: object
            description: What the widget should look like.
            properties:
              color: {type: string, description: The color of the widget.}
              size: {type: integer}
              tags: {type: array, items: {type: string}, x-kubernetes-list-type: set}
          status:
            type: object
            properties:
              conditions:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [type]
                items:
                  type: object
                  required: [type, status]
                  properties: {type: {type: string}, status: {type: string}, reason: {type: string}}
`;

/** A 404 for the GET kubectl makes before it creates `name` (apply, diff). */
export const absent = (resource: string, name: string): RegExp => new RegExp(`^GET \\S*/${resource}/${name}(\\?\\S*)? 404$`);

/** Creates the namespace the scenario works in. */
export async function namespace(k: Kubectl, ns: string): Promise<void> {
  const r = await k.run(['create', 'namespace', ns]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `namespace/${ns} created\n`);
}

/** Installs the Widget CRD (idempotent across suites sharing a server). */
export async function installWidgets(k: Kubectl): Promise<void> {
  const crd = k.file('crd.yaml', WIDGET_CRD);
  const r = await k.run(['apply', '-f', crd], { allow404: [absent('customresourcedefinitions', 'widgets.example.com')] });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^customresourcedefinition.apiextensions.k8s.io\/widgets.example.com (created|unchanged)\n$/);
}

export async function version(k: Kubectl): Promise<void> {
  const r = await k.run(['version', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const parsed = JSON.parse(r.stdout) as { serverVersion: { gitVersion: string; minor: string } };
  assert.equal(parsed.serverVersion.gitVersion, 'v1.32.0-flotilla');
}

export async function apiResources(k: Kubectl): Promise<void> {
  const r = await k.run(['api-resources']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.requests.map((e) => `${e.method} ${e.url.split('?')[0]}`), ['GET /api', 'GET /apis'], 'aggregated discovery: no per-group-version documents needed');
  for (const line of [/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m, /^secrets\s+v1\s+true\s+Secret$/m, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m,
    /^leases\s+coordination.k8s.io\/v1\s+true\s+Lease$/m, /^selfsubjectaccessreviews\s+authorization.k8s.io\/v1\s+false\s+SelfSubjectAccessReview$/m]) {
    assert.match(r.stdout, line);
  }
}

/** `create secret generic` with literals and a file; kubectl 1.32+ sends protobuf. */
export async function createSecret(k: Kubectl, ns: string): Promise<void> {
  const key = k.file('key.json', '{"type":"service_account","private_key":"-----BEGIN-----"}');
  const r = await k.run(['create', 'secret', 'generic', 'gcpsm-secret', '-n', ns, '--from-file=secret-access-credentials=' + key, '--from-literal=user=admin']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'secret/gcpsm-secret created\n');
  const got = await k.run(['get', 'secret', 'gcpsm-secret', '-n', ns, '-o', 'jsonpath={.data.user} {.type}']);
  assert.equal(got.stdout, `${Buffer.from('admin').toString('base64')} Opaque`);
  const dup = await k.run(['create', 'secret', 'generic', 'gcpsm-secret', '-n', ns, '--from-literal=a=b'], { allowStatus: [409] });
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /secrets "gcpsm-secret" already exists/);
}

export async function createConfigMap(k: Kubectl, ns: string): Promise<void> {
  const r = await k.run(['create', 'configmap', 'info', '-n', ns, '--from-literal=a=1', '--from-literal=b=2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'configmap/info created\n');
}

/** `get` as a server-side Table, with labels and extra label columns. */
export async function getTable(k: Kubectl, ns: string): Promise<void> {
  const table = await k.run(['get', 'configmaps', '-n', ns, '--show-labels', '-L', 'app']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^NAME\s+DATA\s+AGE\s+APP\s+LABELS\n/);
  assert.match(table.stdout, /^info\s+2\s+\d+s\s+<none>/m);
  const secrets = await k.run(['get', 'secrets', '-n', ns]);
  assert.match(secrets.stdout, /^NAME\s+TYPE\s+DATA\s+AGE\ngcpsm-secret\s+Opaque\s+2\s+\d+s\n$/);
}

export async function getFormats(k: Kubectl, ns: string): Promise<void> {
  const yaml = await k.run(['get', 'configmap', 'info', '-n', ns, '-o', 'yaml']);
  assert.match(yaml.stdout, /^apiVersion: v1\ndata:\n {2}a: "1"\n {2}b: "2"\nkind: ConfigMap\n/);
  assert.doesNotMatch(yaml.stdout, /managedFields/);
  const json = JSON.parse((await k.run(['get', 'configmap', 'info', '-n', ns, '-o', 'json'])).stdout) as { metadata: { namespace: string; uid: string } };
  assert.equal(json.metadata.namespace, ns);
  assert.match(json.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.equal((await k.run(['get', 'configmaps', '-n', ns, '-o', 'name'])).stdout, 'configmap/info\n');
  assert.equal((await k.run(['get', 'configmap', 'info', '-n', ns, '-o', 'jsonpath={.data.b}'])).stdout, '2');
  const wide = await k.run(['get', 'namespace', ns, '-o', 'wide']);
  assert.match(wide.stdout, new RegExp(`^NAME\\s+STATUS\\s+AGE\\n${ns}\\s+Active\\s+\\d+s\\n$`));
  const missing = await k.run(['get', 'configmap', 'nope', '-n', ns], { allow404: [/\/configmaps\/nope 404$/] });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'Error from server (NotFound): configmaps "nope" not found\n');
}

/** `get -A`, label selectors and `--chunk-size` pagination. */
export async function getSelectAndPage(k: Kubectl, ns: string): Promise<void> {
  for (const i of [1, 2, 3]) {
    const r = await k.run(['create', 'configmap', `page-${i}`, '-n', ns, '--from-literal=i=' + i]);
    assert.equal(r.code, 0, r.stderr);
  }
  await k.run(['label', 'configmap', 'page-2', 'page-3', '-n', ns, 'tier=gold']);
  const selected = await k.run(['get', 'cm', '-n', ns, '-l', 'tier=gold', '-o', 'name']);
  assert.equal(selected.stdout, 'configmap/page-2\nconfigmap/page-3\n');
  const notIn = await k.run(['get', 'cm', '-n', ns, '-l', 'tier notin (gold),i', '-o', 'name']);
  assert.equal(notIn.stdout, '');
  const all = await k.run(['get', 'configmaps', '-A', '--chunk-size=2']);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /^NAMESPACE\s+NAME\s+DATA\s+AGE\n/);
  assert.match(all.stdout, new RegExp(`^${ns}\\s+page-3\\s+1\\s+`, 'm'));
  assert.ok(all.requests.some((e) => /limit=2/.test(e.url) && /continue=/.test(e.url)), 'kubectl paged with continue tokens');
}

/** `get -w` prints the Table rows of changes as they happen. */
export async function getWatch(k: Kubectl, ns: string): Promise<void> {
  const watch = k.spawn(['get', 'configmaps', '-n', ns, '-w']);
  try {
    await watch.waitFor(/^NAME\s+DATA\s+AGE/m);
    await k.run(['create', 'configmap', 'watched', '-n', ns, '--from-literal=x=y']);
    await watch.waitFor(/^watched\s+1\s+\d+s$/m);
    await k.run(['delete', 'configmap', 'watched', '-n', ns], { allow404: [/\/configmaps\/watched 404$/] });
  } finally {
    watch.child.kill('SIGTERM');
  }
}

/** Client-side apply: create, unchanged, configured, with the last-applied annotation. */
export async function applyClientSide(k: Kubectl, ns: string): Promise<void> {
  const manifest = (value: string): string => k.file('applied.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: ${ns}\n  labels: {app: demo}\ndata:\n  key: "${value}"\n`);
  const allow404 = [absent('configmaps', 'applied')];
  assert.equal((await k.run(['apply', '-f', manifest('one')], { allow404 })).stdout, 'configmap/applied created\n');
  assert.equal((await k.run(['apply', '-f', manifest('one')])).stdout, 'configmap/applied unchanged\n');
  const changed = await k.run(['apply', '-f', manifest('two')]);
  assert.equal(changed.stdout, 'configmap/applied configured\n');
  assert.ok(changed.requests.some((e) => e.method === 'PATCH' && e.contentType === 'application/strategic-merge-patch+json'));
  const annotation = await k.run(['get', 'configmap', 'applied', '-n', ns, '-o', "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}"]);
  assert.match(annotation.stdout, /"key":"two"/);
}

/** Server-side apply: create, a conflict with another manager, --force-conflicts. */
export async function applyServerSide(k: Kubectl, ns: string): Promise<void> {
  const path = k.file('ssa.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: ${ns}\ndata:\n  owned: mine\n`);
  const created = await k.run(['apply', '--server-side', '-f', path]);
  assert.equal(created.stdout, 'configmap/ssa serverside-applied\n', created.stderr);
  await k.run(['patch', 'configmap', 'ssa', '-n', ns, '--type=merge', '-p', '{"data":{"owned":"theirs"}}', '--field-manager=intruder']);
  const conflict = await k.run(['apply', '--server-side', '-f', path], { allowStatus: [409] });
  assert.equal(conflict.code, 1);
  assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "intruder" using v1: \.data\.owned$/m);
  const forced = await k.run(['apply', '--server-side', '--force-conflicts', '-f', path]);
  assert.equal(forced.stdout, 'configmap/ssa serverside-applied\n');
  const managed = await k.run(['get', 'configmap', 'ssa', '-n', ns, '--show-managed-fields', '-o', 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation};{end}']);
  assert.equal(managed.stdout, 'kubectl/Apply;');
  assert.equal((await k.run(['get', 'configmap', 'ssa', '-n', ns, '-o', 'jsonpath={.data.owned}'])).stdout, 'mine');
}

/** `kubectl diff` runs a dry-run patch: a diff is shown (exit 1) and nothing changes. */
export async function diff(k: Kubectl, ns: string): Promise<void> {
  await k.run(['create', 'configmap', 'diffed', '-n', ns, '--from-literal=v=old']);
  const path = k.file('diffed.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\n  namespace: ${ns}\ndata:\n  v: new\n`);
  const r = await k.run(['diff', '-f', path]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^-\s+v: old$/m);
  assert.match(r.stdout, /^\+\s+v: new$/m);
  assert.ok(r.requests.some((e) => e.method === 'PATCH' && /dryRun=All/.test(e.url)));
  assert.equal((await k.run(['get', 'configmap', 'diffed', '-n', ns, '-o', 'jsonpath={.data.v}'])).stdout, 'old');
}

export async function replace(k: Kubectl, ns: string): Promise<void> {
  const path = k.file('replaced.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\n  namespace: ${ns}\ndata:\n  v: replaced\n`);
  const r = await k.run(['replace', '-f', path]);
  assert.equal(r.stdout, 'configmap/diffed replaced\n', r.stderr);
  assert.equal((await k.run(['get', 'configmap', 'diffed', '-n', ns, '-o', 'jsonpath={.data.v}'])).stdout, 'replaced');
}

/** `patch` with each type, `label` and `annotate`. */
export async function patchLabelAnnotate(k: Kubectl, ns: string): Promise<void> {
  const strategic = await k.run(['patch', 'configmap', 'info', '-n', ns, '-p', '{"data":{"c":"3"}}']);
  assert.equal(strategic.stdout, 'configmap/info patched\n', strategic.stderr);
  assert.equal((await k.run(['patch', 'configmap', 'info', '-n', ns, '--type=merge', '-p', '{"data":{"a":null}}'])).stdout, 'configmap/info patched\n');
  assert.equal((await k.run(['patch', 'configmap', 'info', '-n', ns, '--type=json', '-p', '[{"op":"replace","path":"/data/b","value":"22"}]'])).stdout, 'configmap/info patched\n');
  assert.equal((await k.run(['get', 'configmap', 'info', '-n', ns, '-o', 'jsonpath={.data}'])).stdout, '{"b":"22","c":"3"}');
  const bad = await k.run(['patch', 'configmap', 'info', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/data/zzz"}]'], { allowStatus: [422] });
  assert.equal(bad.code, 1);
  assert.equal((await k.run(['label', 'configmap', 'info', '-n', ns, 'env=prod'])).stdout, 'configmap/info labeled\n');
  const clash = await k.run(['label', 'configmap', 'info', '-n', ns, 'env=dev']);
  assert.equal(clash.code, 1);
  assert.match(clash.stderr, /already has a value \(prod\)/);
  assert.equal((await k.run(['label', 'configmap', 'info', '-n', ns, 'env=dev', '--overwrite'])).stdout, 'configmap/info labeled\n');
  assert.equal((await k.run(['annotate', 'configmap', 'info', '-n', ns, 'team=platform'])).stdout, 'configmap/info annotated\n');
  assert.equal((await k.run(['label', 'configmap', 'info', '-n', ns, 'env-'])).stdout, 'configmap/info unlabeled\n');
  assert.equal((await k.run(['get', 'configmap', 'info', '-n', ns, '-o', 'jsonpath={.metadata.labels.env}|{.metadata.annotations.team}'])).stdout, '|platform');
}

/** `delete` with a finalizer, by label, and with each --cascade mode. */
export async function deletes(k: Kubectl, ns: string): Promise<void> {
  const fin = k.file('fin.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fin\n  namespace: ${ns}\n  finalizers: [example.com/hold]\n`);
  await k.run(['create', '-f', fin]);
  const pending = await k.run(['delete', 'configmap', 'fin', '-n', ns, '--wait=false']);
  assert.equal(pending.stdout, 'configmap "fin" deleted\n');
  assert.match((await k.run(['get', 'configmap', 'fin', '-n', ns, '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout, /^\d{4}-\d\d-\d\dT/);
  await k.run(['patch', 'configmap', 'fin', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
  const gone = await k.run(['get', 'configmap', 'fin', '-n', ns, '--ignore-not-found'], { allow404: [/\/configmaps\/fin 404$/] });
  assert.equal(gone.stdout, '');
  for (const [name, cascade] of [['c-orphan', 'orphan'], ['c-fg', 'foreground'], ['c-bg', 'background']] as const) {
    await k.run(['create', 'configmap', name, '-n', ns]);
    const r = await k.run(['delete', 'configmap', name, '-n', ns, `--cascade=${cascade}`], { allow404: [new RegExp(`/configmaps/${name}(\\?\\S*)? 404$`)] });
    assert.equal(r.stdout, `configmap "${name}" deleted\n`, r.stderr);
  }
  await k.run(['create', 'configmap', 'del-a', '-n', ns]);
  await k.run(['create', 'configmap', 'del-b', '-n', ns]);
  await k.run(['label', 'configmap', 'del-a', 'del-b', '-n', ns, 'sweep=yes']);
  const swept = await k.run(['delete', 'configmaps', '-n', ns, '-l', 'sweep=yes'], { allow404: [/\/configmaps\/del-[ab](\?\S*)? 404$/] });
  assert.equal(swept.stdout, 'configmap "del-a" deleted\nconfigmap "del-b" deleted\n', swept.stderr);
}

/** A custom resource: apply (merge patch), printer columns, status, wait for a condition and for deletion. */
export async function customResources(k: Kubectl, ns: string): Promise<void> {
  const widget = (color: string): string => k.file('widget.yaml', `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: ${ns}\nspec:\n  color: ${color}\n  size: 3\n`);
  assert.equal((await k.run(['apply', '-f', widget('red')], { allow404: [absent('widgets', 'w1')] })).stdout, 'widget.example.com/w1 created\n');
  const updated = await k.run(['apply', '-f', widget('blue')]);
  assert.equal(updated.stdout, 'widget.example.com/w1 configured\n');
  assert.ok(updated.requests.some((e) => e.method === 'PATCH' && e.contentType === 'application/merge-patch+json'));
  const table = await k.run(['get', 'widgets', 'w1', '-n', ns]);
  assert.match(table.stdout, /^NAME\s+COLOR\s+READY\s+AGE\nw1\s+blue\s+\d+s\n$/, 'a missing value prints blank');
  assert.match((await k.run(['get', 'wd', 'w1', '-n', ns, '-o', 'wide'])).stdout, /^NAME\s+COLOR\s+READY\s+SIZE\s+AGE\nw1\s+blue\s+3\s+\d+s\n$/);
  await describeWithEvents(k, ns);
  const wait = k.spawn(['wait', '--for=condition=Ready', 'widget/w1', '-n', ns, '--timeout=30s']);
  await k.run(['patch', 'widget', 'w1', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}']);
  await wait.waitFor(/condition met/);
  const strategic = await k.run(['patch', 'widget', 'w1', '-n', ns, '-p', '{"spec":{"size":4}}'], { allowStatus: [415] });
  assert.equal(strategic.code, 1, 'custom resources do not take strategic merge patches');
  const waitDelete = k.spawn(['wait', '--for=delete', 'widget/w1', '-n', ns, '--timeout=30s'], { allow404: [/\/widgets\/w1(\?\S*)? 404$/] });
  await k.run(['delete', 'widget', 'w1', '-n', ns, '--wait=false']);
  assert.equal(await waitDelete.exited(), 0, waitDelete.output());
}

/** `describe` of a custom resource shows its events (the events list by involvedObject field selectors). */
async function describeWithEvents(k: Kubectl, ns: string): Promise<void> {
  const uid = (await k.run(['get', 'widget', 'w1', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).stdout;
  const event = k.file('event.yaml', `apiVersion: v1\nkind: Event\nmetadata:\n  name: w1.1\n  namespace: ${ns}\ninvolvedObject:\n  apiVersion: example.com/v1\n  kind: Widget\n  name: w1\n  namespace: ${ns}\n  uid: ${uid}\nreason: Painted\nmessage: the widget was painted blue\ntype: Normal\nsource:\n  component: flotilla\ncount: 2\nfirstTimestamp: "2025-01-01T00:00:00Z"\nlastTimestamp: "2025-01-01T00:00:10Z"\n`);
  assert.equal((await k.run(['create', '-f', event])).stdout, 'event/w1.1 created\n');
  const r = await k.run(['describe', 'widget', 'w1', '-n', ns]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Name:\s+w1$/m);
  assert.match(r.stdout, /^ {2}Color:\s+blue$/m);
  assert.match(r.stdout, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n.*\n\s+Normal\s+Painted\s+\S+ \(x2 over \S+\)\s+flotilla\s+the widget was painted blue\n$/m);
  assert.ok(r.requests.some((e) => e.url.includes('/events?') && e.url.includes('involvedObject.kind%3DWidget')), r.requests.map((e) => e.url).join('\n'));
  const events = await k.run(['get', 'events', '-n', ns]);
  assert.match(events.stdout, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\S+\s+Normal\s+Painted\s+widget\/w1\s+the widget was painted blue\n$/);
}

/** `describe` of a Secret: its data sizes, never its values. */
export async function describeSecret(k: Kubectl, ns: string): Promise<void> {
  const r = await k.run(['describe', 'secret', 'gcpsm-secret', '-n', ns]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Name:\s+gcpsm-secret$/m);
  assert.match(r.stdout, /^Type:\s+Opaque$/m);
  assert.match(r.stdout, /^user:\s+5 bytes$/m);
  assert.doesNotMatch(r.stdout, /admin/);
}

export async function authAndRaw(k: Kubectl): Promise<void> {
  assert.equal((await k.run(['auth', 'can-i', 'get', 'secrets'])).stdout, 'yes\n');
  assert.equal((await k.run(['auth', 'can-i', 'create', 'widgets.example.com', '--all-namespaces'])).stdout, 'yes\n');
  const raw = await k.run(['get', '--raw', '/api/v1/namespaces/default']);
  assert.equal((JSON.parse(raw.stdout) as { metadata: { name: string } }).metadata.name, 'default');
  assert.equal((await k.run(['get', '--raw', '/healthz'])).stdout, 'ok');
  const openapi = JSON.parse((await k.run(['get', '--raw', '/openapi/v3'])).stdout) as { paths: Record<string, unknown> };
  assert.ok(openapi.paths['api/v1'] && openapi.paths['apis/coordination.k8s.io/v1']);
}

export async function explain(k: Kubectl): Promise<void> {
  const secret = await k.run(['explain', 'secret.data']);
  assert.equal(secret.code, 0, secret.stderr);
  assert.match(secret.stdout, /^FIELD: data <map\[string\]string>$/m);
  const widget = await k.run(['explain', 'widgets.spec']);
  assert.equal(widget.code, 0, widget.stderr);
  assert.match(widget.stdout, /^GROUP:\s+example.com$/m);
  assert.match(widget.stdout, /^ {2}color\s+<string>\n {4}The color of the widget.$/m);
}

/** `apply -f` of a `kind: List` (what `get -o yaml` prints) under default validation, twice; then a List with an unknown CR field. */
export async function applyList(k: Kubectl, ns: string): Promise<void> {
  const list = (extra = ''): string => k.file('list.yaml', `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata: {name: l-secret, namespace: ${ns}}
  stringData: {user: admin}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: l-config, namespace: ${ns}}
  data: {a: "1"}
- apiVersion: example.com/v1
  kind: Widget
  metadata: {name: l-widget, namespace: ${ns}}
  spec: {color: green${extra}}
`);
  const allow404 = [absent('secrets', 'l-secret'), absent('configmaps', 'l-config'), absent('widgets', 'l-widget')];
  const first = await k.run(['apply', '-f', list()], { allow404 });
  assert.equal(first.stdout, 'secret/l-secret created\nconfigmap/l-config created\nwidget.example.com/l-widget created\n', first.stderr);
  assert.equal(first.requests.filter((e) => e.url.startsWith('/openapi/v2')).length, 1, 'one OpenAPI v2 download per command');
  const second = await k.run(['apply', '-f', list()]);
  assert.equal(second.stdout, 'secret/l-secret configured\nconfigmap/l-config unchanged\nwidget.example.com/l-widget unchanged\n', second.stderr);
  const bad = await k.run(['apply', '-f', list(', shape: round')], { allowStatus: [400] });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /strict decoding error: unknown field "spec.shape"/);
}
