import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue } from '../fmt/print.js';
import { unmarshalJson } from './encoding/json-decode.js';
import { library } from './registry.js';
import { callFunc } from './testkit.js';
import { yamlFuncs } from './yaml-funcs.js';
import { GoComplex, GoFloat, int64, mapStringAny, type GoAny } from '../values/value.js';
import { T } from '../values/types.js';

const lib = library(yamlFuncs);
const show = (v: unknown): string => formatValue(v as GoAny);

// Expected outputs were produced by Go 1.26 with sigs.k8s.io/yaml v1.6.0 (go-yaml v2.4.2),
// from JSON data decoded by encoding/json (numbers float64).
const TO_YAML: ReadonlyArray<readonly [string, string]> = [
  ["{\"b\": 1, \"a\": \"x\", \"c\": [1, 2, {\"d\": \"e\", \"f\": []}], \"g\": {}, \"h\": null, \"i\": true, \"j\": 2.5, \"k\": 1e+21, \"l\": 1e-07, \"m\": 1000000, \"n\": 1234567.5}", "a: x\nb: 1\nc:\n- 1\n- 2\n- d: e\n  f: []\ng: {}\nh: null\ni: true\nj: 2.5\nk: 1e+21\nl: 1e-07\nm: 1000000\n\"n\": 1.2345675e+06"],
  ["[\"yes\", \"no\", \"y\", \"n\", \"on\", \"off\", \"~\", \"null\", \"true\", \"0x1F\", \"012\", \"08\", \"1.0\", \"\", \"x: y\", \"- a\", \"#c\", \" lead\", \"trail \", \"a\\nb\", \"a\\nb\\n\", \"a\\n\\nb\\n\\n\", \"\\ttab\", \"emoji 😀\", \"é\", \"<<\", \"2024-01-02\", \"2024-1-2\", \"1_000\", \"1:20\", \"+1\", \"-.inf\", \".5\", \"a'b\", \"'q\", \"\\\"dq\", \"key: [x]\", \"- \", \"?\", \"a #b\", \"a#b\", \"---\", \"...x\", \"%x\", \"@x\", \"`x\"]", "- \"yes\"\n- \"no\"\n- \"y\"\n- \"n\"\n- \"on\"\n- \"off\"\n- \"~\"\n- \"null\"\n- \"true\"\n- \"0x1F\"\n- \"012\"\n- \"08\"\n- \"1.0\"\n- \"\"\n- 'x: y'\n- '- a'\n- '#c'\n- ' lead'\n- 'trail '\n- |-\n  a\n  b\n- |\n  a\n  b\n- |+\n  a\n\n  b\n\n- \"\\ttab\"\n- \"emoji \\U0001F600\"\n- é\n- <<\n- \"2024-01-02\"\n- \"2024-1-2\"\n- \"1_000\"\n- \"1:20\"\n- \"+1\"\n- \"-.inf\"\n- \".5\"\n- a'b\n- '''q'\n- '\"dq'\n- 'key: [x]'\n- '- '\n- '?'\n- 'a #b'\n- a#b\n- '---'\n- '...x'\n- '%x'\n- '@x'\n- '`x'"],
  ["{\"a10\": 1, \"a9\": 2, \"a\": 3, \"B\": 4, \"b\": 5, \"_x\": 6, \"1\": 7, \"10\": 8, \"2\": 9, \"a01\": 10, \"a1\": 11, \"é\": 12, \"Z\": 13}", "_x: 6\n\"1\": 7\n\"2\": 9\n\"10\": 8\nB: 4\nZ: 13\na: 3\na1: 11\na01: 10\na9: 2\na10: 1\nb: 5\né: 12"],
  ["{\"long\": \"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris\", \"longq\": \"Lorem: ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis\", \"longd\": \"yes Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\\tUt enim ad minim veniam\"}", "long: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n  incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud\n  exercitation ullamco laboris\nlongd: \"yes Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n  tempor incididunt ut labore et dolore magna aliqua.\\tUt enim ad minim veniam\"\nlongq: 'Lorem: ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n  incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis'"],
  ["[[1, [2, 3]], [{\"a\": 1, \"b\": [{\"c\": 2}]}], {\"x\": [[]]}]", "- - 1\n  - - 2\n    - 3\n- - a: 1\n    b:\n    - c: 2\n- x:\n  - []"],
  ["\"plain\"", "plain"],
  ["\"multi\\nline\"", "|-\n  multi\n  line"],
  ["42", "42"],
  ["null", "null"],
  ["[]", "[]"],
  ["{}", "{}"],
  ["{\"a\": {\"b\": {\"c\": [\"x\", {\"d\": \"multi\\nline\\n\"}]}}}", "a:\n  b:\n    c:\n    - x\n    - d: |\n        multi\n        line"],
  ["{\"lead\": \"\\nlead break\", \" sp\": \"k\", \"a\\nb\": \"multiline key\", \"k\": \" x\\n y\"}", "' sp': k\n? |-\n  a\n  b\n: multiline key\nk: |2-\n   x\n   y\nlead: |2-\n\n  lead break"],
  ["{\"x\": \"a  b\", \"y\": \"a\\n  b\", \"z\": \"trailing\\n  \", \"w\": \"x\", \"v\": \" \", \"u\": \" nbsp\", \"t\": \"﻿bom\"}", "t: \"\\uFEFF\\x62\\x6F\\x6D\"\nu:  nbsp\nv: ' '\nw: ' x'\nx: a  b\n\"y\": |-\n  a\n    b\nz: \"trailing\\n  \""],
];

