import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryBackend } from '../store/index.js';
import { ManualClock } from '../util/index.js';
import { ClusterError, LogicalClusters, ROOT_CLUSTER } from './clusters.js';
import { BuiltinTypes } from './registry/registry.js';

test('clusters are created, listed, persisted in the store and deleted with their objects', async () => {
  const backend = createMemoryBackend();
  const initialized: string[] = [];
  const options = { backend, builtins: new BuiltinTypes([]), clock: new ManualClock(0), initialize: (c: { name: string }) => { initialized.push(c.name); return Promise.resolve(); } };
  const clusters = await LogicalClusters.open(options);
  assert.equal(clusters.root.name, ROOT_CLUSTER);
  const edge = await clusters.create('edge-1');
  await backend.create(`${edge.keyPrefix}secrets/default/s`, Buffer.from('{}'));
  await assert.rejects(clusters.create('edge-1'), (e: unknown) => e instanceof ClusterError && e.code === 'CLUSTER_EXISTS');
  await assert.rejects(clusters.create('Bad_Name'), (e: unknown) => e instanceof ClusterError && e.code === 'CLUSTER_INVALID');
  await assert.rejects(clusters.create(ROOT_CLUSTER), ClusterError);
  assert.deepEqual(clusters.names(), ['edge-1', 'root']);

  const reopened = await LogicalClusters.open(options);
  assert.deepEqual(reopened.names(), ['edge-1', 'root']);
  assert.equal(reopened.get('edge-1')?.uid, edge.uid);
  assert.deepEqual(initialized, ['root', 'edge-1'], 'initialization runs once per cluster, not on reload');

  await backend.create(`${edge.keyPrefix}configmaps/default/c`, Buffer.from('{}'));
  await backend.create('/edge-10/configmaps/default/other', Buffer.from('{}'));
  const commits: number[][] = [];
  const watch = backend.watch({
    prefix: '/', afterRevision: backend.currentRevision(), onEvents: (events) => commits.push(events.map((e) => e.kv.modRevision)),
  });
  await reopened.delete('edge-1');
  watch.cancel();
  assert.equal(reopened.get('edge-1'), undefined);
  assert.equal(backend.count(edge.keyPrefix), 0);
  assert.equal(backend.count('/edge-10/'), 1, 'a cluster whose name extends the deleted one is untouched');
  assert.equal(commits.length, 1, 'the record and every object are deleted in one commit');
  assert.equal(commits[0]!.length, 3);
  assert.equal((await LogicalClusters.open(options)).get('edge-1'), undefined);
  await assert.rejects(reopened.delete(ROOT_CLUSTER), ClusterError);
  await assert.rejects(reopened.delete('edge-1'), (e: unknown) => e instanceof ClusterError && e.code === 'CLUSTER_NOT_FOUND');
  await backend.close();
});
