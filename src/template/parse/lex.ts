/**
 * The lexer: Go's text/template/parse state machine (lexText, lexInsideAction, …), producing
 * one item per call. Positions are UTF-16 offsets into the template text (error columns are
 * converted to UTF-8 bytes when reported); lines count newlines as Go does.
 *
 * @module
 */
import { quote } from '../fmt/strconv.js';

/** Item types, in Go's order; keywords come after `Keyword`. */
export enum Item {
  Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier,
  LeftDelim, LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
  Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

/** A token: its type, start offset, text and the line it starts on. */
export interface Token {
  readonly typ: Item;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const KEYWORDS: ReadonlyMap<string, Item> = new Map([
  ['.', Item.Dot], ['block', Item.Block], ['break', Item.Break], ['continue', Item.Continue],
  ['define', Item.Define], ['else', Item.Else], ['end', Item.End], ['if', Item.If],
  ['range', Item.Range], ['nil', Item.Nil], ['template', Item.Template], ['with', Item.With],
]);

const EOF = -1;
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const ALNUM = /^[\p{L}\p{Nd}_]$/u;

function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) return r === 0x5f || (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  return r !== EOF && ALNUM.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s.charCodeAt(i) === 0x2d && isSpace(s.charCodeAt(i + 1));
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s.charCodeAt(i)) && s.charCodeAt(i + 1) === 0x2d;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Go's `%#U` of a rune: `U+002D '-'`. */
export function runeDescription(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(r)) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

type StateFn = ((l: Lexer) => StateFn) | null;

/** Options decided by the parser: whether break/continue are keywords (not user functions). */
export interface LexOptions {
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

/** Lexes one template text. Call {@link nextItem} until it returns EOF or Error. */
export class Lexer {
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  insideAction = false;
  item: Token = { typ: Item.EOF, pos: 0, val: 'EOF', line: 1 };
  input: string;

  constructor(
    readonly input0: string,
    readonly leftDelim: string,
    readonly rightDelim: string,
    readonly options: LexOptions,
  ) {
    this.input = input0;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    return this.pos >= this.input.length ? EOF : this.input.codePointAt(this.pos)!;
  }

  backup(): void {
    if (this.atEOF || this.pos <= 0) return;
    const low = this.input.charCodeAt(this.pos - 1);
    const wide = low >= 0xdc00 && low <= 0xdfff && this.pos >= 2 && (this.input.charCodeAt(this.pos - 2) & 0xfc00) === 0xd800;
    this.pos -= wide ? 2 : 1;
    if (low === 0x0a) this.line--;
  }

