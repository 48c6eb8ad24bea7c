// Every command of the kubectl compatibility list, on kubectl 1.32 (the version `/version`
// announces, so gcloud's dispatcher would pick it too), against a server configured like
// `flotilla apiserver`: HTTPS, bearer tokens, Secrets encrypted at rest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kubectl, type KubectlServer, kubectlOrSkip, startKubectlServer } from '../../support/kubectl.js';
import * as s from './scenarios.js';

const { binary, skip } = kubectlOrSkip('1.32');
const NS = 'full';

describe('kubectl 1.32: the full command list', { skip }, () => {
  let server: KubectlServer;
  const kubectl = (): Kubectl => new Kubectl(binary!, server);

  before(async () => {
    server = await startKubectlServer();
    const k = kubectl();
    await s.namespace(k, NS);
    await s.installWidgets(k);
  });
  after(() => server.stop());

  test('version', () => s.version(kubectl()));
  test('api-resources', () => s.apiResources(kubectl()));
  test('create secret generic --from-file/--from-literal (protobuf body)', () => s.createSecret(kubectl(), NS));
  test('create configmap', () => s.createConfigMap(kubectl(), NS));
  test('get: server-side Table, --show-labels, -L', () => s.getTable(kubectl(), NS));
  test('get: -o yaml|json|name|jsonpath|wide, NotFound', () => s.getFormats(kubectl(), NS));
  test('get: -l, -A, --chunk-size', () => s.getSelectAndPage(kubectl(), NS));
  test('get -w', () => s.getWatch(kubectl(), NS));
  test('describe a Secret', () => s.describeSecret(kubectl(), NS));
  test('apply (client-side): created, unchanged, configured', () => s.applyClientSide(kubectl(), NS));
  test('apply --server-side: conflict and --force-conflicts', () => s.applyServerSide(kubectl(), NS));
  test('diff (dryRun=All)', () => s.diff(kubectl(), NS));
  test('replace', () => s.replace(kubectl(), NS));
  test('patch (strategic, merge, json), label, annotate', () => s.patchLabelAnnotate(kubectl(), NS));
  test('delete: finalizers, --cascade, -l', () => s.deletes(kubectl(), NS));
  test('custom resources: apply, printer columns, describe with events, status, wait for a condition and for deletion', () => s.customResources(kubectl(), NS));
  test('auth can-i, get --raw', () => s.authAndRaw(kubectl()));
  test('explain a built-in and a custom resource', () => s.explain(kubectl()));
  test('apply -f of a kind: List under default validation', () => s.applyList(kubectl(), NS));

  test('create -f, and apply with finalizers and ownerReferences (strategic merge directives)', async () => {
    const k = kubectl();
    // The owners exist: the garbage collector deletes dependents whose owners do not, as kube's does.
    const uids = new Map<string, string>();
    for (const owner of ['p1', 'p2']) {
      await k.run(['create', 'configmap', owner, '-n', NS]);
      uids.set(owner, (await k.run(['get', 'configmap', owner, '-n', NS, '-o', 'jsonpath={.metadata.uid}'])).stdout);
    }
    const manifest = (finalizers: string, owner: string): string => k.file('directives.yaml', `apiVersion: v1
kind: ConfigMap
metadata:
  name: directives
  namespace: ${NS}
  finalizers: [${finalizers}]
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: ${owner}, uid: ${uids.get(owner)}}]
data: {k: v}
`);
    assert.equal((await k.run(['create', '-f', manifest('a.example/x, b.example/y', 'p1'), '--save-config'])).stdout, 'configmap/directives created\n');
    const changed = await k.run(['apply', '-f', manifest('b.example/y, c.example/z', 'p2')]);
    assert.equal(changed.stdout, 'configmap/directives configured\n', changed.stderr);
    const got = await k.run(['get', 'configmap', 'directives', '-n', NS, '-o', 'jsonpath={.metadata.finalizers} {.metadata.ownerReferences[*].name}']);
    assert.equal(got.stdout, '["b.example/y","c.example/z"] p2');
    await k.run(['patch', 'configmap', 'directives', '-n', NS, '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await k.run(['delete', 'configmap', 'directives', '-n', NS], { allow404: [/\/configmaps\/directives(\?\S*)? 404$/] });
    await k.run(['delete', 'configmap', 'p1', 'p2', '-n', NS], { allow404: [/\/configmaps\/p[12](\?\S*)? 404$/] });
  });

  test('apply -f - of a multi-document stream, as the user example pipes it', async () => {
    const k = kubectl();
    const stdin = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: piped\n  namespace: ${NS}\nstringData: {password: yoursecret}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: piped\n  namespace: ${NS}\nspec: {color: teal}\n`;
    const r = await k.run(['apply', '-f', '-'], { stdin, allow404: [s.absent('secrets', 'piped'), s.absent('widgets', 'piped')] });
    assert.equal(r.stdout, 'secret/piped created\nwidget.example.com/piped created\n', r.stderr);
    assert.equal((await k.run(['get', 'secret', 'piped', '-n', NS, '-o', 'jsonpath={.data.password}'])).stdout, Buffer.from('yoursecret').toString('base64'));
  });

  test('a logical cluster, addressed by /clusters/<name>, with its own token', async () => {
    await server.server.clusters.create('edge');
    const token = await server.server.tokens!.issue('edge');
    const k = new Kubectl(binary!, server, { clusterPath: '/clusters/edge', token });
    const path = k.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edge-config\n  namespace: default\ndata: {a: "1"}\n');
    assert.equal((await k.run(['apply', '-f', path], { allow404: [s.absent('configmaps', 'edge-config')] })).stdout, 'configmap/edge-config created\n');
    assert.equal((await k.run(['get', 'configmaps', '-n', 'default', '-o', 'name'])).stdout, 'configmap/edge-config\n');
    assert.match((await k.run(['explain', 'configmap.data'])).stdout, /^FIELD: data <map\[string\]string>$/m);
    const root = kubectl();
    assert.equal((await root.run(['get', 'configmap', 'edge-config', '-n', 'default', '--ignore-not-found'], { allow404: [/edge-config 404$/] })).stdout, '', 'clusters are isolated');
    const wrong = new Kubectl(binary!, server, { clusterPath: '/clusters/edge' });
    const refused = await wrong.run(['get', 'configmaps'], { allowStatus: [401] });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /You must be logged in to the server|Unauthorized/);
  });

  test('no Secret value in the data directory', () => {
    const needles = [
      ...['admin', '{"type":"service_account"', 'yoursecret'].map((v) => Buffer.from(v).toString('base64')),
      'yoursecret', 'secret-access-credentials', '"type":"service_account"',
    ];
    const files = readdirSync(server.dir).filter((f) => f.startsWith('apiserver.db')).map((f) => join(server.dir, f));
    assert.ok(files.length > 0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) assert.equal(bytes.includes(needle), false, `${file} contains ${needle}`);
    }
  });
});
