/**
 * The conformance suite every {@link Backend} must pass (Hono's `runTest({ newRouter })`, kine's
 * per-driver runs). A backend's test file calls {@link runBackendConformance} with a factory.
 *
 * @module
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Backend, type WatchEvent, CompactedError, FutureRevisionError, KeyExistsError, KeyNotFoundError,
  RevisionConflictError, StoreClosedError,
} from './types.js';

/** How the suite gets backends. */
export interface ConformanceOptions {
  readonly name: string;
  /** A fresh, empty backend. */
  readonly open: () => Backend;
  /** For persistent backends: closes `backend` and opens the same store again. */
  readonly reopen?: (backend: Backend) => Promise<Backend>;
}

const enc = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const dec = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** Collects live events of a watch. */
function collect(backend: Backend, prefix: string, afterRevision: number): { events: WatchEvent[]; cancel: () => void } {
  const events: WatchEvent[] = [];
  const w = backend.watch({ prefix, afterRevision, onEvents: (evs) => events.push(...evs) });
  events.push(...w.initial);
  return { events, cancel: () => w.cancel() };
}

function summary(events: readonly WatchEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}=${dec(e.kv.value)}${e.prevKv ? ` (was ${dec(e.prevKv.value)})` : ''}`);
}

async function withBackend(options: ConformanceOptions, fn: (b: Backend) => Promise<void>): Promise<void> {
  const backend = options.open();
  try {
    await fn(backend);
  } finally {
    await backend.close();
  }
}

/** Registers the suite under `describe(options.name)`. */
export function runBackendConformance(options: ConformanceOptions): void {
  const run = (name: string, fn: (b: Backend) => Promise<void>): void => {
    test(name, () => withBackend(options, fn));
  };

  describe(`${options.name} backend conformance`, () => {
    run('an empty store is at revision 0 and reads nothing', async (b) => {
      assert.equal(b.currentRevision(), 0);
      assert.equal(b.compactRevision(), 0);
      assert.equal(b.get('/a'), undefined);
      assert.deepEqual(b.list({ prefix: '/' }), { kvs: [], revision: 0, more: false });
      await Promise.resolve();
    });

    run('create assigns one global, monotonic revision across keys', async (b) => {
      const a = await b.create('/x/a', enc('1'));
      const c = await b.create('/y/c', enc('2'));
      assert.equal(a.modRevision, 1);
      assert.equal(a.createRevision, 1);
      assert.equal(c.modRevision, 2);
      assert.equal(b.currentRevision(), 2);
      assert.equal(dec(b.get('/x/a')?.value), '1');
    });

    run('create of a live key fails with KeyExistsError and writes nothing', async (b) => {
      await b.create('/k', enc('1'));
      await assert.rejects(b.create('/k', enc('2')), KeyExistsError);
      assert.equal(b.currentRevision(), 1);
      assert.equal(dec(b.get('/k')?.value), '1');
    });

    run('update is conditional on the modRevision', async (b) => {
      const v1 = await b.create('/k', enc('1'));
      const v2 = await b.update('/k', enc('2'), v1.modRevision);
      assert.equal(v2.modRevision, 2);
      assert.equal(v2.createRevision, 1);
      const stale = await b.update('/k', enc('3'), v1.modRevision).catch((e: unknown) => e);
      assert.ok(stale instanceof RevisionConflictError);
      assert.equal(stale.current.modRevision, 2);
      assert.equal(dec(stale.current.value), '2');
      await assert.rejects(b.update('/missing', enc('x'), 1), KeyNotFoundError);
      assert.equal(b.currentRevision(), 2);
    });

    run('delete leaves a tombstone carrying the last value; the key can be created again', async (b) => {
      const v1 = await b.create('/k', enc('1'));
      await assert.rejects(b.delete('/k', v1.modRevision + 5), RevisionConflictError);
      const tomb = await b.delete('/k', v1.modRevision);
      assert.equal(tomb.modRevision, 2);
      assert.equal(dec(tomb.value), '1');
      assert.equal(b.get('/k'), undefined);
      await assert.rejects(b.delete('/k'), KeyNotFoundError);
      const again = await b.create('/k', enc('new'));
      assert.equal(again.createRevision, 3);
      assert.equal(dec(b.get('/k', { revision: 1 })?.value), '1');
      assert.equal(b.get('/k', { revision: 2 }), undefined);
    });

    run('get and list read the past at a revision; the future is an error', async (b) => {
      const a = await b.create('/p/a', enc('a1'));
      await b.create('/p/b', enc('b1'));
      await b.update('/p/a', enc('a2'), a.modRevision);
      await b.delete('/p/b');
      assert.deepEqual(b.list({ prefix: '/p/', revision: 2 }).kvs.map((kv) => dec(kv.value)), ['a1', 'b1']);
      assert.deepEqual(b.list({ prefix: '/p/' }).kvs.map((kv) => dec(kv.value)), ['a2']);
      assert.equal(b.list({ prefix: '/p/' }).revision, 4);
      assert.throws(() => b.get('/p/a', { revision: 99 }), FutureRevisionError);
      assert.throws(() => b.list({ prefix: '/p/', revision: 99 }), FutureRevisionError);
    });

    run('list orders by key, honours the prefix exactly and counts live keys', async (b) => {
      for (const k of ['/c/ns/b', '/c/ns/a', '/c/ns2/a', '/c/nsx', '/d/ns/a']) await b.create(k, enc(k));
      assert.deepEqual(b.list({ prefix: '/c/ns/' }).kvs.map((kv) => kv.key), ['/c/ns/a', '/c/ns/b']);
      assert.deepEqual(b.list({ prefix: '/c/' }).kvs.map((kv) => kv.key), ['/c/ns/a', '/c/ns/b', '/c/ns2/a', '/c/nsx']);
      assert.equal(b.count('/c/'), 4);
      await b.delete('/c/nsx');
      assert.equal(b.count('/c/'), 3);
    });

    run('limit and startAfter page through a consistent snapshot while writes continue', async (b) => {
      for (let i = 0; i < 5; i++) await b.create(`/s/${i}`, enc(`v${i}`));
      const first = b.list({ prefix: '/s/', limit: 2 });
      assert.equal(first.more, true);
      assert.deepEqual(first.kvs.map((kv) => kv.key), ['/s/0', '/s/1']);
      await b.delete('/s/2');
      await b.create('/s/25', enc('late'));
      await b.update('/s/3', enc('changed'), 4);
      const second = b.list({ prefix: '/s/', limit: 2, revision: first.revision, startAfter: '/s/1' });
      assert.deepEqual(second.kvs.map((kv) => `${kv.key}=${dec(kv.value)}`), ['/s/2=v2', '/s/3=v3']);
      assert.equal(second.more, true);
      const third = b.list({ prefix: '/s/', limit: 2, revision: first.revision, startAfter: '/s/3' });
      assert.deepEqual(third.kvs.map((kv) => kv.key), ['/s/4']);
      assert.equal(third.more, false);
      assert.equal(third.revision, first.revision);
    });

    run('watch replays the log after a revision, then delivers live events in order', async (b) => {
      const a = await b.create('/w/a', enc('1'));
      await b.create('/other/x', enc('x'));
      await b.update('/w/a', enc('2'), a.modRevision);
      const w = collect(b, '/w/', 1);
      assert.deepEqual(summary(w.events), ['update /w/a@3=2 (was 1)']);
      await b.create('/w/b', enc('b'));
      await b.create('/other/y', enc('y'));
      await b.delete('/w/a');
      assert.deepEqual(summary(w.events), ['update /w/a@3=2 (was 1)', 'create /w/b@4=b', 'delete /w/a@6=2 (was 2)']);
      w.cancel();
      await b.create('/w/c', enc('c'));
      assert.equal(w.events.length, 3);
    });

    run('watch events are delivered after commit, never from inside the write call', async (b) => {
      const seen: number[] = [];
      const w = b.watch({ prefix: '/', afterRevision: 0, onEvents: (evs) => seen.push(...evs.map((e) => e.kv.modRevision)) });
      const pending = b.create('/a', enc('1'));
      assert.deepEqual(seen, []);
      const kv = await pending;
      assert.deepEqual(seen, [kv.modRevision]);
      w.cancel();
    });

    run('writes issued together commit together, each with its own outcome', async (b) => {
      await b.create('/g/exists', enc('0'));
      const results = await Promise.allSettled([
        b.create('/g/a', enc('a')), b.create('/g/exists', enc('dup')), b.create('/g/b', enc('b')),
        b.update('/g/exists', enc('1'), 1), b.update('/g/exists', enc('2'), 1),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
      assert.equal(dec(b.get('/g/exists')?.value), '1');
      assert.equal(b.currentRevision(), 4);
    });

    run('deletePrefix deletes every live key under the prefix in one commit, and nothing else', async (b) => {
      for (const k of ['/d/a', '/d/b', '/d/c', '/dx/a', '/e/a']) await b.create(k, enc(k));
      await b.update('/d/c', enc('c2'), 3);
      await b.delete('/d/b');
      const before = b.currentRevision();
      const w = collect(b, '/d/', before);
      const tombstones = await b.deletePrefix('/d/');
      assert.deepEqual(tombstones.map((kv) => `${kv.key}@${kv.modRevision}=${dec(kv.value)}`), [`/d/a@${before + 1}=/d/a`, `/d/c@${before + 2}=c2`]);
      assert.deepEqual(tombstones.map((kv) => kv.createRevision), [1, 3]);
      assert.equal(b.currentRevision(), before + 2);
      assert.deepEqual(summary(w.events), [`delete /d/a@${before + 1}=/d/a (was /d/a)`, `delete /d/c@${before + 2}=c2 (was c2)`]);
      assert.deepEqual(b.list({ prefix: '/d/' }).kvs, []);
      assert.deepEqual(b.list({ prefix: '/' }).kvs.map((kv) => kv.key), ['/dx/a', '/e/a']);
      assert.deepEqual(b.list({ prefix: '/d/', revision: before }).kvs.map((kv) => dec(kv.value)), ['/d/a', 'c2']);
      assert.deepEqual(await b.deletePrefix('/d/'), []);
      assert.equal(b.currentRevision(), before + 2, 'deleting nothing writes nothing');
      const again = await b.create('/d/a', enc('new'));
      assert.equal(again.createRevision, before + 3);
      w.cancel();
    });

    run('deletePrefix commits together with the writes issued in the same turn', async (b) => {
      await b.create('/rec/x', enc('record'));
      await b.create('/x/a', enc('a'));
      const [record, range, late] = await Promise.all([b.delete('/rec/x'), b.deletePrefix('/x/'), b.create('/x/b', enc('b'))]);
      assert.deepEqual([record.modRevision, range.map((kv) => kv.modRevision), late.modRevision], [3, [4], 5]);
      assert.deepEqual(b.list({ prefix: '/x/' }).kvs.map((kv) => kv.key), ['/x/b']);
    });

    run('a watch opened while events are delivered does not receive them twice', async (b) => {
      const inner: WatchEvent[] = [];
      let opened: { cancel: () => void } | undefined;
      const outer = b.watch({
        prefix: '/n/', afterRevision: 0, onEvents: () => {
          if (opened) return;
          const w = b.watch({ prefix: '/n/', afterRevision: 0, onEvents: (evs) => inner.push(...evs) });
          inner.push(...w.initial);
          opened = w;
        },
      });
      await b.create('/n/a', enc('1'));
      await b.create('/n/b', enc('2'));
      assert.deepEqual(summary(inner), ['create /n/a@1=1', 'create /n/b@2=2']);
      outer.cancel();
      opened?.cancel();
    });

    run('a watcher that throws is dropped; other watchers and the writer proceed', async (b) => {
      const seen: number[] = [];
      b.watch({ prefix: '/t/', afterRevision: 0, onEvents: () => { throw new Error('bad consumer'); } });
      const good = b.watch({ prefix: '/t/', afterRevision: 0, onEvents: (evs) => seen.push(...evs.map((e) => e.kv.modRevision)) });
      assert.equal((await b.create('/t/a', enc('1'))).modRevision, 1);
      assert.equal((await b.create('/t/b', enc('2'))).modRevision, 2);
      assert.deepEqual(seen, [1, 2]);
      good.cancel();
    });

    run('compaction keeps the present and makes the past Expired', async (b) => {
      const a = await b.create('/c/a', enc('1'));
      await b.update('/c/a', enc('2'), a.modRevision);
      await b.create('/c/b', enc('b'));
      await b.delete('/c/b');
      await b.create('/c/d', enc('d'));
      const compacted = await b.compact(4);
      assert.equal(compacted, 4);
      assert.equal(b.compactRevision(), 4);
      assert.throws(() => b.get('/c/a', { revision: 2 }), CompactedError);
      assert.throws(() => b.list({ prefix: '/c/', revision: 3 }), CompactedError);
      assert.throws(() => b.watch({ prefix: '/c/', afterRevision: 3, onEvents: () => undefined }), CompactedError);
      assert.deepEqual(b.list({ prefix: '/c/', revision: 4 }).kvs.map((kv) => dec(kv.value)), ['2']);
      assert.deepEqual(b.list({ prefix: '/c/' }).kvs.map((kv) => dec(kv.value)), ['2', 'd']);
      const w = collect(b, '/c/', 4);
      assert.deepEqual(summary(w.events), ['create /c/d@5=d']);
      w.cancel();
      assert.equal(await b.compact(2), 4, 'compaction never moves backwards');
      assert.equal(await b.compact(1000), 5, 'compaction is capped at the current revision');
      assert.equal(dec(b.get('/c/d')?.value), 'd');
    });

    run('a closed backend refuses work', async (b) => {
      await b.close();
      await assert.rejects(b.create('/a', enc('1')), StoreClosedError);
      assert.throws(() => b.get('/a'), StoreClosedError);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      test('state, revisions and the compact revision survive a reopen; revisions are never reused', async () => {
        let b = options.open();
        try {
          await b.create('/r/a', enc('1'));
          await b.create('/r/b', enc('2'));
          await b.delete('/r/b');
          await b.compact(3);
          b = await reopen(b);
          assert.equal(b.currentRevision(), 3);
          assert.equal(b.compactRevision(), 3);
          assert.deepEqual(b.list({ prefix: '/r/' }).kvs.map((kv) => dec(kv.value)), ['1']);
          const next = await b.create('/r/c', enc('3'));
          assert.equal(next.modRevision, 4);
        } finally {
          await b.close();
        }
      });
    }
  });
}
