import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int } from '../../values/value.js';
import { library } from '../registry.js';
import { callError, callFunc, testContext } from '../testkit.js';
import { hashFuncs } from './hashes.js';
import { osFuncs } from './os.js';
import { randomFuncs } from './random.js';

const lib = library(hashFuncs, osFuncs, randomFuncs);

// Expected values produced by Go 1.26 + sprig v3.3.0.
test('hashes match Go', () => {
  assert.equal(callFunc(lib, 'sha1sum', ['héllo']), '35b5ea45c5e41f78b46a937cc74d41dfea920890');
  assert.equal(callFunc(lib, 'sha256sum', ['']), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(callFunc(lib, 'sha512sum', ['a']), '1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75');
  assert.equal(callFunc(lib, 'adler32sum', ['héllo']), '192152348');
  assert.equal(callFunc(lib, 'adler32sum', ['']), '1');
  assert.equal(callFunc(lib, 'adler32sum', ['x'.repeat(100000)]), String(adler32Reference('x'.repeat(100000))));
});

function adler32Reference(s: string): number {
  let a = 1n;
  let b = 0n;
  for (const byte of Buffer.from(s)) {
    a = (a + BigInt(byte)) % 65521n;
    b = (b + a) % 65521n;
  }
  return Number((b << 16n) | a);
}

test('env and expandenv read only the injected environment', () => {
  const ctx = { ...testContext(), env: new Map([['HOME', '/h']]) };
  assert.equal(callFunc(lib, 'expandenv', ['a$ b$$c ${} ${x $1 ${HOME} $HOME- ${*} $'], ctx), 'a$ bc   /h-  $');
  assert.equal(callFunc(lib, 'env', ['HOME'], ctx), '/h');
  assert.equal(callFunc(lib, 'env', ['HOME']), '');
  assert.equal(callFunc(lib, 'expandenv', ['${HOME}x']), 'x');
  assert.equal(callFunc(lib, 'expandenv', ['no vars']), 'no vars');
  assert.match(callError(lib, 'getHostByName', ['example.com']) ?? '', /DNS lookups are disabled/);
});

test('uuidv4 and randBytes use the injected random source', () => {
  const a = callFunc(lib, 'uuidv4', [], testContext({ seed: 7 })) as string;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(callFunc(lib, 'uuidv4', [], testContext({ seed: 7 })), a);
  assert.notEqual(callFunc(lib, 'uuidv4', [], testContext({ seed: 8 })), a);
  assert.equal(Buffer.from(callFunc(lib, 'randBytes', [int(24)]) as string, 'base64').length, 24);
  assert.equal(callFunc(lib, 'randBytes', [int(0)]), '');
  assert.equal(callError(lib, 'randBytes', [int(-1)]), 'runtime error: makeslice: len out of range');
});
