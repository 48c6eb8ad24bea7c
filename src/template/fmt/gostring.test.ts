import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goBytes, goLength, goString, goText } from './gostring.js';
import { quote } from './strconv.js';

test('any bytes survive goString → goBytes; valid UTF-8 stays plain text', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(Buffer.from(goBytes(goString(all))), Buffer.from(all));
  for (const hex of ['ff', 'e282', 'c3', 'eda080', 'f4908080', 'c0af', 'efbbbf41', 'f09f9880ff']) {
    const b = Buffer.from(hex, 'hex');
    assert.deepEqual(Buffer.from(goBytes(goString(b))), b, hex);
  }
  assert.equal(goString(Buffer.from('héllo ✓ 😀')), 'héllo ✓ 😀');
  assert.equal(goString(Buffer.from('efbbbf41', 'hex')), '\ufeffA');
});

test('raw bytes count as one byte, quote as \\xNN and read as U+FFFD in text, per byte like Go', () => {
  const s = goString(Buffer.from('41ffe282', 'hex'));
  assert.equal(goLength(s), 4);
  assert.equal(quote(s), '"A\\xff\\xe2\\x82"');
  assert.equal(goText(s), 'A\ufffd\ufffd\ufffd');
  // A character cut in two and joined again is the character again.
  const cut = goString(Buffer.from('c3', 'hex')) + goString(Buffer.from('a9', 'hex'));
  assert.equal(goText(cut), 'é');
  assert.equal(goLength('😀'), 4);
});
