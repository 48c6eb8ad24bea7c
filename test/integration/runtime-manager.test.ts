 
// The manager, builder and a sample reconciler against the real embedded API server over HTTP:
// convergence (for/owns, status), error backoff and requeue-after on an injected clock, health,
// readiness and metrics endpoints, events with counts, leader election hand-over in-process, and
// graceful shutdown draining an in-flight reconcile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/api/object.js';
import { type KubeClient, isNotFound } from '../../src/kube/index.js';
import {
  type ReconcileContext, type Request, LeaderElector, Manager, RuntimeMetrics, controllerFor, generationChanged, itemExponentialRateLimiter, reconcilerFunc,
} from '../../src/runtime/index.js';
import { ManualClock, createRedactor, flushMicrotasks } from '../../src/util/index.js';
import { CM, type RestartableServer, clientFor, eventually, quietLog, startServer } from '../support/runtime.js';

const WIDGET = { apiVersion: 'example.com/v1', kind: 'Widget' } as const;
let server: RestartableServer;
let client: KubeClient;

before(async () => {
  server = await startServer();
  client = clientFor(server.url);
  await client.create({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
});
after(() => server.stop());

async function namespace(name: string): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** The sample reconciler: each Widget owns a ConfigMap `<name>-widget` holding its size; status reports the generation seen. */
function widgetReconciler(manager: Manager, passes: Request[]) {
  const widgets = manager.cache.informerFor({ gvk: WIDGET });
  return reconcilerFunc(async (req, ctx: ReconcileContext) => {
    passes.push(req);
    const widget = widgets.get(req.name, req.namespace);
    if (!widget || widget.metadata?.deletionTimestamp) return {};
    const size = String((widget.spec as { size?: number } | undefined)?.size ?? 0);
    const owner = { apiVersion: WIDGET.apiVersion, kind: WIDGET.kind, name: widget.metadata!.name!, uid: widget.metadata!.uid!, controller: true, blockOwnerDeletion: true };
    await manager.client.apply({ ...CM, metadata: { name: `${req.name}-widget`, namespace: req.namespace, ownerReferences: [owner] }, data: { size } }, { fieldManager: 'widget-controller', signal: ctx.signal });
    if ((widget.status as { observedGeneration?: number } | undefined)?.observedGeneration !== widget.metadata?.generation) {
      await manager.client.patchStatus(WIDGET, req.name, { status: { observedGeneration: widget.metadata?.generation, ready: true } }, { type: 'merge', namespace: req.namespace, signal: ctx.signal });
    }
    return {};
  });
}

function newManager(clock: ManualClock, extra: Partial<ConstructorParameters<typeof Manager>[0]> = {}): Manager {
  return new Manager({ client: clientFor(server.url), log: quietLog, clock, metrics: new RuntimeMetrics(), ...extra });
}

test('a sample reconciler converges: owned objects are created, restored after drift, and status reports the generation', async () => {
  await namespace('conv');
  const clock = new ManualClock(0);
  const manager = newManager(clock, { health: { host: '127.0.0.1', port: 0 } });
  const passes: Request[] = [];
  controllerFor(manager, WIDGET, { predicates: [] }).owns(CM).withOptions({ maxConcurrentReconciles: 4 }).complete(widgetReconciler(manager, passes));
  await client.create({ ...WIDGET, metadata: { name: 'w1', namespace: 'conv' }, spec: { size: 3 } });
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  const cm = async (): Promise<KubeObject | undefined> => client.get(CM, 'w1-widget', { namespace: 'conv' }).catch((e: unknown) => {
    if (isNotFound(e)) return undefined;
    throw e;
  });
  await eventually(async () => (await cm())?.data !== undefined, 'the owned ConfigMap');
  assert.deepEqual((await cm())!.data, { size: '3' });
  await client.patch(WIDGET, 'w1', { spec: { size: 5 } }, { type: 'merge', namespace: 'conv' });
  await eventually(async () => ((await cm())?.data as { size?: string })?.size === '5', 'the new size');
  const widget = await client.get(WIDGET, 'w1', { namespace: 'conv' });
  await eventually(async () => ((await client.get(WIDGET, 'w1', { namespace: 'conv' })).status as { observedGeneration?: number })?.observedGeneration === widget.metadata?.generation, 'the status');
  // Drift: someone deletes the owned ConfigMap; the owns() watch maps it back to its Widget.
  await client.delete(CM, 'w1-widget', { namespace: 'conv' });
  await eventually(async () => (await cm()) !== undefined, 'the restored ConfigMap');
  const { port } = manager.address!;
  const base = `http://127.0.0.1:${port}`;
  assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok');
  assert.equal(await (await fetch(`${base}/readyz`)).text(), 'ok');
  const verbose = await (await fetch(`${base}/readyz?verbose`)).text();
  assert.equal(verbose, '[+]informers ok\nhealthz check passed\n');
  const metrics = await (await fetch(`${base}/metrics`)).text();
  assert.match(metrics, /^controller_runtime_reconcile_total\{controller="widget",result="success"\} [1-9]\d*$/m);
  assert.match(metrics, /^workqueue_adds_total\{name="widget",controller="widget"\} [1-9]\d*$/m);
  assert.match(metrics, /^controller_runtime_max_concurrent_reconciles\{controller="widget"\} 4$/m);
  stop.abort();
  await running;
  assert.ok(passes.every((p) => p.namespace === 'conv' && p.name === 'w1'));
});

test('errors back off exponentially on the injected clock; requeueAfter brings the next pass; generationChanged filters status-only updates', async () => {
  await namespace('retry');
  const clock = new ManualClock(0);
  const manager = newManager(clock);
  const times: number[] = [];
  let completed = 0;
  let failures = 2;
  controllerFor(manager, WIDGET, { namespace: 'retry' }).withEventFilter(generationChanged)
    .withOptions({ name: 'retrying', rateLimiter: itemExponentialRateLimiter(1000, 60_000) })
    .complete(reconcilerFunc(async (req) => {
      times.push(clock.now());
      if (failures-- > 0) throw new Error('the backend is not ready');
      await manager.client.patchStatus(WIDGET, req.name, { status: { pass: times.length } }, { type: 'merge', namespace: req.namespace });
      completed++;
      return { requeueAfterMs: 10_000 };
    }));
  await client.create({ ...WIDGET, metadata: { name: 'flaky', namespace: 'retry' }, spec: { size: 1 } });
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  await eventually(() => times.length === 1, 'the first pass');
  await clock.advance(999);
  assert.equal(times.length, 1);
  await clock.advance(1);
  await eventually(() => times.length === 2, 'the first retry');
  await clock.advance(2000);
  await eventually(() => completed === 1 && clock.pendingTimers > 0, 'the second retry to succeed');
  const afterSuccess = times.length;
  await clock.advance(9_999);
  await flushMicrotasks();
  assert.equal(times.length, afterSuccess, 'the status write did not trigger a pass (generationChanged)');
  await clock.advance(1);
  await eventually(() => times.length === 4, 'the requeue-after pass');
  assert.deepEqual(times, [0, 1000, 3000, 13000]);
  stop.abort();
  await running;
});

test('events: repeats of one event raise its count instead of creating new ones; secret values are redacted', async () => {
  await namespace('ev');
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const redactor = createRedactor();
  redactor.add('hunter2-canary');
  const manager = newManager(clock, { redactor });
  const recorder = manager.eventRecorder('widget-controller');
  const widget: KubeObject = await client.create({ ...WIDGET, metadata: { name: 'noisy', namespace: 'ev' }, spec: {} });
  recorder.event(widget, 'Warning', 'SyncFailed', 'could not read hunter2-canary from the store');
  await recorder.flush();
  await clock.advance(5000);
  recorder.event(widget, 'Warning', 'SyncFailed', 'could not read hunter2-canary from the store');
  recorder.event(widget, 'Normal', 'Synced', 'ok');
  await recorder.flush();
  const events = (await client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'ev', fieldSelector: 'involvedObject.name=noisy' })).items as (KubeObject & Record<string, unknown>)[];
  const failed = events.find((e) => e.reason === 'SyncFailed')!;
  assert.equal(events.length, 2);
  assert.equal(failed.count, 2);
  assert.equal(failed.message, 'could not read [REDACTED] from the store');
  assert.equal(failed.firstTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(failed.lastTimestamp, '2026-01-01T00:00:05Z');
  assert.deepEqual(failed.involvedObject, { kind: 'Widget', namespace: 'ev', name: 'noisy', uid: widget.metadata?.uid, apiVersion: 'example.com/v1', resourceVersion: widget.metadata?.resourceVersion });
  assert.deepEqual(failed.source, { component: 'widget-controller' });
  assert.match(failed.metadata?.name ?? '', /^noisy\.[0-9a-f]+$/);
});

test('leader election: one holder at a time; a crashed leader is replaced after the lease duration, a clean one at once', async () => {
  await namespace('le');
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const options = { client, namespace: 'le', name: 'flotilla-leader', clock, random: () => 0, log: quietLog };
  const a = new LeaderElector({ ...options, identity: 'a' });
  const b = new LeaderElector({ ...options, identity: 'b' });
  assert.equal(await a.acquire(new AbortController().signal), true);
  const lease = (await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }, 'flotilla-leader', { namespace: 'le' })).spec as Record<string, unknown>;
  assert.deepEqual(lease, { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2026-01-01T00:00:00.000000Z', renewTime: '2026-01-01T00:00:00.000000Z', leaseTransitions: 0 });
  const bStop = new AbortController();
  let bLeads = false;
  const bAcquire = b.acquire(bStop.signal).then((won) => (bLeads = won));
  // Lockstep: time moves only while every elector sleeps, so each attempt sees the time it ran at.
  const settle = (sleepers: number): Promise<void> => eventually(() => clock.pendingTimers >= sleepers, 'electors to sleep');
  const aStop = new AbortController();
  const aHold = a.hold(aStop.signal);
  for (let t = 0; t < 10; t++) {
    await settle(2);
    await clock.advance(2000);
  }
  await settle(2);
  assert.equal(bLeads, false, 'b never leads while a renews');
  // a stops cleanly and releases the lease (releaseOnCancel defaults to true).
  aStop.abort();
  await aHold;
  const holder = async (): Promise<unknown> => ((await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }, 'flotilla-leader', { namespace: 'le' })).spec as Record<string, unknown>).holderIdentity;
  assert.equal(await holder(), '');
  await settle(1);
  await clock.advance(2000);
  await eventually(() => bLeads, 'b to take over the released lease');
  assert.equal(await holder(), 'b');
  // b now "crashes": it never renews and never releases. A new candidate must wait the lease duration.
  const c = new LeaderElector({ ...options, identity: 'c' });
  let cLeads = false;
  const cStop = new AbortController();
  const cAcquire = c.acquire(cStop.signal).then((won) => (cLeads = won));
  for (let elapsed = 2000; elapsed <= 14_000; elapsed += 2000) {
    await settle(1);
    await clock.advance(2000);
    await settle(1);
    assert.equal(cLeads, false, `c must not lead ${elapsed} ms after it first saw b's lease`);
  }
  await clock.advance(2000);
  await eventually(() => cLeads, 'c to take over the expired lease');
  const final = (await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }, 'flotilla-leader', { namespace: 'le' })).spec as Record<string, unknown>;
  assert.equal(final.holderIdentity, 'c');
  assert.equal(final.leaseTransitions, 2);
  bStop.abort();
  cStop.abort();
  await Promise.all([bAcquire, cAcquire]);
});

