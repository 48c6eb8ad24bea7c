import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../util/index.js';
import { T } from '../values/types.js';
import type { GoInt} from '../values/value.js';
import { float64, int64, type Reflected } from '../values/value.js';
import { defineFunc, FuncError, library, seededRandom, without, type FuncContext } from './registry.js';
import { profileLibrary } from './profiles.js';

const ctx: FuncContext = { clock: new ManualClock(0), random: seededRandom(1), zone: 'UTC', root: undefined };

test('defineFunc converts Go arguments to JS and the result back', () => {
  const add = defineFunc({
    name: 'addTest', params: ['int', 'int64'], variadic: 'float64', result: 'int64',
    impl: (_c, a, b, ...rest) => BigInt(a) + b + BigInt(rest.length),
  });
  const out = add.invoke(ctx, [int64(1), int64(2), float64(0.5), float64(1.5)] as Reflected[]) as GoInt;
  // The evaluator validates types before invoke; here we only check the conversion path.
  assert.equal(out.type, T.int64);
  assert.equal(out.v, 5n);
  assert.equal(add.params[0], T.int);
  assert.equal(add.variadic, T.float64);
});

test('a FuncError carries the message shown after "error calling NAME:"', () => {
  const fail = defineFunc({ name: 'failTest', params: ['string'], result: 'string', returnsError: true, impl: (_c, m) => { throw new FuncError(m); } });
  assert.throws(() => fail.invoke(ctx, ['boom']), (e: unknown) => e instanceof FuncError && e.message === 'boom');
});

test('seeded random sources are repeatable', () => {
  const a = seededRandom(42).fill(new Uint8Array(16));
  const b = seededRandom(42).fill(new Uint8Array(16));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, seededRandom(43).fill(new Uint8Array(16)));
});

test('profiles: later definitions win; eso drops env, expandenv, getHostByName', () => {
  const one = defineFunc({ name: 'x', params: [], result: 'string', impl: () => '1' });
  const two = defineFunc({ name: 'x', params: [], result: 'string', impl: () => '2' });
  assert.equal(library([one], [two]).get('x'), two);
  assert.equal(without(library([one]), 'x').has('x'), false);
  assert.ok(profileLibrary('sprig').has('upper'));
  assert.equal(profileLibrary('builtins').size, 0);
  const envLike = defineFunc({ name: 'env', params: ['string'], result: 'string', impl: () => '' });
  assert.equal(without(library([envLike]), 'env', 'expandenv').has('env'), false);
});