const FROM_YAML: ReadonlyArray<readonly [string, string]> = [
  ["a: 1\nb: [x, \"y\", 'z']\nc: &A {k: v}\nd: *A\n<<: {m: 1, a: 9}\n", "map[a:9 b:[x y z] c:map[k:v] d:map[k:v] m:1]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
  ["yes: no\n1: one\n1.5: f\ntrue: t\nts: 2024-01-02\nbig: 18446744073709551615\noct: 012\nhex: 0x1F\nf: 1e3\nn: ~\ne: \"\"\n", "map[1:one 1.5:f big:1.8446744073709552e+19 e: f:1000 false:<nil> hex:31 oct:10 true:t ts:2024-01-02]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
  ["- a\n- b: c\n", "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]|[a map[b:c]]"],
  ["a: b: c\n", "map[Error:error converting YAML to JSON: yaml: mapping values are not allowed in this context]|[error converting YAML to JSON: yaml: mapping values are not allowed in this context]"],
  ["a:\n\tb: 1\n", "map[Error:error converting YAML to JSON: yaml: line 2: found character that cannot start any token]|[error converting YAML to JSON: yaml: line 2: found character that cannot start any token]"],
  ["x: 'unclosed\n", "map[Error:error converting YAML to JSON: yaml: line 2: found unexpected end of stream]|[error converting YAML to JSON: yaml: line 2: found unexpected end of stream]"],
  ["[1, 2\n", "map[Error:error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']']|[error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']']"],
  ["", "map[]|[]"],
  ["null", "map[]|[]"],
  ["just a string", "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type []interface {}]"],
  ["a: .inf\n", "map[Error:error converting YAML to JSON: json: unsupported value: +Inf]|[error converting YAML to JSON: json: unsupported value: +Inf]"],
  ["a: 1\n---\nb: 2\n", "map[a:1]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
  ["base: &b {x: 1, y: 2}\nd:\n  <<: [*b, {y: 3, z: 4}]\n  x: 0\n", "map[base:map[true:2 x:1] d:map[true:2 x:0 z:4]]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
  ["k: |\n  line1\n  line2\n", "map[k:line1\nline2\n]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
  ["? complex\n: v\n", "map[complex:v]|[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]"],
];

test('toYaml matches sigs.k8s.io/yaml byte for byte', () => {
  for (const [json, expected] of TO_YAML) {
    assert.equal(callFunc(lib, 'toYaml', [unmarshalJson(json).value ?? null]), expected, json);
  }
});

test('toYaml: int64 stays exact, errors give an empty string', () => {
  assert.equal(callFunc(lib, 'toYaml', [mapStringAny([['v', int64(9007199254740993n)]])]), 'v: 9007199254740993');
  assert.equal(callFunc(lib, 'toYaml', [new GoFloat(T.float64, NaN)]), '');
  assert.equal(callFunc(lib, 'toYaml', [new GoComplex(T.complex128, 1, 0)]), '');
});

test('fromYaml and fromYamlArray decode as sigs.k8s.io/yaml, errors in the result', () => {
  for (const [text, expected] of FROM_YAML) {
    assert.equal(`${show(callFunc(lib, 'fromYaml', [text]))}|${show(callFunc(lib, 'fromYamlArray', [text]))}`, expected, text);
  }
});
