/**
 * CRC-32C (Castagnoli), the checksum Secret Manager puts in `payload.dataCrc32c`. Node 20 has no
 * built-in: `zlib.crc32` (Node 22+) is CRC-32/IEEE, a different polynomial.
 *
 * @module
 */

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32C of `bytes` as an unsigned 32-bit integer.
 *
 * @example
 * crc32c(Buffer.from('123456789')) === 0xe3069283
 */
export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
