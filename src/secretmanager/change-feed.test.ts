import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../util/index.js';
import { ChangeFeed } from './change-feed.js';
import { openDatabase } from './database.js';

function feed(): { feed: ChangeFeed; clock: ManualClock } {
  const clock = new ManualClock(1_800_000_000_000);
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sm-feed-')), 'db'));
  return { feed: new ChangeFeed(db, clock), clock };
}

const change = (secretId: string, project = 'p') => ({ project, secretId, version: 1, type: 'SECRET_VERSION_ADD' as const, secretPolicy: '{}' });

test('cursors grow; since() reads one project after a cursor, oldest first', () => {
  const { feed: f } = feed();
  assert.equal(f.head(), 0);
  f.record(change('a'));
  f.record(change('x', 'other'));
  f.record(change('b'));
  assert.equal(f.head(), 3);
  assert.deepEqual(f.since(0, 'p', 10).map((e) => [e.cursor, e.secretId]), [[1, 'a'], [3, 'b']]);
  assert.deepEqual(f.since(1, 'p', 10).map((e) => e.secretId), ['b']);
  assert.deepEqual(f.since(0, 'p', 1).map((e) => e.secretId), ['a']);
  assert.equal(f.since(0, 'p', 1)[0]!.time, new Date(1_800_000_000_000).toISOString());
});

test('a wait ends at the next change, at its timeout, or on abort, and leaves nothing behind', async () => {
  const { feed: f, clock } = feed();
  const changed = f.wait(10_000, new AbortController().signal);
  f.record(change('a'));
  assert.equal(await changed, 'changed');
  const timedOut = f.wait(10_000, new AbortController().signal);
  await clock.advance(10_000);
  assert.equal(await timedOut, 'timeout');
  const controller = new AbortController();
  const aborted = f.wait(10_000, controller.signal);
  controller.abort();
  assert.equal(await aborted, 'aborted');
  assert.equal(await f.wait(10, controller.signal), 'aborted');
  assert.equal(f.waiting, 0);
  assert.equal(clock.pendingTimers, 0);
});
