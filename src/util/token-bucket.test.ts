import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './clock.js';
import { TokenBucket } from './token-bucket.js';

test('a full bucket lets `burst` calls through, then spaces them 1/qps apart', () => {
  const clock = new ManualClock(0);
  const bucket = new TokenBucket({ qps: 10, burst: 3, clock });
  assert.deepEqual([1, 2, 3].map(() => bucket.reserve()), [0, 0, 0]);
  assert.deepEqual([bucket.reserve(), bucket.reserve()], [100, 200]);
});

test('tokens refill with time, never above the burst', async () => {
  const clock = new ManualClock(0);
  const bucket = new TokenBucket({ qps: 2, burst: 2, clock });
  bucket.reserve();
  bucket.reserve();
  await clock.advance(10_000);
  assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 500]);
});

test('take() waits on the clock; Infinity qps never waits', async () => {
  const clock = new ManualClock(0);
  const bucket = new TokenBucket({ qps: 1, burst: 1, clock });
  await bucket.take();
  let done = false;
  const waiting = bucket.take().then(() => (done = true));
  await clock.advance(999);
  assert.equal(done, false);
  await clock.advance(1);
  await waiting;
  assert.equal(done, true);
  const free = new TokenBucket({ qps: Infinity, burst: 1, clock });
  assert.deepEqual([free.reserve(), free.reserve()], [0, 0]);
});

test('tryTake() takes a token only when one is there', async () => {
  const clock = new ManualClock(0);
  const bucket = new TokenBucket({ qps: 1, burst: 2, clock });
  assert.deepEqual([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, false]);
  await clock.advance(1000);
  assert.deepEqual([bucket.tryTake(), bucket.tryTake()], [true, false]);
});
