import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../util/index.js';
import { RuntimeMetrics } from './metrics.js';
import { bucketRateLimiter, defaultControllerRateLimiter, itemExponentialRateLimiter, maxOfRateLimiter } from './rate-limiter.js';
import { WorkQueue } from './work-queue.js';

const keyOf = (s: string): string => s;

test('adds are de-duplicated while an item waits, and handed out in order', () => {
  const queue = new WorkQueue<string>({ clock: new ManualClock(), keyOf });
  for (const k of ['a', 'b', 'a', 'c', 'b']) queue.add(k);
  assert.equal(queue.length, 3);
  assert.deepEqual([queue.poll(), queue.poll(), queue.poll(), queue.poll()], ['a', 'b', 'c', undefined]);
});

test('an item re-added while it is processed is not handed out again until done (per-key exclusivity)', () => {
  const queue = new WorkQueue<string>({ clock: new ManualClock(), keyOf });
  queue.add('a');
  assert.equal(queue.poll(), 'a');
  queue.add('a');
  queue.add('a');
  assert.equal(queue.poll(), undefined, 'a second worker must not get "a" while the first holds it');
  queue.done('a');
  assert.equal(queue.poll(), 'a');
  queue.done('a');
  assert.equal(queue.poll(), undefined);
});

test('get() waits for an add; structured items de-duplicate by key', async () => {
  const queue = new WorkQueue<{ ns: string; name: string }>({ clock: new ManualClock(), keyOf: (r) => `${r.ns}/${r.name}` });
  const pending = queue.get();
  queue.add({ ns: 'n', name: 'x' });
  queue.add({ ns: 'n', name: 'x' });
  assert.deepEqual(await pending, { ns: 'n', name: 'x' });
  assert.equal(queue.length, 0);
});

test('addAfter holds the item until its time; a sooner delay for the same item wins, a later one is ignored', async () => {
  const clock = new ManualClock(0);
  const queue = new WorkQueue<string>({ clock, keyOf });
  queue.addAfter('a', 1000);
  queue.addAfter('a', 300);
  queue.addAfter('a', 5000);
  assert.equal(queue.waitingCount, 1);
  await clock.advance(299);
  assert.equal(queue.poll(), undefined);
  await clock.advance(1);
  assert.equal(queue.poll(), 'a');
  queue.done('a');
  await clock.advance(10_000);
  assert.equal(queue.poll(), undefined, 'the superseded timers must not fire');
});

test('addRateLimited backs off exponentially per item until forget', async () => {
  const clock = new ManualClock(0);
  const queue = new WorkQueue<string>({ clock, keyOf, rateLimiter: itemExponentialRateLimiter(10, 1000) });
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) {
    const start = clock.now();
    queue.addRateLimited('a');
    let item: string | undefined;
    while ((item = queue.poll()) === undefined) await clock.advance(1);
    delays.push(clock.now() - start);
    queue.done(item);
  }
  assert.deepEqual(delays, [10, 20, 40, 80, 160, 320, 640, 1000]);
  assert.equal(queue.numRequeues('a'), 8);
  queue.forget('a');
  assert.equal(queue.numRequeues('a'), 0);
});

test('the default limiter is the max of per-item backoff and a 10 qps / 100 burst bucket', () => {
  const clock = new ManualClock(0);
  const limiter = defaultControllerRateLimiter(clock);
  assert.deepEqual([limiter.when('x'), limiter.when('x'), limiter.when('x')], [5, 10, 20]);
  const overall = maxOfRateLimiter(itemExponentialRateLimiter(1, 1), bucketRateLimiter({ qps: 10, burst: 2, clock }));
  assert.deepEqual([overall.when('a'), overall.when('b'), overall.when('c'), overall.when('d')], [1, 1, 100, 200]);
});

test('shutdown releases waiting getters and drops adds; drain waits for items being processed', async () => {
  const queue = new WorkQueue<string>({ clock: new ManualClock(), keyOf });
  queue.add('busy');
  queue.add('queued');
  assert.equal(queue.poll(), 'busy');
  const drained = queue.drain();
  let isDrained = false;
  void drained.then(() => (isDrained = true));
  assert.equal(await queue.get(), undefined, 'nothing is handed out after shutdown');
  queue.add('late');
  assert.equal(queue.length, 0);
  await new Promise((r) => setImmediate(r));
  assert.equal(isDrained, false, 'drain waits for the item in progress');
  queue.done('busy');
  await drained;
  assert.equal(isDrained, true);
});

test('metrics: controller-runtime names for depth, adds, retries, durations and unfinished work', async () => {
  const clock = new ManualClock(0);
  const metrics = new RuntimeMetrics();
  const probe = { inProgress: () => queue.inProgress() };
  const queue: WorkQueue<string> = new WorkQueue<string>({ clock, keyOf, metrics: metrics.queue('widgets', probe) });
  queue.add('a');
  queue.add('b');
  queue.add('a');
  queue.addAfter('c', 100);
  await clock.advance(2000);
  assert.equal(queue.poll(), 'a');
  await clock.advance(3000);
  const text = await metrics.expose();
  assert.match(text, /^workqueue_depth\{name="widgets",controller="widgets",priority=""\} 2$/m);
  assert.match(text, /^workqueue_adds_total\{name="widgets",controller="widgets"\} 3$/m);
  assert.match(text, /^workqueue_retries_total\{name="widgets",controller="widgets"\} 1$/m);
  assert.match(text, /^workqueue_unfinished_work_seconds\{name="widgets",controller="widgets"\} 3$/m);
  assert.match(text, /^workqueue_longest_running_processor_seconds\{name="widgets",controller="widgets"\} 3$/m);
  assert.match(text, /^workqueue_queue_duration_seconds_count\{name="widgets",controller="widgets"\} 1$/m);
  queue.done('a');
  assert.match(await metrics.expose(), /^workqueue_work_duration_seconds_sum\{name="widgets",controller="widgets"\} 3$/m);
});
