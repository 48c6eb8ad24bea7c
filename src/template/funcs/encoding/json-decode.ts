/**
 * Go's encoding/json Unmarshal into `interface {}` (and into a map or slice target), with Go's
 * exact error texts: the syntax errors of its scanner (`invalid character 'x' looking for
 * beginning of value`, `unexpected end of JSON input`) and type errors (`json: cannot unmarshal
 * array into Go value of type map[string]interface {}`). Numbers become float64, as they do in
 * sprig's fromJson (unlike Kubernetes' int64 typing of template data).
 *
 * Go checks the whole input for syntax before decoding, so a syntax error always wins; a type
 * error (a number out of float64 range) is recorded, the value left nil, and decoding goes on.
 *
 * @module
 */
import { quote } from '../../fmt/strconv.js';
import { T, type GoType } from '../../values/types.js';
import { GoFloat, GoMap, GoSlice, type GoAny } from '../../values/value.js';

/** Result of an Unmarshal: the value decoded and Go's first error, if any. */
export interface JsonDecoded {
  /** The decoded value; undefined when the target was left untouched (a type mismatch at the top). */
  readonly value: GoAny | undefined;
  readonly error: string | undefined;
}

class SyntaxFailure extends Error {}

const MAX_DEPTH = 10000;

/** How Go's scanner prints the offending byte: `'x'`, `'\''`, `'\x01'`, `'Ã'` for 0xC3. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const q = quote(String.fromCharCode(c));
  return `'${q.slice(1, -1)}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class Scanner {
  pos = 0;
  /** The first type error (Go's saveError). */
  typeError: string | undefined;
  constructor(private readonly b: Uint8Array) {}

  /**
   * Go's scanner error at the current byte. At the end of input Go feeds the scanner a space:
   * inside a token (a literal, a number, an escape) that space is the invalid character,
   * elsewhere the input is just cut short.
   */
  fail(context: string, insideToken = false): never {
    if (this.pos >= this.b.length && !insideToken) throw new SyntaxFailure('unexpected end of JSON input');
    throw new SyntaxFailure(`invalid character ${quoteChar(this.b[this.pos] ?? 0x20)} ${context}`);
  }

  skipSpace(): void {
    while (this.pos < this.b.length && isSpace(this.b[this.pos]!)) this.pos++;
  }

  value(depth: number): GoAny {
    this.skipSpace();
    const c = this.b[this.pos];
    if (c === 0x7b || c === 0x5b) {
      if (depth + 1 > MAX_DEPTH) throw new SyntaxFailure('exceeded max depth');
      return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c !== undefined && isDigit(c))) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    return this.fail('looking for beginning of value');
  }

  object(depth: number): GoMap {
    this.pos++;
    const entries = new Map<string, GoAny>();
    this.skipSpace();
    if (this.b[this.pos] === 0x7d) {
      this.pos++;
      return new GoMap(T.mapStringAny, entries);
    }
    for (;;) {
      this.skipSpace();
      if (this.b[this.pos] !== 0x22) this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.b[this.pos] !== 0x3a) this.fail('after object key');
      this.pos++;
      entries.set(key, this.value(depth));
      this.skipSpace();
      const c = this.b[this.pos];
      this.pos++;
      if (c === 0x7d) return new GoMap(T.mapStringAny, entries);
      if (c !== 0x2c) {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  array(depth: number): GoSlice {
    this.pos++;
    const items: GoAny[] = [];
    this.skipSpace();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return new GoSlice(T.sliceAny, items);
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const c = this.b[this.pos];
      this.pos++;
      if (c === 0x5d) return new GoSlice(T.sliceAny, items);
      if (c !== 0x2c) {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  string(): string {
    const start = ++this.pos;
    let simple = true;
    for (;;) {
      const c = this.b[this.pos];
      if (c === undefined) this.fail('');
      if (c === 0x22) break;
      if (c < 0x20) this.fail('in string literal');
      if (c === 0x5c) {
        simple = false;
        this.escape();
      } else {
        if (c >= 0x80) simple = false;
        this.pos++;
      }
    }
    const raw = this.b.subarray(start, this.pos);
    this.pos++;
    return simple ? Buffer.from(raw).toString('latin1') : unquoteBytes(raw);
  }

  private escape(): void {
    this.pos++;
    const e = this.b[this.pos];
    if (e === undefined) this.fail('in string escape code', true);
    if (e === 0x75) {
      for (let i = 0; i < 4; i++) {
        this.pos++;
        const h = this.b[this.pos];
        if (h === undefined || !isHex(h)) this.fail('in \\u hexadecimal character escape', true);
      }
    } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) {
      this.fail('in string escape code', true);
    }
    this.pos++;
  }

  number(): GoAny {
    const start = this.pos;
    this.integerPart();
    if (this.b[this.pos] === 0x2e) {
      this.pos++;
      this.requireDigit('after decimal point in numeric literal');
      this.digits();
    }
    const e = this.b[this.pos];
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      if (this.b[this.pos] === 0x2b || this.b[this.pos] === 0x2d) this.pos++;
      this.requireDigit('in exponent of numeric literal');
      this.digits();
    }
    const text = Buffer.from(this.b.subarray(start, this.pos)).toString('latin1');
    const f = Number(text);
    if (!Number.isFinite(f)) {
      this.typeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return new GoFloat(T.float64, f);
  }

  private integerPart(): void {
    if (this.b[this.pos] === 0x2d) {
      this.pos++;
      this.requireDigit('in numeric literal');
    }
    if (this.b[this.pos] === 0x30) this.pos++;
    else this.digits();
  }

  private requireDigit(context: string): void {
    if (!isDigit(this.b[this.pos] ?? 0)) this.fail(context, true);
  }

  private digits(): void {
    while (isDigit(this.b[this.pos] ?? 0)) this.pos++;
  }

  literal<V extends GoAny>(word: string, value: V): V {
    for (let i = 0; i < word.length; i++, this.pos++) {
      if (this.b[this.pos] !== word.charCodeAt(i)) this.fail(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(i))})`, true);
    }
    return value;
  }
}

const ESCAPES: Readonly<Record<number, string>> = { 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t', 0x5c: '\\', 0x2f: '/', 0x22: '"' };

const hex4 = (raw: Uint8Array, at: number): number => parseInt(Buffer.from(raw.subarray(at, at + 4)).toString('latin1'), 16);

/** One escape at raw[j] (a backslash): the text it stands for and where the next byte is. */
function decodeEscape(raw: Uint8Array, j: number): [string, number] {
  const e = raw[j + 1]!;
  if (e !== 0x75) return [ESCAPES[e]!, j + 2];
  const cu = hex4(raw, j + 2);
  const next = j + 6;
  if (cu >= 0xd800 && cu < 0xdc00 && raw[next] === 0x5c && raw[next + 1] === 0x75) {
    const lo = hex4(raw, next + 2);
    if (lo >= 0xdc00 && lo < 0xe000) return [String.fromCharCode(cu, lo), next + 6];
  }
  return [cu >= 0xd800 && cu < 0xe000 ? '\ufffd' : String.fromCharCode(cu), next];
}

/** The content of a JSON string (already validated): escapes resolved, bad UTF-8 and lone surrogates as U+FFFD. */
function unquoteBytes(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    let j = i;
    while (j < raw.length && raw[j] !== 0x5c) j++;
    out += decodeUtf8Go(raw.subarray(i, j));
    if (j >= raw.length) break;
    const [text, next] = decodeEscape(raw, j);
    out += text;
    i = next;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** UTF-8 bytes to a string with one U+FFFD per invalid byte, as Go's range-over-string does. */
export function decodeUtf8Go(bytes: Uint8Array): string {
  const fast = utf8.decode(bytes);
  if (!fast.includes('\ufffd')) return fast;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    out += n === 0 ? '\ufffd' : utf8.decode(bytes.subarray(i, i + n));
    i += n === 0 ? 1 : n;
  }
  return out;
}

/** Lead byte ranges of valid UTF-8: [first, last, sequence length, second byte min, max]. */
const UTF8_LEADS: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
];

/** Length of the valid UTF-8 sequence at b[i], or 0 when the byte starts none (Go then consumes 1 byte). */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const lead = UTF8_LEADS.find(([first, last]) => c >= first && c <= last);
  if (lead === undefined) return 0;
  const [, , need, min, max] = lead;
  const second = b[i + 1] ?? -1;
  if (second < min || second > max) return 0;
  for (let k = 2; k < need; k++) {
    if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  }
  return need;
}

/** How encoding/json names a decoded value's kind in type errors (`object`, `array`…). */
export function kindWord(v: GoAny): string {
  if (v instanceof GoMap) return 'object';
  if (v instanceof GoSlice) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

/**
 * json.Unmarshal(text, &target) where target has type `into` (`interface {}`,
 * `map[string]interface {}` or `[]interface {}`). A JSON null leaves a nil map/slice/interface.
 */
export function unmarshalJson(text: string, into: GoType = T.any): JsonDecoded {
  const scanner = new Scanner(Buffer.from(text, 'utf8'));
  let value: GoAny;
  try {
    value = scanner.value(0);
    scanner.skipSpace();
    if (scanner.pos < Buffer.byteLength(text)) scanner.fail('after top-level value');
  } catch (e) {
    if (e instanceof SyntaxFailure) return { value: null, error: e.message };
    throw e;
  }
  if (into === T.any || value === null) return { value: value === null && into !== T.any ? zeroNil(into) : value, error: scanner.typeError };
  const fits = into.kind === 'map' ? value instanceof GoMap : value instanceof GoSlice;
  if (!fits) return { value: undefined, error: `json: cannot unmarshal ${kindWord(value)} into Go value of type ${into.name}` };
  return { value, error: scanner.typeError };
}

function zeroNil(into: GoType): GoAny {
  return into.kind === 'map' ? new GoMap(into, null) : new GoSlice(into, null);
}
