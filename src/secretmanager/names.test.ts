import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProjectId, checkSecretId, isProjectNumber, parseVersionRef, projectNumberOf } from './names.js';
import { GoogleApiError } from './errors.js';

test('secret IDs follow Google rules', () => {
  for (const ok of ['yoursecret', 'a', 'A_b-9', 'x'.repeat(255)]) assert.equal(checkSecretId(ok), ok);
  for (const bad of ['', 'has space', 'dot.ted', 'x'.repeat(256), 'slash/y', 'ü']) {
    assert.throws(() => checkSecretId(bad), (e: unknown) => e instanceof GoogleApiError && e.status === 'INVALID_ARGUMENT');
  }
});

test('project IDs and numbers are told apart', () => {
  assert.equal(checkProjectId('my-project'), 'my-project');
  assert.equal(checkProjectId('example.com:proj'), 'example.com:proj');
  assert.throws(() => checkProjectId('123'));
  assert.throws(() => checkProjectId(''));
  assert.ok(isProjectNumber('123456789012'));
  assert.ok(!isProjectNumber('my-project'));
});

test('project numbers are twelve stable digits', () => {
  const n = projectNumberOf('my-project');
  assert.match(n, /^[1-9][0-9]{11}$/);
  assert.equal(projectNumberOf('my-project'), n);
  assert.notEqual(projectNumberOf('other-project'), n);
});

test('version references', () => {
  assert.deepEqual(parseVersionRef('latest'), { kind: 'latest' });
  assert.deepEqual(parseVersionRef('12'), { kind: 'number', number: 12 });
  assert.deepEqual(parseVersionRef('prod'), { kind: 'alias', alias: 'prod' });
  assert.throws(() => parseVersionRef('a/b'));
  assert.deepEqual(parseVersionRef('0'), { kind: 'alias', alias: '0' });
});
