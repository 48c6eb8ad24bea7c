/**
 * BurntSushi/toml v1.6's Encoder (what libsveltos' toToml uses), over Go values: plain keys
 * first, then tables, each group sorted; nested tables indented two spaces per level; arrays
 * of tables as `[[key]]`; tables inside arrays inline. Errors carry the encoder's messages.
 *
 * @module
 */
import { compareGoStrings } from '../../fmt/sort.js';
import { formatFloat } from '../../fmt/strconv.js';
import { GoComplex, GoFloat, GoFunc, GoInt, GoMap, GoSlice, GoStruct, type GoAny } from '../../values/value.js';
import { FuncError } from '../registry.js';
import { durationString, durationType, fixedZoneOf, formatTime, GoTime, timeOf, timeType } from '../sprig/gotime.js';
import { semverValueType, semverType } from '../sprig/semver.js';

type TomlType = 'Bool' | 'Integer' | 'Float' | 'String' | 'Datetime' | 'Array' | 'ArrayHash' | 'Hash' | undefined;

/** An encoder failure (Go's tomlEncodeError): toToml returns its text. */
export class TomlEncodeError extends FuncError {}

const encPanic = (message: string): never => {
  throw new TomlEncodeError(message);
};

const REPLACEMENTS: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
/** BurntSushi's dblQuotedReplacer: quotes, backslashes, and control characters (C0 and DEL). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what TOML escapes
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f]/g;
const quoted = (s: string): string => `"${s.replace(NEEDS_ESCAPE, (c) => REPLACEMENTS[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

const BARE = /^[A-Za-z0-9_-]+$/;
const keyPiece = (k: string): string => (k === '' ? '""' : BARE.test(k) ? k : quoted(k));
const keyString = (key: readonly string[]): string => key.map(keyPiece).join('.');

const isMarshaler = (v: GoAny): boolean => v instanceof GoStruct && (v.type === timeType || v.type === semverType || v.type === semverValueType);

/** reflect's IsNil for the kinds that have it (a nil interface is `null`). */
function isNil(v: GoAny): boolean {
  if (v === null) return true;
  if (v instanceof GoMap) return v.entries === null;
  if (v instanceof GoSlice) return v.items === null;
  if (v instanceof GoStruct) return v.fields === null;
  return false;
}

function kindName(v: GoAny): string {
  if (v instanceof GoComplex || v instanceof GoFunc) return v.type.kind === 'func' ? 'func' : v.type.kind;
  return typeof v;
}

function tomlTypeOf(v: GoAny): TomlType {
  if (isNil(v)) return undefined;
  if (v instanceof GoStruct) return v.type === timeType ? 'Datetime' : isMarshaler(v) ? 'String' : 'Hash';
  if (typeof v === 'boolean') return 'Bool';
  if (typeof v === 'string') return 'String';
  if (v instanceof GoInt) return 'Integer';
  if (v instanceof GoFloat) return 'Float';
  if (v instanceof GoSlice) return isTableArray(v) ? 'ArrayHash' : 'Array';
  if (v instanceof GoMap) return 'Hash';
  return encPanic(`unsupported type: ${kindName(v)}`);
}

function isTableArray(arr: GoSlice): boolean {
  if (arr.items === null || arr.items.length === 0) return false;
  let all = true;
  for (const item of arr.items) {
    const t = tomlTypeOf(item);
    if (t === undefined) encPanic('toml: cannot encode array with nil element');
    if (t !== 'Hash') all = false;
  }
  return all;
}

const isTable = (t: TomlType): boolean => t === 'Hash' || t === 'ArrayHash';

function floatText(v: GoFloat): string {
  const f = v.v;
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f < 0 ? '-inf' : 'inf';
  const s = formatFloat(f, 'g', -1, v.type.kind === 'float32' ? 32 : 64);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** TOML's local date-time, date and time keep their own layouts (BurntSushi's internal zones). */
const LOCAL_LAYOUTS: Readonly<Record<string, string>> = {
  'datetime-local': '2006-01-02T15:04:05.999999999', 'date-local': '2006-01-02', 'time-local': '15:04:05.999999999',
};

function timeText(t: GoTime): string {
  const fixed = fixedZoneOf(t.zone);
  const local = fixed !== undefined && fixed.offset === 0 ? LOCAL_LAYOUTS[fixed.name] : undefined;
  return formatTime(local === undefined ? t : new GoTime(t.sec, t.nsec, 'UTC'), local ?? '2006-01-02T15:04:05.999999999Z07:00');
}

