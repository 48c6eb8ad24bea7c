// Secret Manager REST v1 against the real embedded server over HTTP: secrets, versions, list
// filters and paging, etags, errors in Google's JSON format with Google's statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from '../../src/secretmanager/index.js';
import { api, b64, createSecretWithValue, startForTest } from '../support/secretmanager.js';

const P = 'v1/projects/my-project';

test('create, get, list, patch labels with an update mask, delete with etag', async (t) => {
  const sm = await startForTest(t);
  const created = await api(sm, 'POST', `${P}/secrets?secretId=yoursecret`, {
    body: { replication: { automatic: {} }, labels: { team: 'a', env: 'dev' }, annotations: { 'owner.team': 'sre' } },
  });
  assert.equal(created.status, 200, created.text);
  assert.match(created.json.name as string, /^projects\/\d{12}\/secrets\/yoursecret$/);
  assert.deepEqual(created.json.replication, { automatic: {} });
  assert.deepEqual(created.json.labels, { team: 'a', env: 'dev' });
  assert.match(created.json.etag as string, /^"[0-9a-f]+"$/);
  assert.match(created.json.createTime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

  const byNumber = await api(sm, 'GET', `v1/${created.json.name as string}`);
  assert.deepEqual(byNumber.json, created.json, 'the project number addresses the same secret');

  const again = await api(sm, 'POST', `${P}/secrets?secretId=yoursecret`, { body: { replication: { automatic: {} } } });
  assert.equal(again.status, 409);
  assert.deepEqual(again.json, { error: { code: 409, message: `Secret [${created.json.name as string}] already exists.`, status: 'ALREADY_EXISTS' } });

  const patched = await api(sm, 'PATCH', `${P}/secrets/yoursecret?updateMask=labels`, { body: { labels: { team: 'a', env: 'dev', owner: 'eso' }, annotations: {}, versionAliases: {} } });
  assert.equal(patched.status, 200, patched.text);
  assert.deepEqual(patched.json.labels, { team: 'a', env: 'dev', owner: 'eso' });
  assert.deepEqual(patched.json.annotations, { 'owner.team': 'sre' }, 'fields outside the mask are kept');
  assert.notEqual(patched.json.etag, created.json.etag);

  const staleDelete = await api(sm, 'DELETE', `${P}/secrets/yoursecret?etag=${encodeURIComponent(created.json.etag as string)}`);
  assert.equal(staleDelete.status, 400);
  assert.equal((staleDelete.json.error as { status: string }).status, 'FAILED_PRECONDITION');
  const deleted = await api(sm, 'DELETE', `${P}/secrets/yoursecret?etag=${encodeURIComponent(patched.json.etag as string)}`);
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.json, {});
  const gone = await api(sm, 'GET', `${P}/secrets/yoursecret`);
  assert.equal(gone.status, 404);
  assert.deepEqual(gone.json, { error: { code: 404, message: `Secret [${created.json.name as string}] not found.`, status: 'NOT_FOUND' } });
});

