import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, REDACTED } from './redact.js';

test('redacts raw, base64 and JSON-escaped forms of registered values', () => {
  const redactor = createRedactor();
  redactor.add('s3cr3t"value');
  const b64 = Buffer.from('s3cr3t"value').toString('base64');
  assert.equal(redactor.redact(`a s3cr3t"value b`), `a ${REDACTED} b`);
  assert.equal(redactor.redact(`data: ${b64}`), `data: ${REDACTED}`);
  assert.equal(redactor.redact(JSON.stringify({ v: 's3cr3t"value' })), `{"v":"${REDACTED}"}`);
});

test('binary values are registered by their bytes', () => {
  const redactor = createRedactor();
  const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]);
  redactor.add(bytes);
  assert.equal(redactor.redact(`x ${Buffer.from(bytes).toString('base64')} y`), `x ${REDACTED} y`);
});

test('longer values win over values they contain; short values are ignored', () => {
  const redactor = createRedactor();
  redactor.add('abcd');
  redactor.add('abcdefgh');
  redactor.add('ab');
  assert.equal(redactor.redact('abcdefgh abcd ab'), `${REDACTED} ${REDACTED} ab`);
});

test('text without registered values is returned unchanged', () => {
  const redactor = createRedactor();
  assert.equal(redactor.redact('nothing here'), 'nothing here');
  redactor.add('needle-value');
  assert.equal(redactor.redact('haystack (.*) [x]'), 'haystack (.*) [x]');
});
