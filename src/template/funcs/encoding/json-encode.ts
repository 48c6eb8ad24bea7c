/**
 * Go's encoding/json Marshal over the Go value model, byte for byte: map keys sorted by bytes,
 * HTML characters escaped as `\u003c` unless disabled, floats in Go's `'f'`/`'e'` choice,
 * `[]byte` as base64, nil maps and slices as `null`, and Go's error texts (`json: unsupported
 * value: NaN`, `json: unsupported type: complex128`, cycles).
 *
 * Library values (a time.Time, a semver version) marshal themselves: their {@link GoStruct}
 * payload implements {@link JsonMarshaler}, as the Go types implement json.Marshaler.
 *
 * @module
 */
import { formatFloat } from '../../fmt/strconv.js';
import { compareGoStrings } from '../../fmt/sort.js';
import { T } from '../../values/types.js';
import type { GoComplex, GoFunc} from '../../values/value.js';
import { GoFloat, GoInt, GoMap, GoSlice, GoStruct, bytesOf, type GoAny } from '../../values/value.js';
import { FuncError } from '../registry.js';

/** A payload that encodes itself, like a Go type implementing json.Marshaler. */
export interface JsonMarshaler {
  /** The JSON text (compact), or throws FuncError with the method's error text. */
  marshalGoJson(): string;
}

/** Options of one encoding. */
export interface JsonEncodeOptions {
  /** Escape `<`, `>`, `&` as `\u003c`… (json.Marshal does; an Encoder with SetEscapeHTML(false) does not). */
  readonly escapeHTML: boolean;
}

function isMarshaler(p: unknown): p is JsonMarshaler {
  return typeof p === 'object' && p !== null && typeof (p as Partial<JsonMarshaler>).marshalGoJson === 'function';
}

const HEX = '0123456789abcdef';
const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };
// Characters that may need escaping: controls, quote, backslash, HTML, U+2028/9, surrogates.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

/** A Go string as a JSON string literal (encoding/json's appendString). */
export function jsonQuote(s: string, escapeHTML: boolean): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const escaped = escapeChar(s, i, c, escapeHTML);
    if (escaped === undefined) continue;
    out += s.slice(start, i) + escaped;
    // A valid surrogate pair is kept; only lone halves are replaced (invalid UTF-8 in Go).
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

