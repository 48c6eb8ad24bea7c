/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON bodies */
// Real-world CRD shapes through @kubernetes/client-node 1.4.0: a Sveltos ClusterProfile
// (config.projectsveltos.io/v1beta1) and an ESO ExternalSecret (external-secrets.io v1 served
// and stored, v1beta1 served) load, establish, default, validate, select and watch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import { type TestServer, startTestServer } from '../support/apiserver.js';

let ts: TestServer;
let kc: k8s.KubeConfig;

/** A manifest loaded the way client-node users load one (into its typed model). */
function fixture(name: string): k8s.V1CustomResourceDefinition {
  return k8s.loadYaml<k8s.V1CustomResourceDefinition>(readFileSync(fileURLToPath(new URL(`../fixtures/crds/${name}.yaml`, import.meta.url)), 'utf8'));
}

async function rejection(promise: Promise<unknown>): Promise<{ code: number; body: any }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof k8s.ApiException, `expected the API to refuse, got ${String(error)}`);
  return { code: error.code, body: JSON.parse(error.body as string) };
}

before(async () => {
  ts = await startTestServer();
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: ts.url, skipTLSVerify: true }], users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  for (const name of ['clusterprofiles.config.projectsveltos.io', 'externalsecrets.external-secrets.io']) {
    const created = await ext.createCustomResourceDefinition({ body: fixture(name) });
    assert.equal(created.metadata?.name, name);
    const established = await ext.readCustomResourceDefinition({ name });
    assert.deepEqual(established.status?.conditions?.map((c) => [c.type, c.status]), [['NamesAccepted', 'True'], ['Established', 'True']]);
  }
});
after(() => ts.stop());

