import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, systemClock } from './clock.js';

test('ManualClock fires timers in due order and only when advanced past them', async () => {
  const clock = new ManualClock(1000);
  const fired: string[] = [];
  clock.setTimeout(() => fired.push('b'), 200);
  clock.setTimeout(() => fired.push('a'), 100);
  await clock.advance(99);
  assert.deepEqual(fired, []);
  await clock.advance(1);
  assert.deepEqual(fired, ['a']);
  assert.equal(clock.now(), 1100);
  await clock.advance(500);
  assert.deepEqual(fired, ['a', 'b']);
  assert.equal(clock.now(), 1600);
});

test('ManualClock runs timers scheduled by timers within the same advance', async () => {
  const clock = new ManualClock(0);
  const at: number[] = [];
  clock.setTimeout(() => {
    at.push(clock.now());
    clock.setTimeout(() => at.push(clock.now()), 10);
  }, 10);
  await clock.advance(25);
  assert.deepEqual(at, [10, 20]);
});

test('sleep resolves on advance and lets async continuations run', async () => {
  const clock = new ManualClock(0);
  const steps: number[] = [];
  const worker = (async () => {
    await clock.sleep(50);
    steps.push(clock.now());
    await clock.sleep(50);
    steps.push(clock.now());
  })();
  await clock.advance(100);
  await worker;
  assert.deepEqual(steps, [50, 100]);
});

test('sleep rejects with the abort reason and cancels its timer', async () => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  const sleeping = clock.sleep(1000, controller.signal);
  controller.abort(new Error('stop'));
  await assert.rejects(sleeping, /stop/);
  assert.equal(clock.pendingTimers, 0);
  await assert.rejects(clock.sleep(1, controller.signal), /stop/);
});

test('clearTimeout prevents a timer from firing', async () => {
  const clock = new ManualClock(0);
  let fired = false;
  const handle = clock.setTimeout(() => (fired = true), 5);
  clock.clearTimeout(handle);
  await clock.advance(10);
  assert.equal(fired, false);
});

test('systemClock.sleep waits on real timers and honours abort', async () => {
  const before = systemClock.now();
  // systemClock's timers are unref'd: with nothing else pending, the test runner would see an
  // idle event loop and cancel the test before the 1 ms timer fires. Hold a ref'd timer meanwhile.
  const keepAlive = setTimeout(() => undefined, 10_000);
  await systemClock.sleep(1);
  clearTimeout(keepAlive);
  assert.ok(systemClock.now() >= before);
  const controller = new AbortController();
  const pending = systemClock.sleep(60_000, controller.signal);
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
});