  thisItem(typ: Item): Token {
    const item = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  emit(typ: Item): StateFn {
    return this.emitItem(this.thisItem(typ));
  }

  emitItem(item: Token): StateFn {
    this.item = item;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.item = { typ: Item.Error, pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  /** The next item. */
  nextItem(): Token {
    this.item = { typ: Item.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  /** Whether the input at pos is a right delimiter, possibly with a trim marker. */
  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    const s = this.input;
    if (hasRightTrimMarker(s, this.pos) && s.startsWith(this.rightDelim, this.pos + 2)) return { delim: true, trimSpaces: true };
    return { delim: s.startsWith(this.rightDelim, this.pos), trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF: case 0x2e: case 0x2c: case 0x7c: case 0x3a: case 0x29: case 0x28:
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function trailingSpaceLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function leadingSpaceLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(l.input, l.pos + l.leftDelim.length)) trimLength = trailingSpaceLength(l.input, l.start, l.pos);
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const item = l.thisItem(Item.Text);
      l.pos += trimLength;
      l.ignore();
      if (item.val.length > 0) return l.emitItem(item);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(Item.Text);
  }
  return l.emit(Item.EOF);
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const item = l.thisItem(Item.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(item);
}

function lexComment(l: Lexer): StateFn {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.input, l.start, l.pos);
  l.thisItem(Item.Comment);
  if (trimSpaces) l.pos += 2;
  l.pos += l.rightDelim.length;
  if (trimSpaces) l.pos += leadingSpaceLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  const item = l.thisItem(Item.RightDelim);
  if (trimSpaces) {
    l.pos += leadingSpaceLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(item);
}

const SINGLE: ReadonlyMap<number, (l: Lexer) => StateFn> = new Map([
  [0x3d, (l: Lexer) => l.emit(Item.Assign)],
  [0x3a, (l: Lexer) => (l.next() !== 0x3d ? l.errorf('expected :=') : l.emit(Item.Declare))],
  [0x7c, (l: Lexer) => l.emit(Item.Pipe)],
  [0x22, lexQuote],
  [0x60, lexRawQuote],
  [0x24, lexVariable],
  [0x27, lexChar],
  [0x28, (l: Lexer) => {
    l.parenDepth++;
    return l.emit(Item.LeftParen);
  }],
  [0x29, (l: Lexer) => {
    l.parenDepth--;
    return l.parenDepth < 0 ? l.errorf('unexpected right paren') : l.emit(Item.RightParen);
  }],
]);

function lexInsideAction(l: Lexer): StateFn {
  if (l.atRightDelim().delim) return l.parenDepth === 0 ? lexRightDelim : l.errorf('unclosed left paren');
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(); // Put space back in case we have " -}}".
    return lexSpace;
  }
  const single = SINGLE.get(r);
  if (single !== undefined) return single(l);
  return lexOperandStart(l, r);
}

/** A field, number or identifier starts here, or a single printable character. */
function lexOperandStart(l: Lexer, r: number): StateFn {
  if (r === 0x2e && l.pos < l.input.length && !isDigit(l.input.charCodeAt(l.pos))) return lexField;
  if (r === 0x2e || r === 0x2b || r === 0x2d || isDigit(r)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r >= 0x20 && r < 0x7f) return l.emit(Item.Char);
  return l.errorf(`unrecognized character in action: ${runeDescription(r)}`);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // Be careful about a trim-marked closing delimiter, which starts with a space: " -}}".
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos + 1)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(Item.Space);
}

function lexIdentifier(l: Lexer): StateFn {
  let r: number;
  do r = l.next(); while (isAlphaNumeric(r));
  l.backup();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${runeDescription(r)}`);
  return l.emit(wordItem(l, word));
}

function wordItem(l: Lexer, word: string): Item {
  const key = KEYWORDS.get(word);
  if (key !== undefined && key > Item.Keyword) {
    const disabled = (key === Item.Break && !l.options.breakOK) || (key === Item.Continue && !l.options.continueOK);
    return disabled ? Item.Identifier : key;
  }
  if (word[0] === '.') return Item.Field;
  if (word === 'true' || word === 'false') return Item.Bool;
  return Item.Identifier;
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, Item.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit(Item.Variable);
  return lexFieldOrVariable(l, Item.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: Item.Field | Item.Variable): StateFn {
  if (l.atTerminator()) return l.emit(typ === Item.Variable ? Item.Variable : Item.Dot);
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${runeDescription(r)}`);
  return l.emit(typ);
}

/** Scans a quoted literal body up to `quote`, honouring backslash escapes; false on error. */
function scanQuoted(l: Lexer, quote: number): boolean {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
    }
    if (r === EOF || r === 0x0a) return false;
    if (r === quote) return true;
  }
}

function lexChar(l: Lexer): StateFn {
  return scanQuoted(l, 0x27) ? l.emit(Item.CharConstant) : l.errorf('unterminated character constant');
}

function lexQuote(l: Lexer): StateFn {
  return scanQuoted(l, 0x22) ? l.emit(Item.String) : l.errorf('unterminated quoted string');
}

function lexRawQuote(l: Lexer): StateFn {
  const end = l.input.indexOf('`', l.pos);
  if (end < 0) {
    l.line += countNewlines(l.input, l.pos, l.input.length);
    l.pos = l.input.length;
    return l.errorf('unterminated raw quoted string');
  }
  l.line += countNewlines(l.input, l.pos, end);
  l.pos = end + 1;
  return l.emit(Item.RawString);
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
    return l.emit(Item.Complex);
  }
  return l.emit(Item.Number);
}
