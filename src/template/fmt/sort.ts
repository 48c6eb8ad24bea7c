/**
 * Go's string ordering: byte-wise over UTF-8, which is code-point order. JS compares UTF-16
 * code units, which puts U+E000–U+FFFF after astral characters; this comparator fixes that.
 *
 * @module
 */

/** Maps a UTF-16 code unit so that unit order equals code-point order. */
function adjust(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}

/** Compares two strings as Go does (`a < b` on their UTF-8 bytes): negative, zero or positive. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return ca < 0xd800 && cb < 0xd800 ? ca - cb : adjust(ca) - adjust(cb);
  }
  return a.length - b.length;
}
