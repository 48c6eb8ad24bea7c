/**
 * RC2 decryption (RFC 2268) in CBC mode, for PKCS#12 files written by OpenSSL 1.x, older
 * Java and Windows (pbeWithSHAAnd40BitRC2-CBC). OpenSSL 3 keeps RC2 in its legacy provider,
 * which node does not load, so the cipher is here. Only decryption is needed: Flotilla writes
 * PKCS#12 files with AES, as ESO does.
 *
 * @module
 */

/** RFC 2268's PITABLE: a permutation of 0..255 derived from the digits of pi. */
const PITABLE = Uint8Array.from(Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32'
  + 'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626'
  + '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a'
  + '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731'
  + '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e'
  + 'c5f3db47e5a59c770aa62068fe7fc1ad',
  'hex',
));

/** The 64 expanded 16-bit key words for `key` with `bits` effective key bits. */
function expandKey(key: Uint8Array, bits: number): Uint16Array {
  const l = new Uint8Array(128);
  l.set(key.subarray(0, 128));
  const t = key.length;
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
  const t8 = (bits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - bits);
  l[128 - t8] = PITABLE[l[128 - t8]! & tm]!;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
  return k;
}

const SHIFTS = [1, 2, 3, 5];
const rotr = (x: number, s: number): number => ((x >>> s) | (x << (16 - s))) & 0xffff;

function decryptBlock(k: Uint16Array, block: Uint8Array, out: Uint8Array): void {
  const r = [0, 1, 2, 3].map((i) => block[2 * i]! | (block[2 * i + 1]! << 8));
  let j = 63;
  const mix = (): void => {
    for (let i = 3; i >= 0; i--) {
      const a = r[(i + 3) % 4]!;
      const b = r[(i + 2) % 4]!;
      const c = r[(i + 1) % 4]!;
      r[i] = (rotr(r[i]!, SHIFTS[i]!) - k[j--]! - (a & b) - (~a & c)) & 0xffff;
    }
  };
  const mash = (): void => {
    for (let i = 3; i >= 0; i--) r[i] = (r[i]! - k[r[(i + 3) % 4]! & 63]!) & 0xffff;
  };
  for (const rounds of [5, 6, 5]) {
    for (let n = 0; n < rounds; n++) mix();
    if (j > 0) mash();
  }
  r.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >> 8;
  });
}

/** RC2-CBC decryption without padding removal; `data` is a whole number of 8-byte blocks. */
export function rc2CbcDecrypt(key: Uint8Array, bits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const k = expandKey(key, bits);
  const out = new Uint8Array(data.length);
  let prev = iv;
  const tmp = new Uint8Array(8);
  for (let at = 0; at < data.length; at += 8) {
    const block = data.subarray(at, at + 8);
    decryptBlock(k, block, tmp);
    for (let i = 0; i < 8; i++) out[at + i] = tmp[i]! ^ prev[i]!;
    prev = block;
  }
  return out;
}
