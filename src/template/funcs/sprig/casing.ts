/**
 * huandu/xstrings v1.5.0's case conversions as sprig exposes them: `snakecase`
 * (ToSnakeCase), `kebabcase` (ToKebabCase) and `camelcase` (ToPascalCase). Ported rule for
 * rule over runes, including their quirks (a string of only connectors comes back with its
 * last connector doubled; U+FFFD counts as an invalid rune and is skipped when classifying).
 *
 * @module
 */
import { fromRunes, isNumber, isPunct, isLetter, isSpace, isUpper, runesOf, toLower, toUpper } from './gostring.js';

const RUNE_ERROR = 0xfffd;

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

/** A letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** xstrings' toCamelCase; `upperFirst` selects ToPascalCase. */
export function toCamelCase(str: string, upperFirst: boolean): string {
  const rs = runesOf(str);
  if (rs.length === 0) return '';
  const out: number[] = [];
  // Leading connectors are kept; the first other rune is cased.
  let i = 0;
  let r0 = 0;
  while (i < rs.length) {
    r0 = rs[i++]!;
    if (!isConnector(r0)) break;
    out.push(r0);
  }
  const firstUpper = isUpper(r0);
  if (!isConnector(r0)) r0 = upperFirst ? toUpper(r0) : toLower(r0);
  if (i >= rs.length) {
    // xstrings writes the last rune again here even when it was a connector already written.
    out.push(r0);
    return fromRunes(out);
  }
  camelRest({ rs, i, r0, firstUpper, out }, upperFirst);
  return fromRunes(out);
}

/** Where toCamelCase's main loop stands: the next rune index and the pending rune `r0`. */
interface CamelState {
  readonly rs: readonly number[];
  i: number;
  r0: number;
  firstUpper: boolean;
  readonly out: number[];
}

/** The main loop of toCamelCase: each rune is written once the next one is known. */
function camelRest(st: CamelState, upperFirst: boolean): void {
  const { rs, out } = st;
  let { i, r0, firstUpper } = st;
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  if (firstUpper && !upperFirst) r0 = toLower(r0);
  out.push(r0);
}

const enum Word {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** The next rune that is not RuneError, and how many runes were consumed to reach it. */
function nextValidRune(rs: readonly number[], at: number, prev: number): [number, number] {
  let size = 0;
  for (let i = at; i < rs.length; i++) {
    size++;
    if (rs[i] !== RUNE_ERROR) return [rs[i]!, size];
  }
  return [prev, size];
}

/** One word of xstrings' tokenizer: its type, and the rune range [start, end) it covers. */
interface Token {
  type: Word;
  start: number;
  end: number;
}

/** Consumes runes from `at` while `keep(r)` holds; returns the new position. */
function consumeWhile(rs: readonly number[], at: number, first: number, keep: (r: number) => boolean): [number, number] {
  let pos = at;
  let r = first;
  while (pos < rs.length) {
    const [next, size] = nextValidRune(rs, pos, r);
    r = next;
    if (!keep(r)) break;
    pos += size;
  }
  return [pos, r];
}

function upperWordEnd(rs: readonly number[], at: number, first: number): number {
  if (at >= rs.length) return at;
  const [r, size] = nextValidRune(rs, at, first);
  if (isUpper(r)) {
    let pos = at + size;
    let prevSize = size;
    let cur = r;
    while (pos < rs.length) {
      const [next, sz] = nextValidRune(rs, pos, cur);
      cur = next;
      if (!isUpper(cur)) break;
      prevSize = sz;
      pos += sz;
    }
    // "HTTPServer": the last capital starts the next word.
    return pos < rs.length && isAlphabet(cur) ? pos - prevSize : pos;
  }
  if (isAlphabet(r)) return consumeWhile(rs, at + size, r, (c) => isAlphabet(c) && !isUpper(c))[0];
  return at;
}

/** xstrings' nextWord. */
function nextWord(rs: readonly number[], start: number): Token {
  if (start >= rs.length) return { type: Word.Invalid, start, end: start };
  const [r, size] = nextValidRune(rs, start, RUNE_ERROR);
  const at = start + size;
  if (r === RUNE_ERROR) return { type: Word.Invalid, start, end: at };
  if (isConnector(r)) return { type: Word.Connector, start, end: consumeWhile(rs, at, r, isConnector)[0] };
  if (isPunct(r)) return { type: Word.Punct, start, end: consumeWhile(rs, at, r, isPunct)[0] };
  if (isUpper(r)) return { type: Word.UpperCase, start, end: upperWordEnd(rs, at, r) };
  if (isAlphabet(r)) return { type: Word.Alphabet, start, end: consumeWhile(rs, at, r, (c) => isAlphabet(c) && !isUpper(c))[0] };
  if (isNumber(r)) return { type: Word.Number, start, end: consumeWhile(rs, at, r, isNumber)[0] };
  const other = (c: number) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c));
  return { type: Word.Other, start, end: consumeWhile(rs, at, r, other)[0] };
}

