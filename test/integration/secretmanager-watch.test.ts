// Change notifications: the watch endpoint as long poll and as server-sent events, resuming
// from a cursor without missing anything, and showing each caller only what it may read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/util/index.js';
import { accessToken, api, b64, createSecretWithValue, createServiceAccountWithKey, startForTest } from '../support/secretmanager.js';

const P = 'v1/projects/my-project';
const WATCH = `${P}/secrets:watch`;

interface Event {
  cursor: string;
  eventType: string;
  secret: string;
  version?: string;
}

const summary = (events: Event[]): string[] => events.map((e) => `${e.eventType} ${e.secret.split('/').pop()}${e.version ? `/${e.version.split('/').pop()}` : ''}`);

test('long poll: take a cursor, then every change after it arrives in order', async (t) => {
  const sm = await startForTest(t);
  const start = await api(sm, 'GET', WATCH);
  assert.deepEqual(start.json, { events: [], cursor: '0' });
  await createSecretWithValue(sm, 'my-project', 's', 'one');
  await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('two') } } });
  await api(sm, 'POST', `${P}/secrets/s/versions/1:disable`, { body: {} });
  await api(sm, 'POST', `${P}/secrets/s/versions/1:enable`, { body: {} });
  await api(sm, 'POST', `${P}/secrets/s/versions/1:destroy`, { body: {} });
  await api(sm, 'PATCH', `${P}/secrets/s?updateMask=labels`, { body: { labels: { a: 'b' } } });
  await api(sm, 'DELETE', `${P}/secrets/s`);
  await createSecretWithValue(sm, 'other-project', 'elsewhere', 'x');
  const all = await api(sm, 'GET', `${WATCH}?cursor=0`);
  assert.deepEqual(summary(all.json.events as Event[]), [
    'SECRET_CREATE s', 'SECRET_VERSION_ADD s/1', 'SECRET_VERSION_ADD s/2', 'SECRET_VERSION_DISABLE s/1',
    'SECRET_VERSION_ENABLE s/1', 'SECRET_VERSION_DESTROY s/1', 'SECRET_UPDATE s', 'SECRET_DELETE s',
  ]);
  const events = all.json.events as Event[];
  assert.match(events[1]!.version!, /^projects\/\d{12}\/secrets\/s\/versions\/1$/);
  // Resuming from the middle gives exactly the rest.
  const resumed = await api(sm, 'GET', `${WATCH}?cursor=${events[4]!.cursor}`);
  assert.deepEqual(summary(resumed.json.events as Event[]), ['SECRET_VERSION_DESTROY s/1', 'SECRET_UPDATE s', 'SECRET_DELETE s']);
  const ahead = await api(sm, 'GET', `${WATCH}?cursor=999`);
  assert.equal((ahead.json.error as { status: string }).status, 'FAILED_PRECONDITION');
  assert.equal((await api(sm, 'GET', `${WATCH}?cursor=abc`)).status, 400);
});

test('long poll: a waiting poll answers as soon as a version is added, and at its timeout otherwise', async (t) => {
  const clock = new ManualClock(Date.now());
  const sm = await startForTest(t, { clock });
  await createSecretWithValue(sm, 'my-project', 's', 'one');
  const { cursor } = (await api(sm, 'GET', WATCH)).json as { cursor: string };
  const waiting = api(sm, 'GET', `${WATCH}?cursor=${cursor}&timeout=60s`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('two') } } });
  const answered = await waiting;
  assert.deepEqual(summary(answered.json.events as Event[]), ['SECRET_VERSION_ADD s/2']);

  const idle = api(sm, 'GET', `${WATCH}?cursor=${answered.json.cursor as string}&timeout=30s`);
  // The poll's timer is the only one on this clock: once it exists, the poll is waiting.
  while (clock.pendingTimers === 0) await new Promise((resolve) => setImmediate(resolve));
  await clock.advance(30_000);
  assert.deepEqual((await idle).json, { events: [], cursor: answered.json.cursor });
});

test('events are shown only to callers that may read the secret, deletions included', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 'mine', 'a');
  await createSecretWithValue(sm, 'my-project', 'theirs', 'b');
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  const token = await accessToken(key);
  await api(sm, 'POST', `${P}/secrets/mine:setIamPolicy`, {
    body: { policy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${key.client_email}`] }] } },
  });
  const { cursor } = (await api(sm, 'GET', WATCH, { token })).json as { cursor: string };
  await api(sm, 'POST', `${P}/secrets/theirs:addVersion`, { body: { payload: { data: b64('b2') } } });
  await api(sm, 'POST', `${P}/secrets/mine:addVersion`, { body: { payload: { data: b64('a2') } } });
  await api(sm, 'DELETE', `${P}/secrets/mine`);
  const seen = await api(sm, 'GET', `${WATCH}?cursor=${cursor}`, { token });
  assert.deepEqual(summary(seen.json.events as Event[]), ['SECRET_VERSION_ADD mine/2', 'SECRET_DELETE mine']);
  const admin = await api(sm, 'GET', `${WATCH}?cursor=${cursor}`);
  assert.deepEqual(summary(admin.json.events as Event[]), ['SECRET_VERSION_ADD theirs/2', 'SECRET_VERSION_ADD mine/2', 'SECRET_DELETE mine']);
  assert.equal((await api(sm, 'GET', WATCH, { token: null })).status, 401);
});

interface SseMessage {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events from a fetch response, one message at a time. */
function sseReader(response: Response): { next: () => Promise<SseMessage>; close: () => Promise<void> } {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          const fields = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          if (fields.data) return { id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) as Record<string, unknown> };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

test('server-sent events: a ready event, then each change; Last-Event-ID resumes without loss', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 's', 'one');
  const headers = { authorization: `Bearer ${sm.adminToken}`, accept: 'text/event-stream' };
  const first = await fetch(new URL(WATCH, sm.url), { headers });
  assert.equal(first.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const events = sseReader(first);
  const ready = await events.next();
  assert.equal(ready.event, 'ready');
  assert.equal(ready.data.cursor, ready.id);
  await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('two') } } });
  const added = await events.next();
  assert.equal(added.data.eventType, 'SECRET_VERSION_ADD');
  assert.equal(added.id, added.data.cursor);
  await events.close();

  // Changes made while disconnected arrive on reconnection.
  await api(sm, 'POST', `${P}/secrets/s/versions/2:disable`, { body: {} });
  await api(sm, 'POST', `${P}/secrets/s/versions/1:destroy`, { body: {} });
  const replay = sseReader(await fetch(new URL(WATCH, sm.url), { headers: { ...headers, 'last-event-id': added.id } }));
  assert.equal((await replay.next()).event, 'ready');
  assert.equal((await replay.next()).data.eventType, 'SECRET_VERSION_DISABLE');
  assert.equal((await replay.next()).data.eventType, 'SECRET_VERSION_DESTROY');
  await replay.close();
});

test('stopping the server ends open watches at once', async (t) => {
  const sm = await startForTest(t);
  const { cursor } = (await api(sm, 'GET', WATCH)).json as { cursor: string };
  const poll = api(sm, 'GET', `${WATCH}?cursor=${cursor}&timeout=300s`).catch((error: unknown) => error);
  const stream = fetch(new URL(WATCH, sm.url), { headers: { authorization: `Bearer ${sm.adminToken}`, accept: 'text/event-stream' } }).then((r) => r.text()).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await sm.stop();
  const [pollResult, streamResult] = await Promise.all([poll, stream]);
  assert.ok(pollResult !== undefined && streamResult !== undefined);
});
