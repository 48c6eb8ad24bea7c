import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T } from '../values/types.js';
import { GoFloat, GoMap, float64, int, int64, mapStringAny, sliceAny, goInt, byteSlice } from '../values/value.js';
import { formatFloat, quote, utf8Decode, utf8Length } from './strconv.js';
import { formatValue, sprint, sprintf, sprintln } from './print.js';

test('shortest float formatting matches Go %v', () => {
  const cases: Array<[number, string]> = [
    [1e6, '1e+06'], [100000, '100000'], [999999.9, '999999.9'], [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [123456789.0, '1.23456789e+08'], [0.1, '0.1'],
    [1.5e-7, '1.5e-07'], [-0, '-0'], [3, '3'], [-0.5, '-0.5'], [1.2345678901234567e19, '1.2345678901234567e+19'],
    [Infinity, '+Inf'], [NaN, 'NaN'],
  ];
  for (const [f, want] of cases) assert.equal(formatValue(float64(f)), want, String(f));
});

test('fixed-precision floats round half to even on exact ties', () => {
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(3.5, 'f', 0), '4');
  assert.equal(formatFloat(0.125, 'f', 2), '0.12');
  assert.equal(formatFloat(0.375, 'f', 2), '0.38');
  assert.equal(formatFloat(3.14159, 'f', 2), '3.14');
  assert.equal(formatFloat(1234.5678, 'e', 3), '1.235e+03');
  assert.equal(formatFloat(0, 'e', 2), '0.00e+00');
  assert.equal(formatFloat(100, 'g', 2), '1e+02');
  assert.equal(formatFloat(0.000012345, 'g', 3), '1.23e-05');
});

test('Sprint spacing, maps sorted, nested nil', () => {
  assert.equal(sprint([int(1), int(2), 'a', 'b', int(3)]), '1 2ab3');
  assert.equal(sprint(['a', int(1)]), 'a1');
  assert.equal(sprintln(['z']), 'z\n');
  const m = mapStringAny([['b', 'x'], ['a', int64(1)], ['c', sliceAny([int(1), 'x', null, true])]]);
  assert.equal(formatValue(m), 'map[a:1 b:x c:[1 x <nil> true]]');
  assert.equal(formatValue(new GoMap(T.mapStringAny, null)), 'map[]');
  assert.equal(sprint([null]), '<nil>');
});

test('Sprintf verbs, flags and widths', () => {
  const cases: Array<[string, Parameters<typeof sprintf>[1], string]> = [
    ['%s|%d|%v|%q|%x|%05.2f|%t|%5s|%-4d|', ['web', int(42), sliceAny([int64(1), int64(2)]), 'web', int(255), float64(3.14159), true, 'ab', int(7)], 'web|42|[1 2]|"web"|ff|03.14|true|   ab|7   |'],
    ['%08d', [int(-42)], '-0000042'],
    ['%x %X', ['hi', 'hi'], '6869 6869'],
    ['%c %U %#U', [int(97), int(0x41), int(0x41)], "a U+0041 U+0041 'A'"],
    ['%T %T %T %T', [int64(1), int(1), mapStringAny(), null], 'int64 int map[string]interface {} <nil>'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [], '%!s(MISSING)'],
    ['%s', [int64(104)], '%!s(int64=104)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%d', [int(1), 'x'], '1%!(EXTRA string=x)'],
    ['%[2]d %[1]d', [int(1), int(2)], '2 1'],
    ['%[3]d', [int(1)], '%!d(BADINDEX)'],
    ['%', [], '%!(NOVERB)'],
    ['%%', [], '%'],
    ['%*d', [int(4), int(7)], '   7'],
    ['%+d % d %+.1e', [int(5), int(5), float64(1234)], '+5  5 +1.2e+03'],
    ['%#v', [mapStringAny([['a', int64(1)]])], 'map[string]interface {}{"a":1}'],
    ['%#v', [sliceAny(['x', null])], '[]interface {}{"x", interface {}(nil)}'],
    ['%v', [goInt(T.uint8, 200)], '200'],
    ['%s', [byteSlice(new Uint8Array([104, 105]))], 'hi'],
    ['%v', [byteSlice(new Uint8Array([104, 105]))], '[104 105]'],
    ['%.2s|%.0d|%6.2f|%-8.3f|', ['héllo', int(0), float64(3.14159), float64(2)], 'hé||  3.14|2.000   |'],
    ['%e %g %G', [float64(1e6), float64(1e6), float64(1e-7)], '1.000000e+06 1e+06 1E-07'],
    ['%#x %#o %b', [int(255), int(8), int(5)], '0xff 010 101'],
    ['%q', [int(0x1F600)], "'😀'"],
    ['%v', [new GoFloat(T.float32, 0.1)], '0.1'],
  ];
  for (const [format, args, want] of cases) assert.equal(sprintf(format, args), want, format);
});

test('strconv.Quote escapes like Go', () => {
  assert.equal(quote('a"b\\c\n\t\x01é😀\u200b'), '"a\\"b\\\\c\\n\\t\\x01é😀\\u200b"');
  assert.equal(utf8Length('héllo'), 6);
  assert.equal(utf8Length('日本'), 6);
  assert.equal(utf8Length('😀'), 4);
});

test('utf8Decode keeps a leading U+FEFF (Go strings keep a BOM as ordinary bytes)', () => {
  assert.equal(utf8Decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])), '\ufeffa');
  assert.equal(utf8Length(utf8Decode(Uint8Array.from([0xef, 0xbb, 0xbf]))), 3);
});
