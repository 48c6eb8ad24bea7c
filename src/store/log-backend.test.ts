// LogBackend options beyond the Backend contract: the commit observer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type WatchEvent, createMemoryBackend } from './index.js';

test('onCommit observes each commit once, with all its events, before any watcher', async () => {
  const log: string[] = [];
  const backend = createMemoryBackend({
    onCommit: (events: readonly WatchEvent[]) => log.push(`commit ${events.map((e) => e.kv.modRevision).join(',')}`),
  });
  const w = backend.watch({ prefix: '/', afterRevision: 0, onEvents: (events) => log.push(`watch ${events.length}`) });
  await Promise.all([backend.create('/a', Buffer.from('1')), backend.create('/b', Buffer.from('2'))]);
  await backend.create('/a', Buffer.from('dup')).catch(() => undefined);
  await backend.delete('/b');
  assert.deepEqual(log, ['commit 1,2', 'watch 2', 'commit 3', 'watch 1'], 'a commit that wrote nothing is not observed');
  w.cancel();
  await backend.close();
});