/** eElement for values written on one line: times, marshalers, durations, strings, numbers, booleans. */
function scalarText(v: GoAny): string | undefined {
  if (v instanceof GoStruct && v.type === timeType) return timeText(timeOf(v));
  if (v instanceof GoStruct && isMarshaler(v)) return quoted(String((v.payload as { toString(): string }).toString()));
  if (v instanceof GoInt) return v.type === durationType ? quoted(durationString(v.v)) : v.v.toString();
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoFloat) return floatText(v);
  return undefined;
}

/** One struct field or map entry: its key and value. */
interface Entry { readonly key: string; readonly value: GoAny; readonly index: number }

class Encoder {
  out = '';
  private written = false;

  private write(s: string): void {
    this.out += s;
    this.written = true;
  }

  private newline(): void {
    if (this.written) this.write('\n');
  }

  private indent(key: readonly string[]): string {
    return '  '.repeat(Math.max(0, key.length - 1));
  }

  encode(key: readonly string[], v: GoAny): void {
    if (isMarshaler(v)) return this.keyValue(key, v, false);
    if (v === null || isNil(v)) return;
    if (typeof v === 'string' || typeof v === 'boolean' || v instanceof GoInt || v instanceof GoFloat) return this.keyValue(key, v, false);
    if (v instanceof GoSlice) return isTableArray(v) ? this.arrayOfTables(key, v) : this.keyValue(key, v, false);
    if (v instanceof GoMap || v instanceof GoStruct) return this.table(key, v);
    encPanic(`unsupported type for key '${keyString(key)}': ${kindName(v)}`);
  }

  private keyValue(key: readonly string[], v: GoAny, inline: boolean): void {
    if (key.length === 0) return this.element(v);
    this.write(`${this.indent(key)}${keyPiece(key[key.length - 1]!)} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private arrayOfTables(key: readonly string[], arr: GoSlice): void {
    if (key.length === 0) encPanic('toml: top-level values must be Go maps or structs');
    for (const item of arr.items ?? []) {
      if (isNil(item)) continue;
      this.newline();
      this.write(`${this.indent(key)}[[${keyString(key)}]]`);
      this.newline();
      this.entries(key, item as GoMap | GoStruct, false);
    }
  }

  private table(key: readonly string[], v: GoMap | GoStruct): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indent(key)}[${keyString(key)}]`);
      this.newline();
    }
    this.entries(key, v, false);
  }

  /** eMap / eStruct: plain entries, then tables; maps sorted by key, structs in field order. */
  private entries(key: readonly string[], v: GoMap | GoStruct, inline: boolean): void {
    const all: Entry[] = v instanceof GoMap
      ? [...(v.entries ?? new Map<string, GoAny>()).entries()].sort(([a], [b]) => compareGoStrings(a, b)).map(([k, value], index) => ({ key: k, value, index }))
      : (v.type.kind === 'ptr' ? v.type.elem! : v.type).fields!.map((f, index) => ({ key: f.name, value: v.fields?.get(f.name) ?? null, index }));
    const direct = all.filter((e) => !isTable(tomlTypeOf(e.value)));
    const sub = all.filter((e) => isTable(tomlTypeOf(e.value)));
    if (inline) this.write('{');
    const writeGroup = (group: Entry[], trailingComma: boolean): void => {
      group.forEach((e, i) => {
        if (isNil(e.value)) return;
        if (!inline) return this.encode([...key, e.key], e.value);
        this.keyValue([e.key], e.value, true);
        // Maps separate by position in their group, structs by field index (as Go does).
        const more = v instanceof GoMap ? trailingComma || i !== group.length - 1 : e.index !== all.length - 1;
        if (more) this.write(', ');
      });
    };
    writeGroup(direct, sub.length > 0);
    writeGroup(sub, false);
    if (inline) this.write('}');
  }

  private element(v: GoAny): void {
    const scalar = scalarText(v);
    if (scalar !== undefined) return this.write(scalar);
    if (v instanceof GoSlice) {
      this.write('[');
      (v.items ?? []).forEach((item, i) => {
        this.element(item);
        if (i !== v.items!.length - 1) this.write(', ');
      });
      return this.write(']');
    }
    if (v instanceof GoMap || v instanceof GoStruct) return this.entries([], v, true);
    encPanic(`unexpected type: ${kindName(v)}`);
  }
}

/** toml.NewEncoder(buf).Encode(v): the document, or TomlEncodeError with the encoder's message. */
export function marshalToml(v: GoAny): string {
  // reflect.ValueOf(nil) is the zero Value; the encoder's first look at it panics in reflect.
  if (v === null) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  const enc = new Encoder();
  enc.encode([], v);
  return enc.out;
}
