/**
 * sprig's random string functions (goutils' CryptoRandom*, xstrings.Shuffle). Randomness comes
 * from the injected {@link RandomSource}, never from Math.random, so tests can seed it.
 *
 * goutils draws a code point uniformly from ' '..'z' and rejects those outside the wanted class;
 * drawing uniformly from the class directly gives the same distribution.
 *
 * @module
 */
import { defineFunc, type FuncDef, type RandomSource } from '../registry.js';
import { fromRunes, runesOf } from './gostring.js';
import { checkLength } from './limits.js';

/** A uniformly random integer in [0, n) for 0 < n ≤ 2^53 (rejection sampling, no modulo bias). */
export function randomBelow(random: RandomSource, n: number): number {
  if (n <= 1) return 0;
  const bytes = new Uint8Array(8);
  const limit = 2 ** 53 - (2 ** 53 % n);
  for (;;) {
    random.fill(bytes);
    let x = 0;
    for (let i = 0; i < 7; i++) x = x * 256 + bytes[i]!;
    x %= 2 ** 53; // 56 uniform bits folded to 53 uniform bits
    if (x < limit) return x % n;
  }
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ASCII_PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** `count` characters drawn from `alphabet`; a negative count is an error goutils drops, giving "". */
function randomString(random: RandomSource, count: number, alphabet: string, name: string): string {
  if (count <= 0) return '';
  checkLength(count, name);
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[randomBelow(random, alphabet.length)];
  return out;
}

/** xstrings.Shuffle: a Fisher–Yates shuffle of the runes. */
function shuffle(random: RandomSource, s: string): string {
  const runes = runesOf(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomBelow(random, i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return fromRunes(runes);
}

const randFunc = (name: string, alphabet: string): FuncDef =>
  defineFunc({ name, params: ['int'], result: 'string', impl: (ctx, count) => randomString(ctx.random, count, alphabet, name) });

/** Random string functions. */
export const randomStringFuncs: readonly FuncDef[] = [
  randFunc('randAlphaNum', DIGITS + LETTERS),
  randFunc('randAlpha', LETTERS),
  randFunc('randAscii', ASCII_PRINTABLE),
  randFunc('randNumeric', DIGITS),
  defineFunc({ name: 'shuffle', params: ['string'], result: 'string', impl: (ctx, s) => shuffle(ctx.random, s) }),
];