test('graceful shutdown: the in-flight reconcile finishes its write, then the lease is released and everything stops', async () => {
  await namespace('drain');
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const manager = newManager(clock, { leaderElection: { namespace: 'drain', name: 'drain-leader', identity: 'me' }, gracefulShutdownMs: 60_000 });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  let finished = false;
  controllerFor(manager, WIDGET, { namespace: 'drain' }).complete(reconcilerFunc(async (req, ctx) => {
    started = true;
    await held;
    await manager.client.patchStatus(WIDGET, req.name, { status: { drained: true } }, { type: 'merge', namespace: req.namespace, signal: ctx.signal });
    finished = true;
    return {};
  }));
  await client.create({ ...WIDGET, metadata: { name: 'slow', namespace: 'drain' }, spec: {} });
  const stop = new AbortController();
  let stopped = false;
  const running = manager.start(stop.signal).then(() => (stopped = true));
  await eventually(() => started, 'the reconcile to start');
  assert.equal(manager.isLeader, true);
  stop.abort();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(stopped, false, 'the manager waits for the in-flight reconcile');
  release();
  await running;
  assert.equal(finished, true);
  const widget = await client.get(WIDGET, 'slow', { namespace: 'drain' });
  assert.deepEqual(widget.status, { drained: true });
  const lease = await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }, 'drain-leader', { namespace: 'drain' });
  assert.equal((lease.spec as { holderIdentity?: string }).holderIdentity, '', 'the lease is released on a clean stop');
});
