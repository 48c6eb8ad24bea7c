/**
 * The Printf format scanner (fmt's doPrintf): flags, `*` widths and precisions, `[n]` argument
 * indexes, and the BADWIDTH/BADPREC/BADINDEX/NOVERB/EXTRA error forms.
 *
 * @module
 */
import { GoInt, type GoAny } from '../values/value.js';
import type { Printer } from './print.js';

function parsenum(s: string, start: number, end: number): [num: number, isnum: boolean, newi: number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function intFromArg(args: readonly GoAny[], argNum: number): [num: number, isInt: boolean, newArgNum: number] {
  if (argNum >= args.length) return [0, false, argNum];
  const a = args[argNum];
  let num = 0;
  let isInt = false;
  if (a instanceof GoInt && a.v >= -(2n ** 63n) && a.v < 2n ** 63n) {
    num = Number(a.v);
    isInt = true;
  }
  if (num > 1e6 || num < -1e6) return [0, false, argNum + 1];
  return [num, isInt, argNum + 1];
}

/** Parses `[n]` at format[i]; returns the zero-based index, the width consumed and whether it parsed. */
function parseArgNumber(format: string, i: number): [index: number, wid: number, ok: boolean] {
  if (format.length - i < 3) return [0, 1, false];
  for (let j = i + 1; j < format.length; j++) {
    if (format[j] === ']') {
      const [width, ok, newi] = parsenum(format, i + 1, j);
      if (!ok || newi !== j) return [0, j - i + 1, false];
      return [width - 1, j - i + 1, true];
    }
  }
  return [0, 1, false];
}

/** Scans one Printf format string, directive by directive (fmt's doPrintf). */
class PrintfScan {
  i = 0;
  argNum = 0;
  afterIndex = false;

  constructor(
    private readonly p: Printer,
    private readonly format: string,
    private readonly args: readonly GoAny[],
  ) {}

  run(): void {
    const { p, format } = this;
    p.setArgState({ reordered: false });
    while (this.i < format.length) {
      p.setArgState({ goodArgNum: true });
      const lasti = this.i;
      const next = format.indexOf('%', this.i);
      this.i = next < 0 ? format.length : next;
      if (this.i > lasti) p.f.buf += format.slice(lasti, this.i);
      if (this.i >= format.length) break;
      this.i++;
      p.f.clearFlags();
      if (this.flagsOrFastVerb()) continue;
      if (!this.directive()) break;
    }
    if (!p.isReordered && this.argNum < this.args.length) p.extra(this.args.slice(this.argNum));
  }

  /** Reads flags; a plain lowercase verb right after them is printed at once (returns true). */
  private flagsOrFastVerb(): boolean {
    const { format } = this;
    for (; this.i < format.length; this.i++) {
      const c = format[this.i]!;
      if (FLAG_CHARS.includes(c)) {
        setFlag(this.p, c);
        continue;
      }
      if (c < 'a' || c > 'z' || this.argNum >= this.args.length) return false;
      this.p.directive(c, this.args, this.argNum);
      this.argNum++;
      this.i++;
      return true;
    }
    return false;
  }

  private argIndex(): void {
    const { format } = this;
    if (format.length <= this.i || format[this.i] !== '[') {
      this.afterIndex = false;
      return;
    }
    this.p.setArgState({ reordered: true });
    const [index, wid, ok] = parseArgNumber(format, this.i);
    this.i += wid;
    this.afterIndex = ok;
    if (ok && index >= 0 && index < this.args.length) this.argNum = index;
    else this.p.setArgState({ goodArgNum: false });
  }

  private star(): [number, boolean] {
    this.i++;
    const [num, isInt, newArgNum] = intFromArg(this.args, this.argNum);
    this.argNum = newArgNum;
    this.afterIndex = false;
    return [num, isInt];
  }

  private width(): void {
    const f = this.p.f;
    if (this.format[this.i] === '*') {
      [f.wid, f.widPresent] = this.star();
      if (!f.widPresent) f.buf += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      return;
    }
    [f.wid, f.widPresent, this.i] = parsenum(this.format, this.i, this.format.length);
    if (this.afterIndex && f.widPresent) this.p.setArgState({ goodArgNum: false });
  }

  private precision(): void {
    const f = this.p.f;
    if (this.i + 1 >= this.format.length || this.format[this.i] !== '.') return;
    this.i++;
    if (this.afterIndex) this.p.setArgState({ goodArgNum: false });
    this.argIndex();
    if (this.format[this.i] === '*') {
      [f.prec, f.precPresent] = this.star();
      if (f.prec < 0) {
        f.prec = 0;
        f.precPresent = false;
      }
      if (!f.precPresent) f.buf += '%!(BADPREC)';
      return;
    }
    [f.prec, f.precPresent, this.i] = parsenum(this.format, this.i, this.format.length);
    if (!f.precPresent) {
      f.prec = 0;
      f.precPresent = true;
    }
  }

  /** Width, precision, argument indexes and the verb; false when the format ended early. */
  private directive(): boolean {
    this.argIndex();
    this.width();
    this.precision();
    if (!this.afterIndex) this.argIndex();
    if (this.i >= this.format.length) {
      this.p.f.buf += '%!(NOVERB)';
      return false;
    }
    const verb = String.fromCodePoint(this.format.codePointAt(this.i)!);
    this.i += verb.length;
    if (this.p.directive(verb, this.args, this.argNum)) this.argNum++;
    return true;
  }
}

const FLAG_CHARS = '#0+- ';

/** Runs the directive loop of fmt.Sprintf over `format` on printer `p`. */
export function doPrintf(p: Printer, format: string, args: readonly GoAny[]): void {
  new PrintfScan(p, format, args).run();
}

function setFlag(p: Printer, c: string): void {
  const f = p.f;
  switch (c) {
    case '#': f.sharp = true; break;
    case '0': f.zero = true; break;
    case '+': f.plus = true; break;
    case '-': f.minus = true; break;
    default: f.space = true;
  }
}

