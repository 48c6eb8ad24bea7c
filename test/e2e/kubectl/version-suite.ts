/**
 * The representative subset every supported kubectl version runs (1.29 to 1.33 with default
 * settings), and the smoke test of 1.27/1.28 (`--validate=false`, plus the `kind: List` apply that
 * the minimal OpenAPI v2 document makes work under default validation too).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kubectl, type KubectlServer, kubectlOrSkip, startKubectlServer } from '../../support/kubectl.js';
import * as s from './scenarios.js';

/** Registers the subset for kubectl `minor` (for example "1.30"). */
export function versionSuite(minor: string): void {
  const { binary, skip } = kubectlOrSkip(minor);
  const ns = `v${minor.replace('.', '-')}`;
  describe(`kubectl ${minor}: representative commands`, { skip }, () => {
    let server: KubectlServer;
    const kubectl = (): Kubectl => new Kubectl(binary!, server);
    before(async () => {
      server = await startKubectlServer();
    });
    after(() => server.stop());

    test('version, api-resources, create namespace', async () => {
      const k = kubectl();
      await s.version(k);
      await s.apiResources(k);
      await s.namespace(k, ns);
      await s.installWidgets(k);
    });
    test('create secret generic, create configmap', async () => {
      const k = kubectl();
      await s.createSecret(k, ns);
      await s.createConfigMap(k, ns);
    });
    test('get: Table and output formats', async () => {
      const k = kubectl();
      await s.getTable(k, ns);
      await s.getFormats(k, ns);
    });
    test('apply: client-side, server-side, kind: List', async () => {
      const k = kubectl();
      await s.applyClientSide(k, ns);
      await s.applyServerSide(k, ns);
      await s.applyList(k, ns);
    });
    test('patch, label, annotate, diff', async () => {
      const k = kubectl();
      await s.patchLabelAnnotate(k, ns);
      await s.diff(k, ns);
    });
    test('custom resources and explain', async () => {
      const k = kubectl();
      await s.customResources(k, ns);
      await s.explain(k);
    });
    test('auth can-i, delete', async () => {
      const k = kubectl();
      await s.authAndRaw(k);
      await s.deletes(k, ns);
    });
  });
}

/** kubectl 1.27 and 1.28: no OpenAPI v3 validation path; they work with --validate=false. */
export function legacySuite(minor: string): void {
  const { binary, skip } = kubectlOrSkip(minor);
  const ns = `v${minor.replace('.', '-')}`;
  describe(`kubectl ${minor}: smoke test with --validate=false`, { skip }, () => {
    let server: KubectlServer;
    before(async () => {
      server = await startKubectlServer();
    });
    after(() => server.stop());

    test('version, namespaces, secrets, apply --validate=false, server-side apply, List apply, delete', async () => {
      const k = new Kubectl(binary!, server);
      await s.version(k);
      await s.namespace(k, ns);
      await s.createSecret(k, ns);
      const path = (v: string): string => k.file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  namespace: ${ns}\ndata: {v: "${v}"}\n`);
      assert.equal((await k.run(['apply', '--validate=false', '-f', path('1')], { allow404: [s.absent('configmaps', 'legacy')] })).stdout, 'configmap/legacy created\n');
      assert.equal((await k.run(['apply', '--validate=false', '-f', path('2')])).stdout, 'configmap/legacy configured\n');
      assert.equal((await k.run(['apply', '--server-side', '--validate=false', '-f', path('3')])).stdout, 'configmap/legacy serverside-applied\n');
      await s.installWidgets(k);
      await s.applyList(k, ns);
      assert.match((await k.run(['get', 'configmaps', '-n', ns])).stdout, /^NAME\s+DATA\s+AGE\n/);
      assert.equal((await k.run(['delete', 'configmap', 'legacy', '-n', ns], { allow404: [/\/configmaps\/legacy(\?\S*)? 404$/] })).stdout, 'configmap "legacy" deleted\n');
      assert.equal((await k.run(['auth', 'can-i', 'delete', 'secrets'])).stdout, 'yes\n');
    });
  });
}
