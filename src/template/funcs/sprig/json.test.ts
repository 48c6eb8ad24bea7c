import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoJson } from '../../values/json.js';
import { T } from '../../values/types.js';
import { GoComplex, float64, int, mapStringAny, sliceAny, type GoAny } from '../../values/value.js';
import { formatValue } from '../../fmt/print.js';
import { library } from '../registry.js';
import { callError, callFunc } from '../testkit.js';
import { jsonFuncs } from './json.js';
import { sveltosJsonFuncs } from '../sveltos-data.js';

const lib = library(jsonFuncs);
const sv = library(sveltosJsonFuncs);
const call = (name: string, ...args: GoAny[]): string => formatValue(callFunc(lib, name, args) as GoAny);

// Expected texts below were produced by Go 1.26 + sprig v3.3.0.
test('toJson, toRawJson, toPrettyJson encode as encoding/json', () => {
  const x = parseGoJson('{"b":[1,2.5,1e21,1e-7,0.000001,"<a&b>"],"a":{},"c":[],"d":null,"e":"\\u2028\\u0001\\b\\f\\u007f é"}');
  assert.equal(call('toJson', x), '{"a":{},"b":[1,2.5,1e+21,1e-7,0.000001,"\\u003ca\\u0026b\\u003e"],"c":[],"d":null,"e":"\\u2028\\u0001\\b\\f\u007f é"}');
  assert.equal(call('toRawJson', x), '{"a":{},"b":[1,2.5,1e+21,1e-7,0.000001,"<a&b>"],"c":[],"d":null,"e":"\\u2028\\u0001\\b\\f\u007f é"}');
  assert.equal(call('toPrettyJson', x), '{\n  "a": {},\n  "b": [\n    1,\n    2.5,\n    1e+21,\n    1e-7,\n    0.000001,\n    "\\u003ca\\u0026b\\u003e"\n  ],\n  "c": [],\n  "d": null,\n  "e": "\\u2028\\u0001\\b\\f\u007f é"\n}');
  const nested = mapStringAny([['a', sliceAny([int(1), mapStringAny([['b', sliceAny()]])])]]);
  assert.equal(call('toPrettyJson', nested), '{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ]\n}');
  assert.equal(call('toJson', sliceAny([int(1), float64(2.5), null, true, 'x'])), '[1,2.5,null,true,"x"]');
});

test('encoding errors: toJson swallows, must* and toRawJson fail', () => {
  const c = new GoComplex(T.complex128, 0, 1);
  assert.equal(call('toJson', c), '');
  assert.equal(callError(lib, 'mustToJson', [c]), 'json: unsupported type: complex128');
  assert.equal(callError(lib, 'toRawJson', [float64(NaN)]), 'json: unsupported value: NaN');
  assert.equal(callError(lib, 'mustToPrettyJson', [float64(-Infinity)]), 'json: unsupported value: -Inf');
  const self = mapStringAny();
  self.entries!.set('me', self);
  assert.equal(callError(lib, 'mustToJson', [self]), 'json: unsupported value: encountered a cycle via map[string]interface {}');
});

test('mustFromJson reports Go scanner errors', () => {
  const cases: Array<[string, string]> = [
    ['[1,2', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['é', "invalid character 'Ã' looking for beginning of value"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['-', "invalid character ' ' in numeric literal"],
    ['1e', "invalid character ' ' in exponent of numeric literal"],
    ['1 2', "invalid character '2' after top-level value"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['[1e400]', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
    ['', 'unexpected end of JSON input'],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
  ];
  for (const [text, message] of cases) assert.equal(callError(lib, 'mustFromJson', [text]), message, text);
});

test('fromJson decodes numbers as float64 and ignores errors', () => {
  assert.equal(call('fromJson', '[1e400, 2]'), '[<nil> 2]');
  assert.equal(call('fromJson', '[1,2'), '<nil>');
  const v = callFunc(lib, 'fromJson', ['{"n": 1}']) as GoAny;
  assert.equal(call('mustToJson', v), '{"n":1}');
  assert.equal(((v as { entries: Map<string, { type: unknown }> }).entries.get('n')!).type, T.float64);
  assert.equal(call('mustToJson', callFunc(lib, 'mustFromJson', ['"\\ud800x\\ud83d\\ude00"']) as GoAny), '"\ufffdx😀"');
});

test('Sveltos fromJson returns a map with an Error key; fromJsonArray a one-element list', () => {
  const show = (name: string, text: string): string => formatValue(callFunc(sv, name, [text]) as GoAny);
  assert.equal(show('fromJson', '[1,2]'), 'map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]');
  assert.equal(show('fromJson', '{"a":1}'), 'map[a:1]');
  assert.equal(show('fromJson', 'null'), 'map[]');
  assert.equal(show('fromJson', '{'), 'map[Error:unexpected end of JSON input]');
  assert.equal(show('fromJsonArray', '{"a":1}'), '[json: cannot unmarshal object into Go value of type []interface {}]');
  assert.equal(show('fromJsonArray', '[1,"a"]'), '[1 a]');
  assert.equal(show('toJson', '<'), '"\\u003c"');
  assert.equal(show('toJson', '<'), '"\\u003c"');
});
