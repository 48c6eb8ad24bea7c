/**
 * Go's fmt.Sprint, Sprintln and Sprintf over the Go value model: `%v` of maps (sorted keys),
 * slices, structs and floats, every verb with its flags, width and precision, and the `%!`
 * error forms (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`, `%!(BADINDEX)` …).
 *
 * @module
 */
import type { GoType } from '../values/types.js';
import { GoComplex, GoFloat, GoFunc, GoInt, GoMap, GoSlice, GoStruct, bytesOf, type GoAny } from '../values/value.js';
import { Formatter } from './format.js';
import { utf8Decode } from './strconv.js';
import { compareGoStrings } from './sort.js';
import { doPrintf } from './printf.js';

/** Calls a value's `String()`/`Error()` method if its type has one (fmt's Stringer handling). */
export type MethodCaller = (v: GoAny, method: 'String' | 'Error') => string | undefined;

/** Finds String/Error methods on the value's Go type; they must not need a FuncContext. */
export const typeMethods: MethodCaller = (v, method) => {
  if (v === null || typeof v !== 'object') return undefined;
  const def = v.type.methods.get(method);
  if (def === undefined || def.params.length !== 1) return undefined;
  return def.invoke(METHOD_CONTEXT, [v]) as string;
};

const unavailable = (what: string) => (): never => {
  throw new Error(`${what} is not available to String() methods`);
};
const METHOD_CONTEXT = {
  get clock(): never { return unavailable('clock')(); },
  get random(): never { return unavailable('random')(); },
  zone: 'UTC',
  root: undefined,
};

function typeName(v: GoAny): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return v.type.name;
}

/** One formatting run (Go's pp). */
export class Printer {
  readonly f = new Formatter();
  private erroring = false;
  private arg: GoAny = null;
  private reordered = false;
  private goodArgNum = true;

  constructor(private readonly methods: MethodCaller = typeMethods) {}

  get output(): string {
    return this.f.buf;
  }

  private badVerb(verb: string, value: GoAny | undefined): void {
    this.erroring = true;
    this.f.buf += `%!${verb}(`;
    if (value !== undefined && value !== null) {
      this.f.buf += `${typeName(value)}=`;
      this.printArg(value, 'v');
    } else this.f.buf += '<nil>';
    this.f.buf += ')';
    this.erroring = false;
  }

  private fmtInteger(v: GoInt, verb: string): void {
    const signed = !v.type.isUnsigned;
    const f = this.f;
    const base = INT_BASES[verb];
    if (verb === 'v' && f.sharpV && !signed) {
      const sharp = f.sharp;
      f.sharp = true;
      f.fmtInteger(v.v, 16, false, 'v');
      f.sharp = sharp;
    } else if (base !== undefined) {
      f.fmtInteger(v.v, base, signed, verb, verb === 'X');
    } else if (verb === 'c') {
      f.fmtC(v.v);
    } else if (verb === 'q') {
      f.fmtQc(v.v);
    } else if (verb === 'U') {
      f.fmtUnicode(v.v);
    } else {
      this.badVerb(verb, v);
    }
  }

  private fmtFloat(v: number, size: 32 | 64, verb: string, original: GoAny): void {
    const f = this.f;
    switch (verb) {
      case 'v': return f.fmtFloat(v, size, 'g', -1);
      case 'g': case 'G': return f.fmtFloat(v, size, verb, -1);
      case 'x': case 'X': return f.pad(hexFloat(v, verb === 'X'));
      case 'f': case 'e': case 'E': return f.fmtFloat(v, size, verb, 6);
      case 'F': return f.fmtFloat(v, size, 'f', 6);
      default: return this.badVerb(verb, original);
    }
  }

  private fmtComplex(v: GoComplex, verb: string): void {
    if (!'vgGfFeE'.includes(verb)) return this.badVerb(verb, v);
    const size = v.type.kind === 'complex64' ? 32 : 64;
    const oldPlus = this.f.plus;
    this.f.buf += '(';
    this.fmtFloat(v.re, size, verb, v);
    this.f.plus = true;
    this.fmtFloat(v.im, size, verb, v);
    this.f.buf += 'i)';
    this.f.plus = oldPlus;
  }