/** Lower-cases a word into `out` (only upper-case and connector words change). */
function emitLower(out: number[], rs: readonly number[], w: Token, connector: number): void {
  const convert = w.type === Word.UpperCase || w.type === Word.Connector;
  for (let i = w.start; i < w.end; i++) {
    const r = rs[i]!;
    if (!convert) out.push(r);
    else if (isConnector(r)) out.push(connector);
    else out.push(isUpper(r) ? toLower(r) : r);
  }
}

/** Whether a connector goes between the previous word and `next`. */
function separates(next: Word): boolean {
  return next !== Word.Invalid && next !== Word.Punct && next !== Word.Connector;
}

/** The state of camelCaseToLowerCase's loop. */
class LowerCaser {
  readonly out: number[] = [];
  w: Token;

  constructor(
    readonly rs: readonly number[],
    readonly connector: number,
  ) {
    this.w = nextWord(rs, 0);
  }

  get remaining(): boolean {
    return this.w.end < this.rs.length;
  }

  emit(w: Token): void {
    emitLower(this.out, this.rs, w, this.connector);
  }

  /** Moves to the next word and returns its type. */
  advance(): Word {
    this.w = nextWord(this.rs, this.w.end);
    return this.w.type;
  }

  /** Emits letters and digits that follow, without separators. */
  emitRunOfAlphanumerics(): void {
    while (this.w.type === Word.Alphabet || this.w.type === Word.Number) {
      this.emit(this.w);
      this.advance();
    }
  }

  /** After a letter word: a number word joins the following letters ("a1b" → "a_1b"). */
  afterLetters(): void {
    if (this.w.type !== Word.Number) {
      if (separates(this.w.type)) this.out.push(this.connector);
      return;
    }
    if (!this.remaining) return;
    const number = this.w;
    const next = this.advance();
    if (next !== Word.Alphabet) {
      this.emit(number);
      if (next !== Word.Connector && next !== Word.Punct) this.out.push(this.connector);
      return;
    }
    this.out.push(this.connector);
    this.emit(number);
    this.emitRunOfAlphanumerics();
    if (separates(this.w.type)) this.out.push(this.connector);
  }

  step(): void {
    const prev = this.w;
    if (prev.type !== Word.Connector) this.emit(prev);
    this.advance();
    switch (prev.type) {
      case Word.Number:
        this.emitRunOfAlphanumerics();
        if (separates(this.w.type)) this.out.push(this.connector);
        break;
      case Word.Connector:
        this.emit(prev);
        break;
      case Word.Punct:
        break;
      default:
        this.afterLetters();
    }
  }
}

/** xstrings' camelCaseToLowerCase: ToSnakeCase with `_`, ToKebabCase with `-`. */
export function toLowerWords(str: string, connector: string): string {
  const rs = runesOf(str);
  if (rs.length === 0) return '';
  const state = new LowerCaser(rs, connector.codePointAt(0)!);
  while (state.remaining) state.step();
  state.emit(state.w);
  return fromRunes(state.out);
}
