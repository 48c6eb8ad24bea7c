import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EncryptionError, defaultEncryptionConfiguration, parseEncryptionConfiguration } from './encryption.js';

const key = (): string => randomBytes(32).toString('base64');
const config = (providers: string): string => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
${providers}`;

test('secrets are written as k8s:enc:aesgcm:v1:<key>: and read back; other resources stay plain', () => {
  const lookup = parseEncryptionConfiguration(defaultEncryptionConfiguration());
  const plaintext = Buffer.from('{"data":{"password":"aHVudGVyMg=="}}');
  const stored = Buffer.from(lookup('secrets').toStorage(plaintext, '/root/secrets/default/s'));
  assert.match(stored.subarray(0, 40).toString('latin1'), /^k8s:enc:aesgcm:v1:key-\d{8}:/);
  assert.equal(stored.includes(plaintext), false);
  assert.equal(stored.includes(Buffer.from('aHVudGVyMg==')), false);
  assert.deepEqual(Buffer.from(lookup('secrets').fromStorage(stored, '/root/secrets/default/s')), plaintext);
  assert.notDeepEqual(Buffer.from(lookup('secrets').toStorage(plaintext, '/root/secrets/default/s')), stored, 'fresh nonce per write');
  assert.deepEqual(Buffer.from(lookup('configmaps').toStorage(plaintext, '/root/configmaps/default/c')), plaintext);
});

test('the storage key is authenticated: a value moved under another key does not decrypt', () => {
  const lookup = parseEncryptionConfiguration(defaultEncryptionConfiguration());
  const stored = lookup('secrets').toStorage(Buffer.from('x'), '/root/secrets/a/s');
  assert.throws(() => lookup('secrets').fromStorage(stored, '/root/secrets/b/s'), (e: unknown) => e instanceof EncryptionError && /failed AES-GCM authentication/.test(e.message));
});

test('key rotation: the first key writes, every listed key reads; identity reads values written before encryption', () => {
  const oldKey = key();
  const before = parseEncryptionConfiguration(config(`      - aesgcm: {keys: [{name: old, secret: ${oldKey}}]}\n      - identity: {}\n`));
  const written = before('secrets').toStorage(Buffer.from('v'), 'k');
  const rotated = parseEncryptionConfiguration(config(`      - aesgcm: {keys: [{name: new, secret: ${key()}}, {name: old, secret: ${oldKey}}]}\n      - identity: {}\n`));
  assert.equal(Buffer.from(rotated('secrets').fromStorage(written, 'k')).toString(), 'v');
  assert.match(Buffer.from(rotated('secrets').toStorage(Buffer.from('v'), 'k')).toString('latin1'), /^k8s:enc:aesgcm:v1:new:/);
  assert.equal(Buffer.from(rotated('secrets').fromStorage(Buffer.from('{"plain":true}'), 'k')).toString(), '{"plain":true}');
  const strict = parseEncryptionConfiguration(config(`      - aesgcm: {keys: [{name: new, secret: ${key()}}]}\n`));
  assert.throws(() => strict('secrets').fromStorage(Buffer.from('{}'), 'k'), /not encrypted/);
  assert.throws(() => strict('secrets').fromStorage(written, 'k'), /encrypted with key "old"/);
});

test('bad configurations are refused with a clear message', () => {
  assert.throws(() => parseEncryptionConfiguration('kind: Other'), /expected kind: EncryptionConfiguration/);
  assert.throws(() => parseEncryptionConfiguration(config('      - aesgcm: {keys: [{name: k, secret: c2hvcnQ=}]}\n')), /must be 32 bytes/);
  assert.throws(() => parseEncryptionConfiguration(config('      - secretbox: {keys: []}\n')), /unsupported provider "secretbox"/);
  assert.throws(() => parseEncryptionConfiguration(': : :'), /not valid YAML/);
});
