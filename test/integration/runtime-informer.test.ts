// The reflector and informer against the real embedded API server over HTTP: sync and events,
// filtered informers and indexes, recovery after a server restart, relist after compaction (410),
// and watch-list mode. Runtime time is a ManualClock: backoff only passes when the test says so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Informer, labelIndexFunc } from '../../src/runtime/index.js';
import { ManualClock } from '../../src/util/index.js';
import { CM, type RestartableServer, clientFor, eventually, quietLog, startServer } from '../support/runtime.js';

let server: RestartableServer;
before(async () => {
  server = await startServer();
});
after(() => server.stop());

function track(informer: Informer): string[] {
  const events: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => events.push(`add:${o.metadata?.name}${initial ? ':initial' : ''}`),
    onUpdate: (_o, n) => events.push(`update:${n.metadata?.name}`),
    onDelete: (o) => events.push(`delete:${o.metadata?.name}`),
  });
  return events;
}

test('an informer lists in pages, then follows changes; a label-filtered one keeps only its objects; indexes answer', async () => {
  const client = clientFor(server.url);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'inf' } });
  for (let i = 0; i < 5; i++) await client.create({ ...CM, metadata: { name: `pre-${i}`, namespace: 'inf', labels: { team: i % 2 ? 'odd' : 'even' } } });
  const clock = new ManualClock(0);
  const all = new Informer({ client, gvk: CM, namespace: 'inf', clock, pageSize: 2, log: quietLog, indexers: { team: labelIndexFunc('team') } });
  const odd = new Informer({ client, gvk: CM, namespace: 'inf', labelSelector: 'team=odd', clock, log: quietLog });
  const events = track(all);
  const oddEvents = track(odd);
  all.start();
  odd.start();
  await all.waitForSync();
  await odd.waitForSync();
  assert.equal(all.size, 5);
  assert.deepEqual(odd.list().map((o) => o.metadata?.name).sort(), ['pre-1', 'pre-3']);
  assert.deepEqual(all.byIndex('team', 'even').map((o) => o.metadata?.name).sort(), ['pre-0', 'pre-2', 'pre-4']);
  assert.ok(events.every((e) => e.endsWith(':initial')));
  await client.create({ ...CM, metadata: { name: 'live', namespace: 'inf', labels: { team: 'odd' } } });
  await client.patch(CM, 'pre-0', { metadata: { labels: { team: 'odd' } } }, { type: 'merge', namespace: 'inf' });
  await client.delete(CM, 'pre-1', { namespace: 'inf' });
  await eventually(() => events.length === 8 && oddEvents.length === 5, 'events');
  assert.deepEqual(events.slice(5), ['add:live', 'update:pre-0', 'delete:pre-1']);
  assert.deepEqual(oddEvents.slice(2), ['add:live', 'add:pre-0', 'delete:pre-1']);
  assert.deepEqual(all.byIndex('team', 'odd').map((o) => o.metadata?.name).sort(), ['live', 'pre-0', 'pre-3']);
  assert.equal(all.get('live', 'inf')?.metadata?.managedFields, undefined, 'managedFields are stripped from the cache');
  await Promise.all([all.stop(), odd.stop()]);
});

/** Creates `names` in a fresh namespace, syncs an informer on a ManualClock, then restarts the server under it. */
async function informerThroughRestart(ns: string, names: string[]): Promise<{ informer: Informer; events: string[]; clock: ManualClock }> {
  const client = clientFor(server.url);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const name of names) await client.create({ ...CM, metadata: { name, namespace: ns } });
  const clock = new ManualClock(0);
  const errors: unknown[] = [];
  const informer = new Informer({ client, gvk: CM, namespace: ns, clock, log: quietLog, random: () => 0, onError: (e) => errors.push(e) });
  const events = track(informer);
  informer.start();
  await informer.waitForSync();
  await server.restart(async () => {
    // While the server is down the watch fails; the reflector waits on its backoff timer.
    await eventually(() => errors.length > 0, 'the watch to fail');
  });
  return { informer, events, clock };
}

test('informers recover after the API server restarts, without relisting what they already have', async () => {
  const client = clientFor(server.url);
  const { informer, events, clock } = await informerThroughRestart('restart', ['before']);
  await client.create({ ...CM, metadata: { name: 'after', namespace: 'restart' } });
  await clock.advance(30_000);
  await eventually(() => informer.get('after', 'restart') !== undefined, 'the object created after the restart');
  assert.deepEqual(events, ['add:before:initial', 'add:after']);
  await informer.stop();
});

test('after compaction (410 Expired) the informer relists and notices deletions it missed', async () => {
  const client = clientFor(server.url);
  const { informer, events, clock } = await informerThroughRestart('compact', ['keep', 'doomed']);
  // Changes the informer does not see, then a compaction that makes its resourceVersion too old.
  await client.delete(CM, 'doomed', { namespace: 'compact' });
  await client.create({ ...CM, metadata: { name: 'born', namespace: 'compact' } });
  await server.backend.compact(server.backend.currentRevision());
  await clock.advance(30_000);
  await eventually(() => informer.get('born', 'compact') !== undefined && informer.get('doomed', 'compact') === undefined, 'the relist');
  assert.deepEqual(events.slice(2).sort(), ['add:born', 'delete:doomed']);
  await informer.stop();
});

test('watch-list mode: the initial state comes from a sendInitialEvents watch', async () => {
  const client = clientFor(server.url);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wl' } });
  await client.create({ ...CM, metadata: { name: 'a', namespace: 'wl' } });
  const informer = new Informer({ client, gvk: CM, namespace: 'wl', clock: new ManualClock(0), watchList: true, log: quietLog });
  const events = track(informer);
  informer.start();
  await informer.waitForSync();
  assert.deepEqual(events, ['add:a:initial']);
  await client.create({ ...CM, metadata: { name: 'b', namespace: 'wl' } });
  await eventually(() => events.length === 2, 'the live event');
  assert.deepEqual(events, ['add:a:initial', 'add:b']);
  await informer.stop();
});
