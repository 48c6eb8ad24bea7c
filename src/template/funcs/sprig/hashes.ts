/**
 * sprig's hash functions (crypto.go): sha1sum sha256sum sha512sum (hex digests of the string's
 * UTF-8 bytes) and adler32sum (the checksum in decimal).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { defineFunc, type FuncDef } from '../registry.js';

const digest = (algorithm: string) => (_ctx: unknown, input: string): string => createHash(algorithm).update(input, 'utf8').digest('hex');

/** hash/adler32's Checksum. */
export function adler32(bytes: Uint8Array): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // Reduce every 5552 bytes, the largest run that cannot overflow 2^53 here (and zlib's NMAX).
  for (let i = 0; i < bytes.length; i += 5552) {
    const end = Math.min(i + 5552, bytes.length);
    for (let j = i; j < end; j++) {
      a += bytes[j]!;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return (b * 65536 + a) >>> 0;
}

export const hashFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'sha1sum', params: ['string'], result: 'string', impl: digest('sha1') }),
  defineFunc({ name: 'sha256sum', params: ['string'], result: 'string', impl: digest('sha256') }),
  defineFunc({ name: 'sha512sum', params: ['string'], result: 'string', impl: digest('sha512') }),
  defineFunc({ name: 'adler32sum', params: ['string'], result: 'string', impl: (_ctx, input) => String(adler32(Buffer.from(input, 'utf8'))) }),
];
