import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetsGoal, percentile } from './figures.js';

test('meetsGoal reads the four comparison forms', () => {
  assert.equal(meetsGoal(1, '<= 1.0'), true);
  assert.equal(meetsGoal(1.01, '<= 1.0'), false);
  assert.equal(meetsGoal(5, '< 5'), false);
  assert.equal(meetsGoal(20000, '>= 20000'), true);
  assert.equal(meetsGoal(3, '> 3'), false);
  assert.equal(meetsGoal(3, null), null);
  assert.equal(meetsGoal(3, 'about 3'), null);
});

test('percentile uses nearest rank', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(samples, 50), 50);
  assert.equal(percentile(samples, 99), 99);
  assert.equal(percentile(samples, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});