test('Sveltos ClusterProfile v1beta1: defaults, IntOrString, list-map keys and enums as Sveltos relies on', async () => {
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const profile = {
    apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name: 'deploy-resources' },
    spec: {
      clusterSelector: { matchLabels: { env: 'fv' } },
      templateResourceRefs: [{ resource: { apiVersion: 'v1', kind: 'Secret', name: 'imported-secret', namespace: 'default' }, identifier: 'ExternalSecret' }],
      policyRefs: [{ kind: 'ConfigMap', name: 'info', namespace: 'default' }],
      maxUpdate: '50%',
    },
  };
  const created: any = await custom.createClusterCustomObject({ group: 'config.projectsveltos.io', version: 'v1beta1', plural: 'clusterprofiles', body: profile });
  assert.deepEqual(created.spec, {
    clusterSelector: { matchLabels: { env: 'fv' } },
    templateResourceRefs: [{ resource: { apiVersion: 'v1', kind: 'Secret', name: 'imported-secret', namespace: 'default' }, identifier: 'ExternalSecret', optional: false }],
    policyRefs: [{ kind: 'ConfigMap', name: 'info', namespace: 'default', deploymentType: 'Remote', optional: false, tier: 100 }],
    maxUpdate: '50%',
    syncMode: 'Continuous', tier: 100, continueOnConflict: false, continueOnError: false, stopMatchingBehavior: 'WithdrawPolicies', reloader: false,
  });

  const invalid = (name: string, spec: Record<string, unknown>): Promise<unknown> => custom.createClusterCustomObject({
    group: 'config.projectsveltos.io', version: 'v1beta1', plural: 'clusterprofiles', body: { ...profile, metadata: { name }, spec: { ...profile.spec, ...spec } },
  });
  const cases: [Record<string, unknown>, string][] = [
    [{ syncMode: 'Sometimes' }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: spec.syncMode: Unsupported value: "Sometimes": supported values: "OneTime", "Continuous", "ContinuousWithDriftDetection", "DryRun"'],
    [{ maxUpdate: 'half' }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: spec.maxUpdate: Invalid value: "half": spec.maxUpdate in body should match \'^((100|[0-9]{1,2})%|[0-9]+)$\''],
    // kube-openapi reports the type, the anyOf and the closest alternative's failure; apiextensions
    // prints the anyOf error without a field (nil path) and an empty value.
    [{ maxUpdate: true }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: [spec.maxUpdate: Invalid value: "boolean": spec.maxUpdate in body must be of type integer,string: "boolean", <nil>: Invalid value: "": "spec.maxUpdate" must validate at least one schema (anyOf), spec.maxUpdate: Invalid value: "boolean": spec.maxUpdate in body must be of type integer: "boolean"]'],
    [{ tier: 0 }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: spec.tier: Invalid value: 0: spec.tier in body should be greater than or equal to 1'],
    [{ templateResourceRefs: [{ identifier: 'a', resource: {} }, { identifier: 'a', resource: {} }] }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: spec.templateResourceRefs[1]: Duplicate value: {"identifier":"a"}'],
    [{ policyRefs: [{ kind: 'Deployment', name: '' }] }, 'ClusterProfile.config.projectsveltos.io "bad" is invalid: [spec.policyRefs[0].kind: Unsupported value: "Deployment": supported values: "ConfigMap", "Secret", "GitRepository", "OCIRepository", "Bucket", spec.policyRefs[0].name: Invalid value: "": spec.policyRefs[0].name in body should be at least 1 chars long]'],
  ];
  for (const [spec, message] of cases) {
    const refused = await rejection(invalid('bad', spec));
    assert.equal(refused.code, 422);
    assert.equal(refused.body.reason, 'Invalid');
    assert.equal(refused.body.message, message);
  }
  const listed: any = await custom.listClusterCustomObject({ group: 'config.projectsveltos.io', version: 'v1beta1', plural: 'clusterprofiles' });
  assert.deepEqual(listed.items.map((i: any) => i.metadata.name), ['deploy-resources']);
});

test('ESO ExternalSecret: v1beta1 manifests apply, are stored as v1 with v1\'s defaults, and select and watch in v1', async () => {
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const events: string[] = [];
  const informer = k8s.makeInformer(kc, '/apis/external-secrets.io/v1/namespaces/default/externalsecrets',
    () => custom.listNamespacedCustomObject({ group: 'external-secrets.io', version: 'v1', namespace: 'default', plural: 'externalsecrets' }));
  informer.on('add', (o: any) => events.push(`add ${String(o.apiVersion)} ${String(o.metadata?.name)}`));
  await informer.start();

  const seedManifest = {
    apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'gcp-external-secret' },
    spec: { secretStoreRef: { kind: 'SecretStore', name: 'gcp-backend' }, target: { name: 'imported-secret' }, data: [{ secretKey: 'content', remoteRef: { key: 'yoursecret' } }] },
  };
  const created: any = await custom.createNamespacedCustomObject({ group: 'external-secrets.io', version: 'v1beta1', namespace: 'default', plural: 'externalsecrets', body: seedManifest });
  assert.equal(created.apiVersion, 'external-secrets.io/v1beta1');
  const v1: any = await custom.getNamespacedCustomObject({ group: 'external-secrets.io', version: 'v1', namespace: 'default', plural: 'externalsecrets', name: 'gcp-external-secret' });
  assert.equal(v1.apiVersion, 'external-secrets.io/v1');
  assert.deepEqual(v1.spec, {
    secretStoreRef: { kind: 'SecretStore', name: 'gcp-backend' },
    target: { name: 'imported-secret', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: [{ secretKey: 'content', remoteRef: { key: 'yoursecret', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } }],
    refreshInterval: '1h',
  });

  const other = { ...seedManifest, apiVersion: 'external-secrets.io/v1', metadata: { name: 'other' }, spec: { ...seedManifest.spec, secretStoreRef: { kind: 'ClusterSecretStore', name: 'shared' } } };
  await custom.createNamespacedCustomObject({ group: 'external-secrets.io', version: 'v1', namespace: 'default', plural: 'externalsecrets', body: other });
  const selected: any = await custom.listNamespacedCustomObject({
    group: 'external-secrets.io', version: 'v1', namespace: 'default', plural: 'externalsecrets', fieldSelector: 'spec.secretStoreRef.name=gcp-backend',
  });
  assert.deepEqual(selected.items.map((i: any) => i.metadata.name), ['gcp-external-secret']);
  const badKey = await rejection(custom.createNamespacedCustomObject({
    group: 'external-secrets.io', version: 'v1', namespace: 'default', plural: 'externalsecrets',
    body: { ...other, metadata: { name: 'bad-key' }, spec: { ...other.spec, data: [{ secretKey: 'no spaces', remoteRef: { key: 'k' } }] } },
  }));
  assert.equal(badKey.body.message, 'ExternalSecret.external-secrets.io "bad-key" is invalid: spec.data[0].secretKey: Invalid value: "no spaces": spec.data[0].secretKey in body should match \'^[-._a-zA-Z0-9]+$\'');

  const deadline = Date.now() + 5000;
  while (events.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await informer.stop();
  assert.deepEqual(events.sort(), ['add external-secrets.io/v1 gcp-external-secret', 'add external-secrets.io/v1 other']);
  const crd = ts.server.clusters.root.registry.get('externalsecrets.external-secrets.io');
  assert.deepEqual(crd?.customResource?.versions.map((v) => [v.name, v.served, v.storage, v.deprecated, v.printerColumns.length]), [['v1', true, true, false, 6], ['v1beta1', true, false, true, 4]]);
});
