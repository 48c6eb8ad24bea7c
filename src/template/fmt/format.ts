/**
 * Go's fmt primitives (the `fmt` struct of fmt/format.go): flags, width and precision, padding,
 * and formatting of integers, floats, strings and byte strings. {@link Printer} in print.ts
 * drives these per verb.
 *
 * @module
 */
import { canBackquote, formatFloat, isPrint, quote, quoteRune, quoteToASCII, runeCount, utf8Bytes, type FloatFormat } from './strconv.js';

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

/** Formatting flags and output buffer for one Printf directive. */
export class Formatter {
  buf = '';
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  /** %+v */
  plusV = false;
  /** %#v */
  sharpV = false;

  clearFlags(): void {
    this.wid = 0;
    this.prec = 0;
    this.widPresent = false;
    this.precPresent = false;
    this.minus = false;
    this.plus = false;
    this.sharp = false;
    this.space = false;
    this.zero = false;
    this.plusV = false;
    this.sharpV = false;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  /** Appends `s` padded to the width (counted in runes). */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  /** Pads `s` with spaces even when the 0 flag is set (numbers place their zeros themselves). */
  padNoZero(s: string): void {
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  /** The sign or space a number gets from its sign and the + and space flags. */
  private signPrefix(negative: boolean): string {
    if (negative) return '-';
    if (this.plus) return '+';
    return this.space ? ' ' : '';
  }

  /** Minimum digit count: the precision, or the width when zero-padding. */
  private minIntDigits(negative: boolean): number {
    if (this.precPresent) return this.prec;
    if (this.zero && !this.minus && this.widPresent) return this.wid - (negative || this.plus || this.space ? 1 : 0);
    return 0;
  }

  /** %b %o %O %d %x %X and %v of integers. */
  fmtInteger(value: bigint, base: 2 | 8 | 10 | 16, isSigned: boolean, verb: string, upper = false): void {
    const negative = isSigned && value < 0n;
    const u = negative ? -value : value;
    if (this.precPresent && this.prec === 0 && u === 0n) {
      const oldZero = this.zero;
      this.zero = false;
      this.writePadding(this.wid);
      this.zero = oldZero;
      return;
    }
    let s = u.toString(base);
    if (upper) s = s.toUpperCase();
    const prec = this.minIntDigits(negative);
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) s = basePrefix(s, base, upper);
    if (verb === 'O') s = `0o${s}`;
    this.padNoZero(this.signPrefix(negative) + s);
  }

  /** %U: `U+0041`, with `#` also the quoted character. */
  fmtUnicode(u: bigint): void {
    const prec = this.precPresent && this.prec > 4 ? this.prec : 4;
    let s = `U+${BigInt.asUintN(64, u).toString(16).toUpperCase().padStart(prec, '0')}`;
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += ` '${String.fromCodePoint(Number(u))}'`;
    this.padNoZero(s);
  }

  /** %c */
  fmtC(c: bigint): void {
    this.pad(String.fromCodePoint(validRune(c)));
  }

  /** %q of an integer: a quoted character literal. */
  fmtQc(c: bigint): void {
    this.pad(quoteRune(validRune(c), this.plus));
  }

  /** Floats: `verb` is the strconv format, `prec` the default precision (-1 shortest). */
  fmtFloat(v: number, size: 32 | 64, verb: FloatFormat, prec: number): void {
    if (this.precPresent) prec = this.prec;
    const num = this.signedFloat(formatFloat(v, verb, prec, size));
    if (num[1] === 'I' || num[1] === 'N') {
      this.padNoZero(num[1] === 'N' && !this.space && !this.plus ? num.slice(1) : num);
      return;
    }
    this.padSignedNumber(this.sharp ? sharpFloat(num, verb, prec) : num);
  }

  /** Prefixes `+` (or a space with the space flag) to unsigned output, as fmt does before padding. */
  private signedFloat(num: string): string {
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    return this.space && num[0] === '+' && !this.plus ? ` ${num.slice(1)}` : num;
  }

  /** Pads a number that starts with a sign, zero-padding after the sign. */
  private padSignedNumber(num: string): void {
    if (!this.plus && num[0] === '+') {
      this.pad(num.slice(1));
      return;
    }
    const zeroPad = this.zero && !this.minus && this.widPresent && this.wid > num.length;
    if (!zeroPad) {
      this.pad(num);
      return;
    }
    this.buf += num[0];
    this.writePadding(this.wid - num.length);
    this.buf += num.slice(1);
  }

  /** Truncates to the precision, in runes. */
  truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    let i = 0;
    for (const ch of s) {
      if (--n < 0) return s.slice(0, i);
      i += ch.length;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  /** Output width of %x on `length` bytes with the space and # flags. */
  private hexWidth(length: number): number {
    let width = 2 * length;
    if (this.space) {
      if (this.sharp) width *= 2;
      width += length - 1;
    } else if (this.sharp) width += 2;
    return width;
  }

  /** %x/%X of a string or byte slice: hex of the UTF-8 bytes. */
  fmtSx(bytes: Uint8Array, upper: boolean): void {
    const digits = upper ? UDIGITS : LDIGITS;
    const length = this.precPresent ? Math.min(this.prec, bytes.length) : bytes.length;
    if (length <= 0) {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    const padding = this.widPresent ? Math.max(0, this.wid - this.hexWidth(length)) : 0;
    if (!this.minus) this.writePadding(padding);
    const prefix = this.sharp ? `0${digits[16]}` : '';
    let out = prefix;
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) out += ` ${prefix}`;
      const c = bytes[i]!;
      out += digits[c >> 4]! + digits[c & 15]!;
    }
    this.buf += out;
    if (this.minus) this.writePadding(padding);
  }

  fmtSxString(s: string, upper: boolean): void {
    this.fmtSx(utf8Bytes(s), upper);
  }

  /** %q of a string. */
  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.pad(`\`${s}\``);
      return;
    }
    this.pad(this.plus ? quoteToASCII(s) : quote(s));
  }
}

function validRune(c: bigint): number {
  if (c < 0n || c > 0x10ffffn) return 0xfffd;
  const r = Number(c);
  return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
}

function basePrefix(s: string, base: number, upper: boolean): string {
  if (base === 2) return `0b${s}`;
  if (base === 8) return s[0] === '0' ? s : `0${s}`;
  if (base === 16) return `0${upper ? 'X' : 'x'}${s}`;
  return s;
}

/** Counts significant digits of a formatted number body (after the sign). */
function significantDigits(body: string): number {
  let count = 0;
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i];
    if (c === '.') continue;
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) count++;
  }
  return count;
}

/** The `#` flag on floats: keep the decimal point and trailing zeros (%#g, %#v). */
function sharpFloat(num: string, verb: FloatFormat, prec: number): string {
  let digits = 0;
  if (verb === 'g' || verb === 'G') digits = prec === -1 ? 6 : prec;
  const e = num.search(/[eE]/);
  const tail = e >= 0 ? num.slice(e) : '';
  let body = e >= 0 ? num.slice(0, e) : num;
  digits -= significantDigits(body);
  if (!body.includes('.')) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}
