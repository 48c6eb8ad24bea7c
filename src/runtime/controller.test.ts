import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, createLogger, flushMicrotasks } from '../util/index.js';
import { Controller } from './controller.js';
import { RuntimeMetrics } from './metrics.js';
import { itemExponentialRateLimiter } from './rate-limiter.js';
import { type Reconciler, type Request, type Result, TerminalError, reconcilerFunc } from './reconcile.js';

const log = createLogger({ level: 'silent' });

function controllerWith(reconciler: Reconciler, extra: Partial<ConstructorParameters<typeof Controller>[0]> = {}): { controller: Controller; clock: ManualClock; metrics: RuntimeMetrics } {
  const clock = (extra.clock as ManualClock | undefined) ?? new ManualClock(0);
  const metrics = new RuntimeMetrics();
  const controller = new Controller({ name: 'widgets', reconciler, clock, log, metrics, rateLimiter: itemExponentialRateLimiter(100, 10_000), ...extra });
  return { controller, clock, metrics };
}

/** A promise with its resolve function, to hold a reconcile open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

test('errors retry with per-key exponential backoff until success; success forgets the failures', async () => {
  const attempts: number[] = [];
  let failuresLeft = 3;
  const { controller, clock, metrics } = controllerWith(reconcilerFunc(() => {
    attempts.push(clock.now());
    if (failuresLeft-- > 0) throw new Error('transient');
    return Promise.resolve({});
  }));
  controller.start();
  controller.enqueue({ namespace: 'ns', name: 'a' });
  await flushMicrotasks();
  for (let i = 0; i < 10; i++) await clock.advance(100);
  assert.deepEqual(attempts, [0, 100, 300, 700]);
  assert.equal(controller.queue.numRequeues({ namespace: 'ns', name: 'a' }), 0);
  const text = await metrics.expose();
  assert.match(text, /^controller_runtime_reconcile_total\{controller="widgets",result="error"\} 3$/m);
  assert.match(text, /^controller_runtime_reconcile_total\{controller="widgets",result="success"\} 1$/m);
  assert.match(text, /^controller_runtime_reconcile_errors_total\{controller="widgets"\} 3$/m);
  assert.match(text, /^controller_runtime_reconcile_time_seconds_count\{controller="widgets"\} 4$/m);
  await controller.stop();
});

test('requeueAfter reconciles again after the delay; a TerminalError is never retried', async () => {
  const seen: string[] = [];
  const { controller, clock, metrics } = controllerWith(reconcilerFunc((req): Promise<Result> => {
    seen.push(`${req.name}@${clock.now()}`);
    if (req.name === 'bad') throw new TerminalError('spec is invalid', { cause: undefined });
    return Promise.resolve(seen.filter((s) => s.startsWith('periodic')).length < 3 ? { requeueAfterMs: 5000 } : {});
  }));
  controller.start();
  controller.enqueue({ name: 'periodic' });
  controller.enqueue({ name: 'bad' });
  await flushMicrotasks();
  await clock.advance(60_000);
  assert.deepEqual(seen, ['periodic@0', 'bad@0', 'periodic@5000', 'periodic@10000']);
  const text = await metrics.expose();
  assert.match(text, /^controller_runtime_reconcile_total\{controller="widgets",result="requeue_after"\} 2$/m);
  assert.match(text, /^controller_runtime_terminal_reconcile_errors_total\{controller="widgets"\} 1$/m);
  await controller.stop();
});

test('one key never reconciles twice at once, even with many workers and repeated adds', async () => {
  const running = new Map<string, number>();
  let maxSameKey = 0;
  let maxTotal = 0;
  let total = 0;
  const holds: (() => void)[] = [];
  const { controller } = controllerWith(reconcilerFunc(async (req: Request) => {
    running.set(req.name, (running.get(req.name) ?? 0) + 1);
    total++;
    maxSameKey = Math.max(maxSameKey, running.get(req.name)!);
    maxTotal = Math.max(maxTotal, total);
    const g = gate();
    holds.push(g.open);
    await g.promise;
    running.set(req.name, running.get(req.name)! - 1);
    total--;
    return {};
  }), { maxConcurrentReconciles: 8 });
  controller.start();
  for (let round = 0; round < 5; round++) for (const k of ['a', 'b', 'c']) controller.enqueue({ name: k });
  await flushMicrotasks();
  assert.equal(holds.length, 3, 'three keys, three reconciles');
  for (let i = 0; i < 20 && holds.length > 0; i++) {
    for (const k of ['a', 'b', 'c']) controller.enqueue({ name: k });
    holds.shift()!();
    await flushMicrotasks();
  }
  assert.equal(maxSameKey, 1);
  assert.equal(maxTotal, 3);
  while (holds.length > 0) {
    holds.shift()!();
    await flushMicrotasks();
  }
  await controller.stop();
});

test('requests of one remote cluster take at most their share of the workers', async () => {
  const started: string[] = [];
  const stuck = gate();
  const { controller } = controllerWith(reconcilerFunc(async (req) => {
    started.push(`${req.cluster}/${req.name}`);
    if (req.cluster === 'dead') await stuck.promise;
    return {};
  }), { maxConcurrentReconciles: 3, maxConcurrentReconcilesPerCluster: 1 });
  controller.start();
  for (const name of ['a', 'b', 'c', 'd']) controller.enqueue({ cluster: 'dead', name });
  for (const name of ['x', 'y']) controller.enqueue({ cluster: 'alive', name });
  await flushMicrotasks();
  assert.deepEqual(started, ['dead/a', 'alive/x', 'alive/y'], 'one stuck reconcile of "dead"; the others run');
  stuck.open();
  for (let i = 0; i < 5; i++) await flushMicrotasks();
  assert.deepEqual(started.filter((s) => s.startsWith('dead')), ['dead/a', 'dead/b', 'dead/c', 'dead/d']);
  await controller.stop();
});

test('stop drains in-flight reconciles, aborting them only after the grace period', async () => {
  let aborted = false;
  let finished = false;
  const hold = gate();
  const { controller, clock } = controllerWith(reconcilerFunc(async (_req, ctx) => {
    ctx.signal.addEventListener('abort', () => (aborted = true));
    await hold.promise;
    finished = true;
    return {};
  }), { gracefulShutdownMs: 1000 });
  controller.start();
  controller.enqueue({ name: 'slow' });
  controller.enqueue({ name: 'queued' });
  await flushMicrotasks();
  let stopped = false;
  const stopping = controller.stop().then(() => (stopped = true));
  await clock.advance(999);
  assert.equal(aborted, false);
  assert.equal(stopped, false);
  await clock.advance(1);
  assert.equal(aborted, true, 'the signal aborts when the grace period ends');
  hold.open();
  await stopping;
  assert.equal(finished, true);
  assert.equal(controller.activeReconciles, 0);
});
