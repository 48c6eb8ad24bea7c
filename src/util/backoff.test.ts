import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, backoffDelay } from './backoff.js';

test('delay doubles from the initial value and stops at the maximum', () => {
  const options = { initialMs: 100, maxMs: 1000, jitter: 0 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options)), [100, 200, 400, 800, 1000, 1000]);
});

test('jitter adds up to the given fraction, driven by the injected random source', () => {
  const options = { initialMs: 100, maxMs: 1000, jitter: 0.5 };
  assert.equal(backoffDelay(1, { ...options, random: () => 0 }), 200);
  assert.equal(backoffDelay(1, { ...options, random: () => 0.5 }), 250);
  assert.equal(backoffDelay(4, { ...options, random: () => 0.999 }), 1500);
});

test('a custom factor changes the growth', () => {
  assert.equal(backoffDelay(3, { initialMs: 10, maxMs: 1e6, factor: 3, jitter: 0 }), 270);
});

test('Backoff counts failures and resets on success', () => {
  const backoff = new Backoff({ initialMs: 5, maxMs: 100, jitter: 0 });
  assert.deepEqual([backoff.next(), backoff.next(), backoff.next()], [5, 10, 20]);
  assert.equal(backoff.attempts, 3);
  backoff.reset();
  assert.equal(backoff.next(), 5);
});
