// What the secret manager leaves behind: no plaintext payload anywhere in the data directory or
// the logs, ciphertexts bound to their version, and an append-only audit log of every call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { formatAuditEvent, openDatabase, readAuditEvents, startSecretManager } from '../../src/secretmanager/index.js';
import { createLogger } from '../../src/util/index.js';
import { accessToken, api, b64, createSecretWithValue, createServiceAccountWithKey, tempDir } from '../support/secretmanager.js';

const P = 'v1/projects/my-project';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file in `dir` that holds `needle`. */
function filesHolding(dir: string, needle: Buffer): string[] {
  return filesUnder(dir).filter((path) => readFileSync(path).includes(needle));
}

test('no planted payload is found in the data directory, the logs or the audit log', async () => {
  const dataDir = tempDir();
  let logs = '';
  const destination = new Writable({ write(chunk: Buffer, _encoding, done) { logs += chunk.toString(); done(); } });
  const logger = createLogger({ level: 'trace', destination });
  const sm = await startSecretManager({ dataDir, port: 0, logger });
  const canary = 'CANARY-7d1f0c9e-plaintext-payload';
  const binaryCanary = Buffer.from('BINCANARY\x00\x01\x02\xff\xfe-payload', 'latin1');
  await createSecretWithValue(sm, 'my-project', 'planted', canary);
  await api(sm, 'POST', `${P}/secrets/planted:addVersion`, { body: { payload: { data: binaryCanary.toString('base64') } } });
  await api(sm, 'POST', `${P}/secrets/planted:addVersion`, { body: { payload: { data: b64(`${canary}-destroyed`) } } });
  await api(sm, 'POST', `${P}/secrets/planted/versions/3:destroy`, { body: {} });
  assert.equal((await api(sm, 'GET', `${P}/secrets/planted/versions/1:access`)).status, 200);
  assert.equal((await api(sm, 'GET', `${P}/secrets/planted/versions/2:access`)).status, 200);
  await api(sm, 'POST', `${P}/secrets/planted:addVersion`, { body: `{"payload":{"data":"${b64(canary)}"` });
  await api(sm, 'POST', `${P}/secrets/planted:addVersion`, { body: { payload: { data: b64(canary), dataCrc32c: '1' } } });
  const needles = [Buffer.from(canary), Buffer.from(b64(canary)), binaryCanary, Buffer.from(binaryCanary.toString('base64'))];
  // While running (the WAL holds the recent pages) and after a clean stop (checkpointed).
  for (const needle of needles) assert.deepEqual(filesHolding(dataDir, needle), [], `found ${needle.toString('latin1')} while running`);
  await sm.stop();
  for (const needle of needles) assert.deepEqual(filesHolding(dataDir, needle), [], `found ${needle.toString('latin1')} after stop`);
  assert.ok(logs.length > 0, 'the logger was used');
  for (const needle of needles) assert.equal(logs.includes(needle.toString('latin1')), false);
  const db = openDatabase(join(dataDir, 'secretmanager.db'), { readonly: true });
  try {
    const audit = [...readAuditEvents(db)].map(formatAuditEvent).join('\n');
    for (const needle of needles) assert.equal(audit.includes(needle.toString('latin1')), false);
  } finally {
    db.close();
  }
  for (const file of ['encryption.key', 'token-signing.key', 'admin.token', 'secretmanager.db']) {
    assert.equal(statSync(join(dataDir, file)).mode & 0o777, 0o600, file);
  }
});

test('a ciphertext moved onto another version does not decrypt', async () => {
  const dataDir = tempDir();
  const sm = await startSecretManager({ dataDir, port: 0 });
  await createSecretWithValue(sm, 'my-project', 's', 'first');
  await api(sm, 'POST', `${P}/secrets/s:addVersion`, { body: { payload: { data: b64('second') } } });
  await sm.stop();
  const db = openDatabase(join(dataDir, 'secretmanager.db'));
  db.prepare('UPDATE versions SET ciphertext = (SELECT ciphertext FROM versions WHERE number = 1) WHERE number = 2').run();
  db.close();
  const again = await startSecretManager({ dataDir, port: 0 });
  try {
    const swapped = await api(again, 'GET', `${P}/secrets/s/versions/2:access`);
    assert.equal(swapped.status, 500);
    assert.deepEqual(swapped.json, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
    assert.equal((await api(again, 'GET', `${P}/secrets/s/versions/1:access`)).status, 200);
  } finally {
    await again.stop();
  }
});

test('the audit log records every call with principal, method, resource and decision; it is append-only', async () => {
  const dataDir = tempDir();
  const sm = await startSecretManager({ dataDir, port: 0 });
  await createSecretWithValue(sm, 'my-project', 'yoursecret', 'v1');
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  const token = await accessToken(key);
  const sa = `serviceAccount:${key.client_email}`;
  await api(sm, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token });
  await api(sm, 'POST', `${P}/secrets/yoursecret:setIamPolicy`, { body: { policy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [sa] }] } } });
  await api(sm, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token });
  await api(sm, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token: null });
  await api(sm, 'GET', `${P}/secrets/missing`);
  await sm.stop();

  const db = openDatabase(join(dataDir, 'secretmanager.db'));
  try {
    const lines = [...readAuditEvents(db, { secret: 'yoursecret' })].map((e) => formatAuditEvent(e).replace(/^\S+ /, ''));
    assert.deepEqual(lines, [
      'admin CreateSecret projects/my-project/secrets/yoursecret allowed OK',
      'admin AddSecretVersion projects/my-project/secrets/yoursecret/versions/1 allowed OK',
      `${sa} AccessSecretVersion projects/my-project/secrets/yoursecret/versions/latest denied PERMISSION_DENIED`,
      'admin SetIamPolicy projects/my-project/secrets/yoursecret allowed OK',
      `${sa} AccessSecretVersion projects/my-project/secrets/yoursecret/versions/1 allowed OK`,
    ]);
    const all = [...readAuditEvents(db)];
    assert.ok(all.some((e) => e.principal === 'anonymous' && e.decision === 'denied' && e.status === 'UNAUTHENTICATED'));
    assert.ok(all.some((e) => e.method === 'GenerateAccessToken' && e.principal === sa && e.decision === 'allowed'));
    assert.ok(all.some((e) => e.method === 'GetSecret' && e.status === 'NOT_FOUND' && e.decision === 'allowed'));
    assert.deepEqual([...readAuditEvents(db, { secret: 'projects/my-project/secrets/yoursecret' })].length, lines.length);
    assert.deepEqual([...readAuditEvents(db, { secret: 'projects/other/secrets/yoursecret' })], []);
    assert.match(formatAuditEvent(all[0]!), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z admin CreateSecret /);
    assert.throws(() => db.prepare('UPDATE audit_log SET decision = ?').run('allowed'), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
  } finally {
    db.close();
  }
});
