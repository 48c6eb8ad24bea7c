/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON watch lines */
// Negotiated watch forms over HTTP, against the real server: the Table stream `kubectl get -w`
// reads (column definitions on the first line only, whatever kind of event it is), metadata-only
// watches with their bookmarks, and errors that stay Status objects. Driven by a ManualClock so
// ages and bookmarks are exact.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/util/index.js';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { openWatch } from '../support/watch-reader.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const PARTIAL = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';
const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
let ts: TestServer;
before(async () => {
  ts = await startTestServer({ clock, bookmarkIntervalMs: 60_000 });
});
after(() => ts.stop());

const cms = (ns: string): string => `${ts.url}/api/v1/namespaces/${ns}/configmaps`;

async function write(url: string, method: 'POST' | 'PUT', body: unknown): Promise<any> {
  const res = await call(url, { method, body: JSON.stringify(body), contentType: 'application/json' });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

async function namespace(name: string): Promise<void> {
  await write(`${ts.url}/api/v1/namespaces`, 'POST', { metadata: { name } });
}

const columnNames = (line: any): string[] | null => line.object.columnDefinitions?.map((c: any) => c.name) ?? null;

test('Table watches: headers on each stream\'s first line only, rows printed at the event, includeObject honoured', async () => {
  await namespace('tw');
  const start = (await write(cms('tw'), 'POST', { metadata: { name: 'start' } })).metadata.resourceVersion as string;
  const fromNow = await openWatch(`${cms('tw')}?watch=true&resourceVersion=${start}`, { Accept: TABLE });
  const bare = await openWatch(`${cms('tw')}?watch=true&resourceVersion=${start}&includeObject=None`, { Accept: TABLE });
  await write(cms('tw'), 'POST', { metadata: { name: 'a' }, data: { k: 'v' } });
  for (const w of [fromNow, bare]) {
    const line = await w.next();
    assert.equal(line.type, 'ADDED');
    assert.equal(line.object.kind, 'Table');
    assert.deepEqual(columnNames(line), ['Name', 'Data', 'Age']);
    assert.deepEqual(line.object.rows[0].cells, ['a', 1, '0s']);
  }
  await clock.advance(150_000);
  const updated = await write(`${cms('tw')}/a`, 'PUT', { metadata: { name: 'a' }, data: { k: 'v', l: 'w' } });
  const [modified, modifiedBare] = [await fromNow.next(), await bare.next()];
  assert.equal(modified.type, 'MODIFIED');
  assert.equal(modified.object.columnDefinitions, null, 'no column definitions after the first line');
  assert.deepEqual(modified.object.rows, [{
    cells: ['a', 2, '2m30s'],
    object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: updated.metadata },
  }]);
  assert.deepEqual(modifiedBare.object.rows, [{ cells: ['a', 2, '2m30s'] }], 'includeObject=None: rows without objects');

  // A watch that starts with the current state: the headers go with its first initial event.
  const listing = await openWatch(`${cms('tw')}?watch=true`, { Accept: TABLE });
  const initial = [await listing.next(), await listing.next()];
  assert.deepEqual(initial.map((l) => [l.type, l.object.rows[0].cells[0], columnNames(l)]), [['ADDED', 'a', ['Name', 'Data', 'Age']], ['ADDED', 'start', null]]);
  await write(cms('tw'), 'POST', { metadata: { name: 'b' } });
  for (const w of [fromNow, listing]) assert.deepEqual(columnNames(await w.next()), null);
  for (const w of [fromNow, bare, listing]) w.close();
});

test('PartialObjectMetadata watches: metadata only, bookmarks in the same form', async () => {
  await namespace('pw');
  const start = (await write(cms('pw'), 'POST', { metadata: { name: 'start' } })).metadata.resourceVersion as string;
  const w = await openWatch(`${cms('pw')}?watch=true&resourceVersion=${start}&allowWatchBookmarks=true`, { Accept: PARTIAL });
  const created = await write(cms('pw'), 'POST', { metadata: { name: 'a', labels: { x: 'y' } }, data: { secret: 'not in a metadata watch' } });
  assert.deepEqual(await w.next(), { type: 'ADDED', object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: created.metadata } });
  await clock.advance(60_000);
  assert.deepEqual(await w.next(), {
    type: 'BOOKMARK', object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: String(ts.backend.currentRevision()) } },
  });
  w.close();
});

test('a Table watch from a compacted revision ends with the 410 Status, not a Table', async () => {
  await namespace('ew');
  const old = (await write(cms('ew'), 'POST', { metadata: { name: 'old' } })).metadata.resourceVersion as string;
  await write(cms('ew'), 'POST', { metadata: { name: 'newer' } });
  await ts.backend.compact(ts.backend.currentRevision());
  const w = await openWatch(`${cms('ew')}?watch=true&resourceVersion=${old}`, { Accept: TABLE });
  const line = await w.next();
  assert.equal(line.type, 'ERROR');
  assert.equal(line.object.kind, 'Status');
  assert.equal(line.object.code, 410);
  assert.equal(line.object.reason, 'Expired');
  await w.ended;
});