const u00 = (c: number): string => `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;

function escapeChar(s: string, i: number, c: number, escapeHTML: boolean): string | undefined {
  if (c < 0x20 || c === 0x22 || c === 0x5c) return SHORT_ESCAPES[c] ?? u00(c);
  if (c === 0x3c || c === 0x3e || c === 0x26) return escapeHTML ? u00(c) : undefined;
  if (c === 0x2028 || c === 0x2029) return `\\u${c.toString(16)}`;
  return loneSurrogate(s, i, c) ? '\\ufffd' : undefined;
}

/** A UTF-16 surrogate without its other half (invalid UTF-8 in Go's terms). */
function loneSurrogate(s: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = s.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** encoding/json's float encoding: `'f'` unless the magnitude is below 1e-6 or at least 1e21. */
export function jsonFloat(f: number, bits: 32 | 64): string {
  if (!Number.isFinite(f)) throw new FuncError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
  const abs = Math.abs(bits === 32 ? Math.fround(f) : f);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let text = formatFloat(f, useExp ? 'e' : 'f', -1, bits);
  // Go trims e-07 to e-7 (but keeps e+21).
  if (useExp) text = text.replace(/e-0(\d)$/, 'e-$1');
  return text;
}

/** Encodes `v` as json.Marshal does (compact). Throws FuncError with Go's error text. */
export function marshalJson(v: GoAny, options: JsonEncodeOptions = { escapeHTML: true }): string {
  return new Encoder(options.escapeHTML).encode(v);
}

class Encoder {
  private readonly path = new Set<object>();
  constructor(private readonly escapeHTML: boolean) {}

  encode(v: GoAny): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return jsonQuote(v, this.escapeHTML);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof GoInt) return v.v.toString();
    if (v instanceof GoFloat) return jsonFloat(v.v, v.type === T.float32 ? 32 : 64);
    return this.composite(v);
  }

  private composite(v: GoComplex | GoMap | GoSlice | GoStruct | GoFunc): string {
    if (v instanceof GoMap) return this.guarded(v, () => this.map(v));
    if (v instanceof GoSlice) return this.guarded(v, () => this.slice(v));
    if (v instanceof GoStruct) return this.struct(v);
    throw new FuncError(`json: unsupported type: ${v.type.name}`);
  }

  private guarded(v: GoMap | GoSlice, run: () => string): string {
    const key = v instanceof GoMap ? v.entries : v.items;
    return key === null ? run() : visitOnce(this.path, v, key, run);
  }

  private map(m: GoMap): string {
    if (m.entries === null) return 'null';
    const keys = [...m.entries.keys()].sort(compareGoStrings);
    const parts = keys.map((k) => `${jsonQuote(k, this.escapeHTML)}:${this.encode(m.entries!.get(k)!)}`);
    return `{${parts.join(',')}}`;
  }

  private slice(s: GoSlice): string {
    if (s.items === null) return 'null';
    const bytes = bytesOf(s);
    if (bytes !== undefined) return `"${Buffer.from(bytes).toString('base64')}"`;
    return `[${s.items.map((item) => this.encode(item)).join(',')}]`;
  }

  private struct(s: GoStruct): string {
    if (isMarshaler(s.payload)) return s.payload.marshalGoJson();
    if (s.fields === null) return 'null';
    const struct = s.type.kind === 'ptr' ? s.type.elem! : s.type;
    const parts = (struct.fields ?? []).map((f) => `${jsonQuote(f.name, this.escapeHTML)}:${this.encode(s.fields!.get(f.name) ?? null)}`);
    return `{${parts.join(',')}}`;
  }
}

/**
 * json.Indent of compact JSON text (what MarshalIndent does after Marshal): each element on its
 * own line, `": "` after keys, empty objects and arrays kept as `{}` and `[]`.
 */
export function indentJson(compact: string, prefix: string, indent: string): string {
  return new Indenter(prefix, indent).run(compact);
}

class Indenter {
  private out = '';
  private depth = 0;
  private needIndent = false;
  constructor(private readonly prefix: string, private readonly indent: string) {}

  run(compact: string): string {
    for (let i = 0; i < compact.length; i++) {
      const c = compact[i]!;
      if (c === '"') {
        i = this.string(compact, i);
        continue;
      }
      if (this.needIndent && c !== ']' && c !== '}') this.open();
      this.punct(c);
    }
    return this.out;
  }

  /** Copies the string starting at `i` (a quote); returns the index of its closing quote. */
  private string(text: string, i: number): number {
    if (this.needIndent) this.open();
    let j = i + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    this.out += text.slice(i, j + 1);
    return j;
  }

  private newline(): void {
    this.out += `\n${this.prefix}${this.indent.repeat(this.depth)}`;
  }

  private open(): void {
    this.needIndent = false;
    this.depth++;
    this.newline();
  }

  private punct(c: string): void {
    if (c === '{' || c === '[') {
      this.needIndent = true;
      this.out += c;
    } else if (c === ',') {
      this.out += ',';
      this.newline();
    } else if (c === ':') {
      this.out += ': ';
    } else if (c === '}' || c === ']') {
      // An empty object or array stays `{}`/`[]`.
      if (this.needIndent) this.needIndent = false;
      else {
        this.depth--;
        this.newline();
      }
      this.out += c;
    } else {
      this.out += c;
    }
  }
}

/**
 * Runs `run` with `key` (a map's or slice's storage) on the current path; meeting it again
 * inside is a cycle, which encoding/json reports (sigs.k8s.io/yaml too, as it marshals JSON first).
 */
export function visitOnce<R>(path: Set<object>, v: GoMap | GoSlice, key: object, run: () => R): R {
  if (path.has(key)) throw new FuncError(`json: unsupported value: encountered a cycle via ${v.type.name}`);
  path.add(key);
  try {
    return run();
  } finally {
    path.delete(key);
  }
}
