import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPayloadCipher } from './payload-cipher.js';
import { loadOrCreateKey, loadOrCreateToken } from './key-files.js';

const name1 = 'projects/p/secrets/s/versions/1';
const name2 = 'projects/p/secrets/s/versions/2';

test('sealed payloads open only under the same resource name and key', () => {
  const cipher = createPayloadCipher(randomBytes(32));
  const plaintext = Buffer.from('canary-plaintext-value');
  const sealed = cipher.seal(plaintext, name1);
  assert.equal(sealed.indexOf(plaintext), -1);
  assert.deepEqual(cipher.open(sealed, name1), plaintext);
  assert.throws(() => cipher.open(sealed, name2), { code: 'SECRETMANAGER_CIPHERTEXT_INVALID' });
  assert.throws(() => createPayloadCipher(randomBytes(32)).open(sealed, name1), { code: 'SECRETMANAGER_CIPHERTEXT_INVALID' });
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1]! ^= 1;
  assert.throws(() => cipher.open(tampered, name1), { code: 'SECRETMANAGER_CIPHERTEXT_INVALID' });
  assert.throws(() => cipher.open(Buffer.alloc(5), name1), { code: 'SECRETMANAGER_CIPHERTEXT_INVALID' });
});

test('two seals of the same payload differ (random IV)', () => {
  const cipher = createPayloadCipher(randomBytes(32));
  assert.notDeepEqual(cipher.seal(Buffer.from('x'), name1), cipher.seal(Buffer.from('x'), name1));
  assert.deepEqual(cipher.open(cipher.seal(Buffer.alloc(0), name1), name1), Buffer.alloc(0));
});

test('key files are created 0600 once and reused; wrong size or loose mode is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sm-keys-'));
  const path = join(dir, 'encryption.key');
  const first = loadOrCreateKey(path, 32);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateKey(path, 32), first);
  chmodSync(path, 0o644);
  assert.throws(() => loadOrCreateKey(path, 32), /chmod 600/);
  const short = join(dir, 'short.key');
  writeFileSync(short, Buffer.alloc(5), { mode: 0o600 });
  assert.throws(() => loadOrCreateKey(short, 32), /expected a 32-byte key/);
  const tokenPath = join(dir, 'admin.token');
  const token = loadOrCreateToken(tokenPath, 'adm.');
  assert.match(token, /^adm\./);
  assert.equal(loadOrCreateToken(tokenPath, 'adm.'), token);
  assert.equal(statSync(tokenPath).mode & 0o777, 0o600);
});
