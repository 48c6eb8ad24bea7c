/**
 * go-yaml v2's implicit typing of plain scalars (resolve.go): which plain texts are booleans
 * (YAML 1.1: `y`, `yes`, `on`…), nulls, ints (Go's base-0 ParseInt after removing `_`: `0x1F`,
 * `017`), floats and timestamps. The emitter quotes any string that would read back as something
 * else; the decoder (fromYaml) types plain scalars with it.
 *
 * @module
 */

/** A resolved plain scalar. Ints are bigint (int, int64 or uint64 in Go), floats number. */
export type Resolved =
  | { tag: 'str'; value: string }
  | { tag: 'bool'; value: boolean }
  | { tag: 'null'; value: null }
  | { tag: 'int'; value: bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string };

const MAP = new Map<string, Resolved>();
const add = (r: Resolved, words: string): void => {
  for (const w of words.split(' ')) MAP.set(w, r);
};
add({ tag: 'bool', value: true }, 'y Y yes Yes YES true True TRUE on On ON');
add({ tag: 'bool', value: false }, 'n N no No NO false False FALSE off Off OFF');
add({ tag: 'null', value: null }, '~ null Null NULL');
MAP.set('', { tag: 'null', value: null });
add({ tag: 'float', value: NaN }, '.nan .NaN .NAN');
add({ tag: 'float', value: Infinity }, '.inf .Inf .INF +.inf +.Inf +.INF');
add({ tag: 'float', value: -Infinity }, '-.inf -.Inf -.INF');

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint: the value, or undefined when it does not parse or overflows both. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  // ParseUint takes no sign at all.
  return m[1] === '' && v <= UINT64_MAX ? v : undefined;
}

const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[-+]\d{2}:\d{2})?)?$/;

/** yaml.v2's parseTimestamp over its four layouts (Go's time.Parse rules for ranges). */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (m === null) return false;
  const [, y, mo, d, sep, h, mi, sec, , zone] = m;
  // The space-separated layout has no zone; the T layouts require one.
  if (sep !== undefined && (sep === ' ') !== (zone === undefined)) return false;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysIn = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysIn) return false;
  if (sep === undefined) return true;
  return Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
}

/** go-yaml v2 resolve("", plain): the type a plain scalar reads as. */
export function resolvePlain(s: string): Resolved {
  // go-yaml consults its table only for texts whose first byte hints at a match (`<<` is a
  // merge key only while decoding, never a reason to quote).
  const known = MAP.get(s);
  if (known !== undefined) return known;
  const c = s[0];
  if (c === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? { tag: 'float', value: Number(s) } : { tag: 'str', value: s };
  }
  if (c === undefined || !/[-+0-9]/.test(c)) return { tag: 'str', value: s };
  if (isTimestamp(s)) return { tag: 'timestamp', value: s };
  const plain = s.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return { tag: 'int', value: int };
  if (YAML_STYLE_FLOAT.test(plain)) return { tag: 'float', value: Number(plain) };
  if (plain.startsWith('-0b') && /^-0b[01]+$/.test(plain)) {
    const v = -BigInt(`0b${plain.slice(3)}`);
    if (v >= INT64_MIN) return { tag: 'int', value: v };
  }
  return { tag: 'str', value: s };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when the emitter may write `s` as a plain scalar without it reading back as another type. */
export function plainReadsAsString(s: string): boolean {
  return resolvePlain(s).tag === 'str' && !BASE60_FLOAT.test(s);
}
