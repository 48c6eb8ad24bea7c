/**
 * Go strings are bytes; ours are JS strings. Text converts through UTF-8, but byte slicing and
 * functions that produce or consume binary data (b64dec, hexdec, decryptAES, rsaDecrypt;
 * pkcs12key/pkcs12cert read a PKCS#12 file handed over as a string) need every byte to survive. The convention here: a
 * byte that is not part of valid UTF-8 is carried as the lone surrogate U+DC80+byte (the
 * "surrogateescape" scheme), so `goBytes(goString(b))` is `b` for any bytes, and valid text is
 * unaffected. Where such a string leaves the engine as text, each escape reads as U+FFFD,
 * exactly as Go's JSON encoder and fmt %q treat one invalid byte.
 *
 * @module
 */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const SURROGATE = /[\ud800-\udfff]/;
const ESCAPE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** Allowed range of the second byte for each lead byte (RFC 3629, as Go's utf8 tables). */
function secondByteRange(c: number): readonly [number, number, number] | undefined {
  if (c >= 0xc2 && c <= 0xdf) return [2, 0x80, 0xbf];
  if (c === 0xe0) return [3, 0xa0, 0xbf];
  if (c === 0xed) return [3, 0x80, 0x9f];
  if (c >= 0xe1 && c <= 0xef) return [3, 0x80, 0xbf];
  if (c === 0xf0) return [4, 0x90, 0xbf];
  if (c === 0xf4) return [4, 0x80, 0x8f];
  if (c >= 0xf1 && c <= 0xf3) return [4, 0x80, 0xbf];
  return undefined;
}

/** Length of the valid UTF-8 sequence at `i` (Go's utf8.DecodeRune rules), or 0 when invalid. */
function validRuneLength(b: Uint8Array, i: number): number {
  if (b[i]! < 0x80) return 1;
  const r = secondByteRange(b[i]!);
  if (r === undefined || i + r[0] > b.length) return 0;
  const [n, lo, hi] = r;
  if (b[i + 1]! < lo || b[i + 1]! > hi) return 0;
  for (let k = 2; k < n; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return 0;
  return n;
}

/** Bytes → Go string: valid UTF-8 decodes as text, each invalid byte becomes its escape. */
export function goString(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let out = '';
    let start = 0;
    for (let i = 0; i < bytes.length;) {
      const n = validRuneLength(bytes, i);
      if (n > 0) {
        i += n;
        continue;
      }
      out += strict.decode(bytes.subarray(start, i)) + String.fromCharCode(0xdc00 | bytes[i]!);
      start = ++i;
    }
    return out + strict.decode(bytes.subarray(start));
  }
}

/** Go string → bytes: UTF-8, with escapes turned back into their bytes. */
export function goBytes(s: string): Uint8Array {
  if (!SURROGATE.test(s)) return encoder.encode(s);
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const m of s.matchAll(ESCAPE)) {
    parts.push(encoder.encode(s.slice(last, m.index)), Uint8Array.of(m[0].charCodeAt(0) & 0xff));
    last = m.index + 1;
  }
  parts.push(encoder.encode(s.slice(last)));
  return Buffer.concat(parts);
}

/**
 * The text form of a Go string, as Go's JSON encoder writes it: escapes that together spell
 * valid UTF-8 (a multi-byte character cut by byte slicing and joined again) become that
 * character, and each remaining raw byte reads as U+FFFD.
 */
export function goText(s: string): string {
  return SURROGATE.test(s) ? goString(goBytes(s)).replace(ESCAPE, '\ufffd') : s;
}

/** Go's len(s): UTF-8 bytes, one per escape. */
export function goLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += c >= 0xdc80 && c <= 0xdcff ? 1 : 3;
  }
  return n;
}