test('list filters by name and labels, pages with tokens, and answers {} when empty', async (t) => {
  const sm = await startForTest(t);
  assert.deepEqual((await api(sm, 'GET', `${P}/secrets`)).json, {});
  for (const [id, team] of [['alpha', 'a'], ['beta', 'b'], ['gamma', 'a'], ['delta', 'a']] as const) {
    const r = await api(sm, 'POST', `${P}/secrets?secretId=${id}`, { body: { replication: { automatic: {} }, labels: { team } } });
    assert.equal(r.status, 200, r.text);
  }
  const names = (r: { json: Record<string, unknown> }): string[] => ((r.json.secrets ?? []) as Array<{ name: string }>).map((s) => s.name.split('/').pop()!);
  const all = await api(sm, 'GET', `${P}/secrets`);
  assert.deepEqual(names(all), ['alpha', 'beta', 'delta', 'gamma']);
  assert.equal(all.json.totalSize, 4);
  assert.deepEqual(names(await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('labels.team=a')}&pageSize=100`)), ['alpha', 'delta', 'gamma']);
  assert.deepEqual(names(await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('name:ta')}`)), ['beta', 'delta']);
  assert.deepEqual(names(await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('labels.team=a AND NOT name:gam')}`)), ['alpha', 'delta']);
  const filtered = await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('labels.team=b')}`);
  assert.equal(filtered.json.totalSize, undefined, 'Google leaves totalSize out when a filter is set');

  const seen: string[] = [];
  let token = '';
  for (let page = 0; page < 5; page++) {
    const r = await api(sm, 'GET', `${P}/secrets?pageSize=3${token ? `&pageToken=${token}` : ''}`);
    seen.push(...names(r));
    token = (r.json.nextPageToken as string | undefined) ?? '';
    if (!token) break;
  }
  assert.deepEqual(seen, ['alpha', 'beta', 'delta', 'gamma']);

  const bad = await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('colour=red')}`);
  assert.equal(bad.status, 400);
  assert.match((bad.json.error as { message: string }).message, /unknown field \[colour\]/);
  const malformed = await api(sm, 'GET', `${P}/secrets?filter=${encodeURIComponent('name:(')}`);
  assert.equal((malformed.json.error as { status: string }).status, 'INVALID_ARGUMENT');
});

test('versions: add with checksum, access by number, latest and alias, exact bytes including binary', async (t) => {
  const sm = await startForTest(t);
  await api(sm, 'POST', `${P}/secrets?secretId=s`, { body: { replication: { automatic: {} } } });
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const v1 = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('s3cr3t-v1'), dataCrc32c: '366427462' } } });
  assert.equal(v1.status, 200, v1.text);
  assert.match(v1.json.name as string, /^projects\/\d{12}\/secrets\/s\/versions\/1$/);
  assert.equal(v1.json.state, 'ENABLED');
  assert.equal(v1.json.clientSpecifiedPayloadChecksum, true);
  assert.deepEqual(v1.json.replicationStatus, { automatic: {} });
  const v2 = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: binary.toString('base64url') } } });
  assert.equal(v2.json.clientSpecifiedPayloadChecksum, undefined, 'false is left out, as proto3 JSON does');

  const latest = await api(sm, 'GET', `${P}/secrets/s/versions/latest:access`);
  assert.equal(latest.status, 200);
  assert.equal(latest.json.name, (v2.json.name as string), 'latest resolves to the concrete version');
  const payload = latest.json.payload as { data: string; dataCrc32c: string };
  assert.deepEqual(Buffer.from(payload.data, 'base64'), binary);
  assert.equal(payload.dataCrc32c, String(crc32c(binary)));
  const first = await api(sm, 'GET', `${P}/secrets/s/versions/1:access`);
  assert.deepEqual(first.json.payload, { data: b64('s3cr3t-v1'), dataCrc32c: '366427462' });

  const aliased = await api(sm, 'PATCH', `${P}/secrets/s?updateMask=version_aliases`, { body: { versionAliases: { prod: '1' } } });
  assert.deepEqual(aliased.json.versionAliases, { prod: '1' });
  assert.equal((await api(sm, 'GET', `${P}/secrets/s/versions/prod:access`)).json.name, v1.json.name);

  const mismatch = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('x'), data_crc32c: 12345 } } });
  assert.equal(mismatch.status, 400);
  assert.match((mismatch.json.error as { message: string }).message, /Checksum mismatch/);
  const noPayload = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: {} });
  assert.deepEqual(noPayload.json, { error: { code: 400, message: 'Field [payload] is required.', status: 'INVALID_ARGUMENT' } });
  const badBase64 = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: 'not base64!' } } });
  assert.equal((badBase64.json.error as { status: string }).status, 'INVALID_ARGUMENT');
  assert.equal((await api(sm, 'GET', `${P}/secrets/s/versions`)).json.totalSize, 2, 'failed adds leave no version behind');
});

test('a 64 KiB payload is accepted and one byte more is refused', async (t) => {
  const sm = await startForTest(t);
  await api(sm, 'POST', `${P}/secrets?secretId=big`, { body: { replication: { automatic: {} } } });
  const max = Buffer.alloc(65536, 7);
  const ok = await api(sm, 'POST', `${P}/secrets/big:addVersion`, { body: { payload: { data: max.toString('base64'), dataCrc32c: String(crc32c(max)) } } });
  assert.equal(ok.status, 200, ok.text);
  const access = await api(sm, 'GET', `${P}/secrets/big/versions/1:access`);
  assert.equal(Buffer.from((access.json.payload as { data: string }).data, 'base64').length, 65536);
  const tooBig = await api(sm, 'POST', `${P}/secrets/big:addVersion`, { body: { payload: { data: Buffer.alloc(65537, 7).toString('base64') } } });
  assert.equal(tooBig.status, 400);
  assert.equal((tooBig.json.error as { status: string }).status, 'INVALID_ARGUMENT');
  assert.match((tooBig.json.error as { message: string }).message, /65537 bytes.*65536 bytes/);
  const huge = await api(sm, 'POST', `${P}/secrets/big:addVersion`, { body: { payload: { data: Buffer.alloc(1_200_000).toString('base64') } } });
  assert.equal(huge.status, 400);
  assert.match((huge.json.error as { message: string }).message, /Request payload size exceeds the limit/);
});

test('disable, enable, destroy: latest does not fall back, destroyed is final', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 's', 'one');
  await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('two') } } });
  const number = ((await api(sm, 'GET', `${P}/secrets/s`)).json.name as string).split('/')[1]!;

  const disabled = await api(sm, 'POST', `${P}/secrets/s/versions/2:disable`, { body: {} });
  assert.equal(disabled.json.state, 'DISABLED');
  const latest = await api(sm, 'GET', `${P}/secrets/s/versions/latest:access`);
  assert.deepEqual(latest.json, { error: { code: 400, message: `Secret Version [projects/${number}/secrets/s/versions/2] is in DISABLED state.`, status: 'FAILED_PRECONDITION' } });
  const enabledList = await api(sm, 'GET', `${P}/secrets/s/versions?filter=state:ENABLED`);
  assert.deepEqual((enabledList.json.versions as Array<{ name: string }>).map((v) => v.name.split('/').pop()), ['1']);

  const stale = await api(sm, 'POST', `${P}/secrets/s/versions/2:enable`, { body: { etag: '"0000"' } });
  assert.equal((stale.json.error as { status: string }).status, 'FAILED_PRECONDITION');
  const enabled = await api(sm, 'POST', `${P}/secrets/s/versions/2:enable`, { body: { etag: disabled.json.etag } });
  assert.equal(enabled.json.state, 'ENABLED');

  const destroyed = await api(sm, 'POST', `${P}/secrets/s/versions/1:destroy`, { body: {} });
  assert.equal(destroyed.json.state, 'DESTROYED');
  assert.ok(destroyed.json.destroyTime);
  const gone = await api(sm, 'GET', `${P}/secrets/s/versions/1:access`);
  assert.equal((gone.json.error as { message: string }).message, `Secret Version [projects/${number}/secrets/s/versions/1] is in DESTROYED state.`);
  const revive = await api(sm, 'POST', `${P}/secrets/s/versions/1:enable`, { body: {} });
  assert.equal((revive.json.error as { status: string }).status, 'FAILED_PRECONDITION');
  const described = await api(sm, 'GET', `${P}/secrets/s/versions/1`);
  assert.equal(described.json.state, 'DESTROYED');

  const next = await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('three') } } });
  assert.match(next.json.name as string, /versions\/3$/, 'numbers are never reused');
  const versions = await api(sm, 'GET', `${P}/secrets/s/versions`);
  assert.deepEqual((versions.json.versions as Array<{ name: string; state: string }>).map((v) => `${v.name.split('/').pop()}:${v.state}`), ['3:ENABLED', '2:ENABLED', '1:DESTROYED']);
});

test('missing secrets and versions are NOT_FOUND in Google words', async (t) => {
  const sm = await startForTest(t);
  const number = ((await api(sm, 'GET', 'v1/projects/my-project')).json.projectNumber as string);
  const latest = await api(sm, 'GET', `${P}/secrets/nosuch/versions/latest:access`);
  assert.deepEqual(latest.json, { error: { code: 404, message: `Secret [projects/${number}/secrets/nosuch] not found or has no versions.`, status: 'NOT_FOUND' } });
  await api(sm, 'POST', `${P}/secrets?secretId=empty`, { body: { replication: { automatic: {} } } });
  assert.equal((await api(sm, 'GET', `${P}/secrets/empty/versions/latest:access`)).json.error !== undefined, true);
  const v9 = await api(sm, 'GET', `${P}/secrets/empty/versions/9`);
  assert.equal((v9.json.error as { message: string }).message, `Secret Version [projects/${number}/secrets/empty/versions/9] not found.`);
  const unknownNumber = await api(sm, 'GET', 'v1/projects/999999999999/secrets/x');
  assert.equal(unknownNumber.status, 404);
});

test('bad requests: invalid IDs, missing replication, bad JSON (without echoing it), unknown paths', async (t) => {
  const sm = await startForTest(t);
  const badId = await api(sm, 'POST', `${P}/secrets?secretId=${encodeURIComponent('has space')}`, { body: { replication: { automatic: {} } } });
  assert.equal((badId.json.error as { status: string }).status, 'INVALID_ARGUMENT');
  const noReplication = await api(sm, 'POST', `${P}/secrets?secretId=ok`, { body: {} });
  assert.deepEqual(noReplication.json, { error: { code: 400, message: 'Field [replication] is required.', status: 'INVALID_ARGUMENT' } });
  const badLabel = await api(sm, 'POST', `${P}/secrets?secretId=ok`, { body: { replication: { automatic: {} }, labels: { Team: 'a' } } });
  assert.equal((badLabel.json.error as { status: string }).status, 'INVALID_ARGUMENT');
  await api(sm, 'POST', `${P}/secrets?secretId=ok`, { body: { replication: { automatic: {} } } });
  const canary = 'canary-in-bad-json-7f3a';
  const badJson = await api(sm, 'POST', `${P}/secrets/ok:addVersion`, { body: `{"payload": {"data": "${canary}"` });
  assert.equal(badJson.status, 400);
  assert.ok(!badJson.text.includes(canary), badJson.text);
  const badMask = await api(sm, 'PATCH', `${P}/secrets/ok?updateMask=replication`, { body: {} });
  assert.match((badMask.json.error as { message: string }).message, /Invalid update_mask field \[replication\]/);
  const unknown = await api(sm, 'GET', 'v1/projects/my-project/widgets');
  assert.equal(unknown.status, 404);
  assert.equal((unknown.json.error as { status: string }).status, 'NOT_FOUND');
});

test('every call needs credentials: missing or invalid tokens get Google 401s', async (t) => {
  const sm = await startForTest(t);
  const missing = await api(sm, 'GET', `${P}/secrets`, { token: null });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="https://accounts.google.com/"');
  const error = missing.json.error as { code: number; status: string; message: string; details: Array<{ reason: string }> };
  assert.equal(error.status, 'UNAUTHENTICATED');
  assert.match(error.message, /^Request is missing required authentication credential/);
  assert.equal(error.details[0]!.reason, 'CREDENTIALS_MISSING');
  const invalid = await api(sm, 'GET', `${P}/secrets/x/versions/latest:access`, { token: 'ya29.forged.token' });
  assert.equal(invalid.status, 401);
  assert.match((invalid.json.error as { message: string }).message, /^Request had invalid authentication credentials/);
  const unknownPath = await api(sm, 'GET', 'v1/nothing', { token: null });
  assert.equal(unknownPath.status, 401, 'authentication comes before routing');
});