  private fmtString(v: string, verb: string, original: GoAny): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV) f.fmtQ(v);
        else f.fmtS(v);
        return;
      case 's': return f.fmtS(v);
      case 'x': return f.fmtSxString(v, false);
      case 'X': return f.fmtSxString(v, true);
      case 'q': return f.fmtQ(v);
      default: return this.badVerb(verb, original);
    }
  }

  private fmtBytes(bytes: Uint8Array, verb: string, typeString: string, value: GoSlice, depth: number): void {
    const f = this.f;
    switch (verb) {
      case 'v': case 'd':
        if (f.sharpV) {
          f.buf += typeString;
          if (value.items === null) {
            f.buf += '(nil)';
            return;
          }
          f.buf += '{';
          bytes.forEach((c, i) => {
            if (i > 0) f.buf += ', ';
            const sharp = f.sharp;
            f.sharp = true;
            f.fmtInteger(BigInt(c), 16, false, 'v');
            f.sharp = sharp;
          });
          f.buf += '}';
        } else {
          f.buf += '[';
          bytes.forEach((c, i) => {
            if (i > 0) f.buf += ' ';
            f.fmtInteger(BigInt(c), 10, false, verb);
          });
          f.buf += ']';
        }
        return;
      case 's': return f.pad(f.truncate(utf8Decode(bytes)));
      case 'x': return f.fmtSx(bytes, false);
      case 'X': return f.fmtSx(bytes, true);
      case 'q': return f.fmtQ(utf8Decode(bytes));
      default: return this.printSlice(value, verb, depth);
    }
  }

  /** fmt's handleMethods: Error() and String() for %v %s %x %X %q. */
  private handleMethods(v: GoAny, verb: string): boolean {
    if (this.erroring || this.f.sharpV || !'vsxXq'.includes(verb)) return false;
    const text = this.methods(v, 'Error') ?? this.methods(v, 'String');
    if (text === undefined) return false;
    this.fmtString(text, verb, v);
    return true;
  }

  /** Prints one operand (depth 0). */
  printArg(arg: GoAny, verb: string): void {
    this.arg = arg;
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.f.pad('<nil>');
      else this.badVerb(verb, null);
    } else if (verb === 'T') {
      this.f.fmtS(typeName(arg));
    } else if (verb === 'p') {
      this.fmtPointer(arg, verb);
    } else if (!this.handledByMethod(arg, verb)) {
      if (isByteSlice(arg)) this.fmtBytes(bytesOf(arg)!, verb, '[]byte', arg, 0);
      else this.printValue(arg, verb, 0);
    }
  }

  private handledByMethod(v: GoAny, verb: string): boolean {
    return v !== null && typeof v === 'object' && v.type.methods.size > 0 && this.handleMethods(v, verb);
  }

  /** Prints a value reached inside a composite (depth > 0) or a non-basic top-level value. */
  printValue(value: GoAny, verb: string, depth: number): void {
    if (depth > 0 && this.handledByMethod(value, verb)) return;
    this.arg = null;
    if (value === null) this.printNil(verb, depth);
    else if (typeof value === 'string') this.fmtString(value, verb, value);
    else if (typeof value === 'boolean') this.fmtBool(value, verb);
    else if (value instanceof GoInt) this.fmtInteger(value, verb);
    else if (value instanceof GoFloat) this.fmtFloat(value.v, value.type.kind === 'float32' ? 32 : 64, verb, value);
    else this.printComposite(value, verb, depth);
  }

  /** A nil interface: inside a composite it prints <nil> whatever the verb. */
  private printNil(verb: string, depth: number): void {
    if (this.f.sharpV) this.f.buf += 'interface {}(nil)';
    else if (verb === 'v' || depth > 0) this.f.buf += '<nil>';
    else this.badVerb(verb, null);
  }

  private fmtBool(value: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.f.fmtBoolean(value);
    else this.badVerb(verb, value);
  }

  private printComposite(value: GoComplex | GoMap | GoSlice | GoStruct | GoFunc, verb: string, depth: number): void {
    if (value instanceof GoComplex) this.fmtComplex(value, verb);
    else if (value instanceof GoMap) this.printMap(value, verb, depth);
    else if (value instanceof GoSlice && 'sqxX'.includes(verb) && value.type.elem?.kind === 'uint8') {
      this.fmtBytes(bytesOf(value)!, verb, value.type.name, value, depth);
    } else if (value instanceof GoSlice) this.printSlice(value, verb, depth);
    else if (value instanceof GoStruct) this.printStruct(value, verb, depth);
    else this.fmtPointer(value, verb);
  }

  private printMap(m: GoMap, verb: string, depth: number): void {
    const f = this.f;
    if (f.sharpV) {
      f.buf += m.type.name;
      if (m.entries === null) {
        f.buf += '(nil)';
        return;
      }
      f.buf += '{';
    } else f.buf += 'map[';
    if (m.entries !== null) {
      const keys = [...m.entries.keys()].sort(compareGoStrings);
      keys.forEach((k, i) => {
        if (i > 0) f.buf += f.sharpV ? ', ' : ' ';
        this.printValue(k, verb, depth + 1);
        f.buf += ':';
        this.printValue(m.entries!.get(k)!, verb, depth + 1);
      });
    }
    f.buf += f.sharpV ? '}' : ']';
  }

  private printSlice(s: GoSlice, verb: string, depth: number): void {
    const f = this.f;
    if (f.sharpV) {
      f.buf += s.type.name;
      if (s.items === null) {
        f.buf += '(nil)';
        return;
      }
      f.buf += '{';
    } else f.buf += '[';
    (s.items ?? []).forEach((item, i) => {
      if (i > 0) f.buf += f.sharpV ? ', ' : ' ';
      this.printValue(item, verb, depth + 1);
    });
    f.buf += f.sharpV ? '}' : ']';
  }

  private printStruct(s: GoStruct, verb: string, depth: number): void {
    const f = this.f;
    const isPtr = s.type.kind === 'ptr';
    if (isPtr && (depth > 0 || s.fields === null)) return this.fmtPointer(s, verb);
    if (isPtr) f.buf += '&';
    const structType = isPtr ? s.type.elem! : s.type;
    if (f.sharpV) f.buf += structType.name;
    f.buf += '{';
    (structType.fields ?? []).forEach((field, i) => {
      if (i > 0) f.buf += f.sharpV ? ', ' : ' ';
      if (f.plusV || f.sharpV) f.buf += `${field.name}:`;
      const v = s.fields!.get(field.name);
      this.printValue(v === undefined ? zeroFieldValue(field.type) : v, verb, depth + 1);
    });
    f.buf += '}';
  }

  /** Pointers and functions print as addresses; there are no real addresses here, so a fixed one. */
  private fmtPointer(value: GoAny, verb: string): void {
    if (!(value instanceof GoStruct || value instanceof GoMap || value instanceof GoSlice || value instanceof GoFunc)) {
      this.badVerb(verb, value);
      return;
    }
    const nil = isNilRef(value);
    const f = this.f;
    const address = nil ? 'nil' : '0xc000010000';
    if (verb === 'v' && f.sharpV) f.buf += `(${value.type.name})(${address})`;
    else if (verb === 'v') f.pad(nil ? '<nil>' : address);
    else if (verb === 'p') f.pad(nil ? '0x0' : address);
    else this.badVerb(verb, value);
  }

  /** fmt.Sprint semantics: a space between operands when neither is a string. */
  doPrint(args: readonly GoAny[]): void {
    let prevString = false;
    args.forEach((arg, i) => {
      const isString = typeof arg === 'string' || (arg !== null && typeof arg === 'object' && arg.type.kind === 'string');
      if (i > 0 && !isString && !prevString) this.f.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  /** fmt.Sprintln semantics. */
  doPrintln(args: readonly GoAny[]): void {
    args.forEach((arg, i) => {
      if (i > 0) this.f.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.f.buf += '\n';
  }

  /** fmt.Sprintf semantics. */
  doPrintf(format: string, args: readonly GoAny[]): void {
    doPrintf(this, format, args);
  }

  /** @internal used by doPrintf; returns whether the directive consumed an operand. */
  directive(verb: string, args: readonly GoAny[], argNum: number): boolean {
    const f = this.f;
    if (verb === '%') {
      f.buf += '%';
    } else if (!this.goodArgNum) {
      f.buf += `%!${verb}(BADINDEX)`;
    } else if (argNum >= args.length) {
      f.buf += `%!${verb}(MISSING)`;
    } else {
      if (verb === 'v' || verb === 'w') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      this.printArg(args[argNum]!, verb);
      return true;
    }
    return false;
  }

  /** @internal */
  setArgState(state: { reordered?: boolean; goodArgNum?: boolean }): void {
    if (state.reordered !== undefined) this.reordered = state.reordered;
    if (state.goodArgNum !== undefined) this.goodArgNum = state.goodArgNum;
  }

  /** @internal */
  get isReordered(): boolean {
    return this.reordered;
  }

  /** @internal */
  extra(args: readonly GoAny[]): void {
    this.f.clearFlags();
    this.f.buf += '%!(EXTRA ';
    args.forEach((arg, i) => {
      if (i > 0) this.f.buf += ', ';
      if (arg === null) this.f.buf += '<nil>';
      else {
        this.f.buf += `${typeName(arg)}=`;
        this.printArg(arg, 'v');
      }
    });
    this.f.buf += ')';
  }
}

/** Unbiased exponent and 52-bit fraction, with subnormals normalized. */
function normalizedBits(view: DataView): [number, bigint] {
  let exp = ((view.getUint32(0) >>> 20) & 0x7ff) - 1023;
  let frac = (BigInt(view.getUint32(0) & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (exp !== -1023) return [exp, frac];
  exp = -1022;
  while ((frac & (1n << 52n)) === 0n) {
    frac <<= 1n;
    exp--;
  }
  return [exp, frac & ((1n << 52n) - 1n)];
}

/** %x of a float: Go's hexadecimal mantissa and binary exponent (shortest form only). */
function hexFloat(v: number, upper: boolean): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return `${sign}0x0p+00`;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const [exp, frac] = normalizedBits(view);
  const digits = frac.toString(16).padStart(13, '0').replace(/0+$/, '');
  const abs = Math.abs(exp);
  const text = `${sign}0x1${digits === '' ? '' : `.${digits}`}p${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  return upper ? text.toUpperCase() : text;
}

const INT_BASES: Record<string, 2 | 8 | 10 | 16 | undefined> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };

function isByteSlice(v: GoAny): v is GoSlice {
  return v instanceof GoSlice && v.type.elem?.name === 'uint8';
}

function isNilRef(v: GoStruct | GoMap | GoSlice | GoFunc): boolean {
  if (v instanceof GoStruct) return v.fields === null;
  if (v instanceof GoMap) return v.entries === null;
  if (v instanceof GoSlice) return v.items === null;
  return false;
}

function zeroFieldValue(type: GoType): GoAny {
  if (type.kind === 'map') return new GoMap(type, null);
  if (type.kind === 'slice') return new GoSlice(type, null);
  return null;
}

/** fmt.Sprint. */
export function sprint(args: readonly GoAny[], methods?: MethodCaller): string {
  const p = new Printer(methods);
  p.doPrint(args);
  return p.output;
}

/** fmt.Sprintln. */
export function sprintln(args: readonly GoAny[], methods?: MethodCaller): string {
  const p = new Printer(methods);
  p.doPrintln(args);
  return p.output;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoAny[], methods?: MethodCaller): string {
  const p = new Printer(methods);
  p.doPrintf(format, args);
  return p.output;
}

/** fmt.Sprint of one value: `%v` (what `{{ x }}` prints for a value). */
export function formatValue(v: GoAny): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoInt && v.type.methods.size === 0) return v.v.toString();
  const p = new Printer();
  p.printArg(v, 'v');
  return p.output;
}
