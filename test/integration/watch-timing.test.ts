/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any -- assertions read untyped JSON watch lines */
// Watch timing against the real server, driven by a ManualClock passed as the server's clock:
// BOOKMARK events (allowWatchBookmarks) and the end of a watch (timeoutSeconds, or kube's
// default of 30-60 minutes). Nothing sleeps on the wall clock: absence of an event is shown by
// the next line being a later write instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/util/index.js';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { type WatchReader, openWatch } from '../support/watch-reader.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
let ts: TestServer;
before(async () => {
  ts = await startTestServer({ clock });
});
after(() => ts.stop());

const cms = (): string => `${ts.url}/api/v1/namespaces/default/configmaps`;

/** Creates a ConfigMap and returns its resourceVersion. */
async function createCm(name: string, labels: Record<string, string> = {}): Promise<string> {
  const res = await call(cms(), { method: 'POST', body: JSON.stringify({ metadata: { name, labels } }), contentType: 'application/json' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.metadata.resourceVersion as string;
}

function assertAdded(line: any, name: string): void {
  assert.equal(line.type, 'ADDED', JSON.stringify(line));
  assert.equal(line.object.metadata.name, name);
}

function assertBookmark(line: any, resourceVersion: string): void {
  assert.deepEqual(line, { type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion } } });
}

/** Creates a ConfigMap and checks that each watch's next line is its ADDED event (so nothing came before it). */
async function createAndExpect(name: string, ...watches: WatchReader[]): Promise<string> {
  const rv = await createCm(name);
  for (const w of watches) assertAdded(await w.next(), name);
  return rv;
}

/** Two watches from a fresh ConfigMap's revision, one allowing bookmarks. */
async function openPair(prefix: string, query: string): Promise<{ withBookmarks: WatchReader; without: WatchReader }> {
  const start = await createCm(`${prefix}-start`);
  const base = `${cms()}?watch=true&resourceVersion=${start}${query}`;
  return { withBookmarks: await openWatch(`${base}&allowWatchBookmarks=true`), without: await openWatch(base) };
}

test('bookmarks come every interval, only when allowed, at the current revision', async () => {
  const { withBookmarks, without } = await openPair('bm', '&timeoutSeconds=3600');
  await clock.advance(59_999);
  await createAndExpect('bm-1', withBookmarks, without);
  await clock.advance(1);
  assertBookmark(await withBookmarks.next(), String(ts.backend.currentRevision()));
  const rv2 = await createAndExpect('bm-2', without, withBookmarks);
  await clock.advance(60_000);
  assertBookmark(await withBookmarks.next(), rv2);
  await createAndExpect('bm-3', without, withBookmarks);
  assert.deepEqual(without.buffered, [], 'no bookmark without allowWatchBookmarks');
  withBookmarks.close();
  without.close();
});

test('a watch ends at timeoutSeconds, after a last bookmark 2 s before the deadline', async () => {
  const { withBookmarks, without } = await openPair('to', '&timeoutSeconds=10');
  await clock.advance(7_999);
  await createAndExpect('to-1', withBookmarks, without);
  await clock.advance(1);
  assertBookmark(await withBookmarks.next(), String(ts.backend.currentRevision()));
  await clock.advance(1_999);
  await createAndExpect('to-2', withBookmarks, without);
  await clock.advance(1);
  await Promise.all([withBookmarks.ended, without.ended]);
  assert.deepEqual([withBookmarks.buffered, without.buffered], [[], []]);
});

test('without timeoutSeconds, or with 0, a watch lasts between 30 and 60 minutes', async () => {
  const start = await createCm('default-start');
  const unset = await openWatch(`${cms()}?watch=true&resourceVersion=${start}`);
  const zero = await openWatch(`${cms()}?watch=true&resourceVersion=${start}&timeoutSeconds=0`);
  await clock.advance(1_800_000 - 1);
  await createAndExpect('default-1', unset, zero);
  await clock.advance(1_800_001);
  await Promise.all([unset.ended, zero.ended]);
});

test('an update that makes an object stop matching is DELETED with the previous object at the new revision', async () => {
  await createCm('sel', { app: 'x' });
  const watch = await openWatch(`${cms()}?watch=true&labelSelector=app%3Dx`);
  assertAdded(await watch.next(), 'sel');
  const patched = await call(`${cms()}/sel`, { method: 'PATCH', body: '{"metadata":{"labels":{"app":"y"}}}', contentType: 'application/merge-patch+json' });
  const deleted = await watch.next();
  assert.equal(deleted.type, 'DELETED');
  assert.deepEqual(deleted.object.metadata.labels, { app: 'x' });
  assert.equal(deleted.object.metadata.resourceVersion, patched.body.metadata.resourceVersion);
  await call(`${cms()}/sel`, { method: 'PATCH', body: '{"metadata":{"labels":{"app":"x"}}}', contentType: 'application/merge-patch+json' });
  assertAdded(await watch.next(), 'sel');
  watch.close();
});

test('event lines are framed by bytes: multi-byte characters arrive intact, for many watchers at once', async () => {
  const start = await createCm('utf8-start');
  const watches = await Promise.all(Array.from({ length: 5 }, () => openWatch(`${cms()}?watch=true&resourceVersion=${start}`)));
  const data = { greeting: 'grüße ✓ 日本語 🚀'.repeat(50) };
  await call(cms(), { method: 'POST', body: JSON.stringify({ metadata: { name: 'utf8' }, data }), contentType: 'application/json' });
  for (const w of watches) {
    const line = await w.next();
    assertAdded(line, 'utf8');
    assert.deepEqual(line.object.data, data);
    w.close();
  }
});
