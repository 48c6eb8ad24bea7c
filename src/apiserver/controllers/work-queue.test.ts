import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../util/index.js';
import { WorkQueue } from './work-queue.js';

test('keys are de-duplicated, never run twice at once, and re-run when added while running', async () => {
  const runs: string[] = [];
  let running = 0;
  let maxSameKey = 0;
  let release: (() => void) | undefined;
  const queue = new WorkQueue<string>({
    name: 't', key: (k) => k, clock: new ManualClock(0), concurrency: 4,
    process: async (k) => {
      runs.push(k);
      running++;
      maxSameKey = Math.max(maxSameKey, running);
      if (k === 'slow' && !release) await new Promise<void>((resolve) => (release = resolve));
      running--;
    },
  });
  queue.add('a');
  queue.add('a');
  queue.add('slow');
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  queue.add('slow'); // while it runs: runs again afterwards, not concurrently
  assert.equal(queue.isIdle, false);
  release!();
  await queue.idle();
  assert.deepEqual(runs.sort(), ['a', 'slow', 'slow']);
  assert.ok(maxSameKey <= 2);
  assert.equal(queue.isIdle, true);
});

test('failures are retried after a backoff on the injected clock; stop drops pending work', async () => {
  const clock = new ManualClock(0);
  let attempts = 0;
  const queue = new WorkQueue<string>({
    name: 't', key: (k) => k, clock,
    process: () => (++attempts < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve()),
  });
  queue.add('x');
  const idle = queue.idle();
  let settled = false;
  void idle.then(() => (settled = true));
  for (let i = 0; i < 5 && !settled; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(60_000);
  }
  await idle;
  assert.equal(attempts, 3);
  queue.stop();
  queue.add('y');
  assert.equal(queue.isIdle, true, 'a stopped queue accepts nothing');
  queue.resume();
  queue.add('y');
  await queue.idle();
  assert.equal(attempts, 4);
});
