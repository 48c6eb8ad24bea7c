// Multi-cluster: a controller watches ConfigMaps in every remote cluster (logical clusters of the
// embedded API server) and mirrors them; clusters join and leave at run time; a cluster whose
// API server accepts connections but never answers holds only its own share of the workers and
// its own informer, while every other cluster converges.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isNotFound } from '../../src/kube/index.js';
import { Manager, RuntimeMetrics, ControllerBuilder, reconcilerFunc } from '../../src/runtime/index.js';
import { ManualClock } from '../../src/util/index.js';
import { CM, type RestartableServer, clientFor, eventually, quietLog, startServer } from '../support/runtime.js';

let server: RestartableServer;
let blackhole: Server;
const sockets: Socket[] = [];
let deadUrl: string;

before(async () => {
  server = await startServer();
  for (const name of ['east', 'west', 'north', 'late']) await server.api.clusters.create(name);
  blackhole = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(blackhole.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => blackhole.close(() => resolve()));
  await server.stop();
});

const clusterUrl = (name: string): string => `${server.url}/clusters/${name}`;

test('remote clusters join and leave at run time; a hanging cluster does not hold up the others', { timeout: 60_000 }, async () => {
  for (const name of ['east', 'west', 'north', 'late']) {
    await clientFor(clusterUrl(name)).create({ ...CM, metadata: { name: 'source', namespace: 'default', labels: { mirror: 'yes' } }, data: { from: name } });
  }
  const clock = new ManualClock(0);
  const manager = new Manager({ client: clientFor(server.url), log: quietLog, clock, metrics: new RuntimeMetrics(), gracefulShutdownMs: 1000 });
  const passes = new Map<string, number>();
  const controller = new ControllerBuilder(manager)
    .watchesRemote(CM, { labelSelector: 'mirror=yes' })
    .withOptions({ name: 'mirror', maxConcurrentReconciles: 4, maxConcurrentReconcilesPerCluster: 1 })
    .complete(reconcilerFunc(async (req, ctx) => {
      passes.set(req.cluster!, (passes.get(req.cluster!) ?? 0) + 1);
      const cluster = manager.clusters.get(req.cluster!);
      if (!cluster) return {};
      const source = await cluster.client.get(CM, req.name, { namespace: req.namespace!, signal: ctx.signal }).catch((e: unknown) => {
        if (isNotFound(e)) return undefined;
        throw e;
      });
      if (!source) return {};
      await cluster.client.apply({ ...CM, metadata: { name: `${req.name}-mirror`, namespace: req.namespace }, data: source.data }, { fieldManager: 'mirror', signal: ctx.signal });
      return {};
    }));
  // The dead cluster: requests hang (no answer, long timeout) rather than fail fast.
  await manager.clusters.add('dead', { server: deadUrl }, { clientSettings: { timeoutMs: 600_000, qps: Infinity } });
  for (const name of ['east', 'west']) await manager.clusters.add(name, { server: clusterUrl(name) }, { clientSettings: { qps: Infinity } });
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  // Work for the dead cluster is queued at once: its reconciles hang on the dead server.
  for (const name of ['a', 'b', 'c']) controller.enqueue({ cluster: 'dead', namespace: 'default', name });
  const mirrored = async (name: string): Promise<boolean> => clientFor(clusterUrl(name)).get(CM, 'source-mirror', { namespace: 'default' }).then(() => true, () => false);
  await eventually(async () => (await mirrored('east')) && (await mirrored('west')), 'east and west to converge');
  // A cluster joining later is engaged: its informer starts and its objects are reconciled.
  await manager.clusters.add('north', { server: clusterUrl('north') }, { clientSettings: { qps: Infinity } });
  await eventually(() => mirrored('north'), 'north to converge after joining');
  const dead = manager.clusters.get('dead')!;
  assert.equal(dead.cache.informers()[0]?.hasSynced, false, 'the dead cluster never synced');
  assert.ok(manager.cache.hasSynced, 'the management cache is unaffected');
  // Leaving: the informer stops, later changes there are not reconciled.
  await manager.clusters.remove('west');
  await clientFor(clusterUrl('west')).patch(CM, 'source', { data: { from: 'changed' } }, { type: 'merge', namespace: 'default' });
  await clientFor(clusterUrl('east')).patch(CM, 'source', { data: { from: 'changed' } }, { type: 'merge', namespace: 'default' });
  await eventually(async () => ((await clientFor(clusterUrl('east')).get(CM, 'source-mirror', { namespace: 'default' })).data as Record<string, string>).from === 'changed', 'east to follow the change');
  const westMirror = await clientFor(clusterUrl('west')).get(CM, 'source-mirror', { namespace: 'default' });
  assert.equal((westMirror.data as Record<string, string>).from, 'west', 'a removed cluster is no longer reconciled');
  assert.equal(passes.has('late'), false);
  assert.equal(passes.get('dead'), 1, 'one reconcile of the dead cluster hangs; its other requests wait their turn');
  stop.abort();
  // The hanging reconcile gets the grace period, then its signal aborts its request.
  await eventually(() => clock.pendingTimers > 0, 'the grace timer');
  await clock.advance(1000);
  await running;
});
