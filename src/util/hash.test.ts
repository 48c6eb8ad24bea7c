import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stableHash, stableStringify } from './hash.js';

test('key order does not change the text or the hash', () => {
  const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'z' } };
  const b = { a: { c: 'z', d: [1, { x: 1, y: 2 }] }, b: 1 };
  assert.equal(stableStringify(a), '{"a":{"c":"z","d":[1,{"x":1,"y":2}]},"b":1}');
  assert.equal(stableHash(a), stableHash(b));
});

test('array order and values do change the hash', () => {
  assert.notEqual(stableHash([1, 2]), stableHash([2, 1]));
  assert.notEqual(stableHash({ a: '1' }), stableHash({ a: 1 }));
});

test('follows JSON for undefined, toJSON and scalars', () => {
  assert.equal(stableStringify({ a: undefined, b: null }), '{"b":null}');
  assert.equal(stableStringify([undefined]), '[null]');
  assert.equal(stableStringify(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  assert.equal(stableStringify('x"y'), '"x\\"y"');
  assert.equal(stableStringify(undefined), 'null');
});

test('a cycle is an error, a shared subobject is not', () => {
  const shared = { v: 1 };
  assert.equal(stableStringify({ a: shared, b: shared }), '{"a":{"v":1},"b":{"v":1}}');
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => stableStringify(cyclic), /cycle/);
});

test('digest is hex of the chosen algorithm', () => {
  assert.match(stableHash({}), /^[0-9a-f]{64}$/);
  assert.equal(stableHash({}, 'md5'), '99914b932bd37a50b983c5e7c90ae93b');
});
