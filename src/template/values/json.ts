/**
 * JSON into the Go value model, with Kubernetes' number typing (apimachinery's unstructured
 * decoding): a number whose text parses as a base-10 int64 is `int64`, anything else (`1.0`,
 * `1e6`, integers beyond int64) is `float64`. Objects become `map[string]interface {}`, arrays
 * `[]interface {}`, null the nil interface. `JSON.parse` cannot tell `1.0` from `1` nor keep
 * int64 beyond 2^53 exact, hence this small parser.
 *
 * @module
 */
import { T } from './types.js';
import { GoFloat, GoMap, GoSlice, int64, type GoAny } from './value.js';

/** Thrown for malformed JSON; the message names the byte offset. */
export class GoJsonSyntaxError extends Error {
  override readonly name = 'GoJsonSyntaxError';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Converts the text of one JSON number to int64 or float64, as Kubernetes decodes it. */
export function goNumberFromJson(text: string): GoAny {
  if (INTEGER.test(text)) {
    const big = BigInt(text);
    if (big >= INT64_MIN && big <= INT64_MAX) return int64(big);
  }
  return new GoFloat(T.float64, Number(text));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const at = this.pos < this.text.length ? `character ${JSON.stringify(this.text[this.pos])}` : 'end of input';
    throw new GoJsonSyntaxError(`invalid JSON: unexpected ${at} at offset ${this.pos} ${what}`);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
    }
  }

  value(depth: number): GoAny {
    if (depth > 10000) this.fail('(nesting too deep)');
    this.skipSpace();
    const c = this.text[this.pos];
    switch (c) {
      case '{': return this.object(depth);
      case '[': return this.array(depth);
      case '"': return this.string();
      case 't': return this.literal('true', true);
      case 'f': return this.literal('false', false);
      case 'n': return this.literal('null', null);
      default: return this.number();
    }
  }

  literal<V extends GoAny>(word: string, value: V): V {
    if (!this.text.startsWith(word, this.pos)) this.fail('looking for a value');
    this.pos += word.length;
    return value;
  }

  number(): GoAny {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null || match[0] === '' || match[0] === '-') this.fail('looking for a value');
    this.pos += match[0].length;
    return goNumberFromJson(match[0]);
  }

  string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes.
    for (let i = start; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      if (c === 0x5c || c < 0x20) break;
    }
    let out = '';
    while (t[this.pos] !== '"') {
      if (this.pos >= t.length || t.charCodeAt(this.pos) < 0x20) this.fail('in string literal');
      if (t[this.pos] === '\\') out += this.escape();
      else out += t[this.pos++];
    }
    this.pos++;
    return out;
  }

  /** One backslash escape at `pos`. */
  escape(): string {
    const t = this.text;
    const e = t[this.pos + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    const hex = t.slice(this.pos + 2, this.pos + 6);
    if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('in string escape code');
    this.pos += 6;
    return String.fromCharCode(parseInt(hex, 16));
  }

  object(depth: number): GoMap {
    this.pos++;
    const entries = new Map<string, GoAny>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new GoMap(T.mapStringAny, entries);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      entries.set(key, this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return new GoMap(T.mapStringAny, entries);
      if (c !== ',') {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  array(depth: number): GoSlice {
    this.pos++;
    const items: GoAny[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return new GoSlice(T.sliceAny, items);
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return new GoSlice(T.sliceAny, items);
      if (c !== ',') {
        this.pos--;
        this.fail('after array element');
      }
    }
  }
}

/**
 * Parses JSON text into Go values with Kubernetes' number typing. Empty or blank text is the
 * nil interface (no data), as the oracle treats it.
 *
 * @example
 * parseGoJson('{"n": 1, "f": 1.0}') // map[f:1 n:1] with n int64 and f float64
 */
export function parseGoJson(text: string): GoAny {
  const parser = new Parser(text);
  parser.skipSpace();
  if (parser.pos === text.length) return null;
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos !== text.length) parser.fail('after top-level value');
  return value;
}

/**
 * Converts an already-parsed JS value (for example an object from a Kubernetes client) into Go
 * values: integral numbers become int64, others float64, bigints int64. The JSON text is gone,
 * so `1.0` cannot be told from `1`; prefer {@link parseGoJson} when the text is at hand.
 */
export function fromPlain(value: unknown): GoAny {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isInteger(value) && Number.isSafeInteger(value) ? int64(value) : new GoFloat(T.float64, value);
    case 'bigint':
      return int64(value);
    case 'object':
      if (Array.isArray(value)) return new GoSlice(T.sliceAny, value.map(fromPlain));
      return new GoMap(T.mapStringAny, new Map(Object.entries(value).map(([k, v]) => [k, fromPlain(v)])));
    default:
      throw new TypeError(`cannot convert a ${typeof value} into a Go value`);
  }
}
