import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, mapOf, sliceOf } from './types.js';
import { GoFloat, GoInt, GoMap, GoSlice, int, int64, isTrue, wrapInt, zeroOf } from './value.js';
import { fromPlain, parseGoJson } from './json.js';

test('types are interned: structurally equal types are identical', () => {
  assert.equal(mapOf(T.string, T.any), T.mapStringAny);
  assert.equal(sliceOf(T.uint8), T.sliceByte);
  assert.equal(T.mapStringAny.name, 'map[string]interface {}');
  assert.equal(T.sliceByte.name, '[]uint8');
  assert.equal(mapOf(T.string, T.mapStringAny).name, 'map[string]map[string]interface {}');
});

test('JSON numbers follow Kubernetes typing: integers int64, others float64', () => {
  const v = parseGoJson('{"i": 1, "f": 1.0, "e": 1e6, "big": 9007199254740993, "huge": 12345678901234567890, "neg": -0}') as GoMap;
  const get = (k: string) => v.entries!.get(k);
  assert.ok(get('i') instanceof GoInt && (get('i') as GoInt).type === T.int64);
  assert.ok(get('f') instanceof GoFloat);
  assert.ok(get('e') instanceof GoFloat && (get('e') as GoFloat).v === 1e6);
  assert.equal((get('big') as GoInt).v, 9007199254740993n);
  assert.ok(get('huge') instanceof GoFloat);
  assert.equal((get('neg') as GoInt).v, 0n);
});

test('JSON structure: maps, slices, null, strings with escapes', () => {
  const v = parseGoJson(' [ {"a": null}, "x\\u00e9\\n", true, [] ] ') as GoSlice;
  assert.equal(v.type, T.sliceAny);
  assert.equal(v.items!.length, 4);
  assert.equal((v.items![0] as GoMap).entries!.get('a'), null);
  assert.equal(v.items![1], 'xé\n');
  assert.equal(v.items![2], true);
  assert.equal(parseGoJson('   '), null);
});

test('malformed JSON is a clear error, not a crash', () => {
  assert.throws(() => parseGoJson('{"a":}'), /invalid JSON/);
  assert.throws(() => parseGoJson('[1,'), /invalid JSON/);
  assert.throws(() => parseGoJson('{} x'), /invalid JSON/);
  assert.throws(() => parseGoJson('"abc'), /invalid JSON/);
});

test('fromPlain types JS numbers like JSON integers and floats', () => {
  const v = fromPlain({ n: 2, f: 2.5, l: [1n] }) as GoMap;
  assert.equal((v.entries!.get('n') as GoInt).type, T.int64);
  assert.equal((v.entries!.get('f') as GoFloat).v, 2.5);
  assert.equal(((v.entries!.get('l') as GoSlice).items![0] as GoInt).v, 1n);
});

test('truth follows text/template', () => {
  assert.equal(isTrue(undefined), false);
  assert.equal(isTrue(null), false);
  assert.equal(isTrue('0'), true);
  assert.equal(isTrue(''), false);
  assert.equal(isTrue(int(0)), false);
  assert.equal(isTrue(int64(-1)), true);
  assert.equal(isTrue(new GoMap(T.mapStringAny, null)), false);
  assert.equal(isTrue(new GoSlice(T.sliceAny, [])), false);
});

test('integer wraparound and zero values', () => {
  assert.equal(wrapInt(T.int64, 2n ** 63n), -(2n ** 63n));
  assert.equal(wrapInt(T.uint8, 256n + 7n), 7n);
  assert.equal(zeroOf(T.string), '');
  assert.equal((zeroOf(T.mapStringAny) as GoMap).entries, null);
  assert.equal(zeroOf(T.any), null);
  assert.equal(int(5), int(5), 'small ints are shared');
});
