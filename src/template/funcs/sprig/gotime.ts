/**
 * The parts of Go's time package that sprig's date functions expose: time.Time values (a
 * `time.Time` struct with String/Unix/Format… methods), Format with Go reference layouts, zone
 * offsets from the platform's IANA database (Intl), time.Duration's String and ParseDuration.
 *
 * Zone abbreviations come from Intl (`UTC`, `EST`, `PST`…); for zones where Intl only knows
 * `GMT+1`, Go's tzdata says `CET`: a known deviation.
 *
 * @module
 */
import { namedType, structType } from '../../values/types.js';
import { GoStruct } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';

/** An instant with its location, the payload of a `time.Time`. */
export class GoTime {
  constructor(
    /** Seconds since the Unix epoch. */
    readonly sec: number,
    /** Nanoseconds within the second, 0..999999999. */
    readonly nsec: number,
    /** IANA zone name (`UTC`, `America/New_York`). */
    readonly zone: string,
  ) {}

  /** time.Time.MarshalJSON: RFC 3339 with nanoseconds. */
  marshalGoJson(): string {
    return JSON.stringify(formatTime(this, '2006-01-02T15:04:05.999999999Z07:00'));
  }
}

/** `time.Time` (methods added below). */
export const timeType = structType('time.Time');
/** `time.Duration` (an int64 of nanoseconds). */
export const durationType = namedType('time.Duration', 'int64');

interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number; yday: number; offset: number; abbrev: string }

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' });
    partsCache.set(zone, f);
  }
  return f;
}

/** True when the platform knows the IANA zone (time.LoadLocation succeeds). */
export function knownZone(zone: string): boolean {
  if (zone === 'UTC' || zone === '') return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const FIXED = /^fixed:(.*):(-?\d+)$/;

/** Go's time.FixedZone(name, offsetSeconds), as a GoTime zone (TOML's offset and local times). */
export function fixedZone(name: string, offsetSeconds: number): string {
  return `fixed:${name}:${offsetSeconds}`;
}

/** The name and offset of a fixed zone, or undefined for IANA zones. */
export function fixedZoneOf(zone: string): { name: string; offset: number } | undefined {
  const m = FIXED.exec(zone);
  return m === null ? undefined : { name: m[1]!, offset: Number(m[2]) };
}

/** A fixed zone without a name prints its offset as -0700 (Go's stdTZ fallback). */
function fixedAbbrev(name: string, offset: number): string {
  if (name !== '') return name;
  const a = Math.abs(offset) / 60;
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Calendar fields of `t` in its zone. */
export function fieldsOf(t: GoTime): Fields {
  const ms = t.sec * 1000;
  let offset = 0;
  let abbrev = 'UTC';
  const fixed = fixedZoneOf(t.zone);
  if (fixed !== undefined) {
    offset = fixed.offset;
    abbrev = fixedAbbrev(fixed.name, fixed.offset);
  } else if (t.zone !== 'UTC') {
    const parts = Object.fromEntries(formatter(t.zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    offset = Math.round((local - ms) / 1000);
    abbrev = parts.timeZoneName ?? 'UTC';
    if (/^GMT[+-]/.test(abbrev)) abbrev = offsetAbbrev(offset);
    else if (abbrev === 'GMT' && t.zone !== 'GMT' && offset === 0) abbrev = t.zone.startsWith('Etc/') ? 'UTC' : 'GMT';
  }
  const d = new Date(ms + offset * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    weekday: d.getUTCDay(), yday: Math.floor((d.getTime() - start) / 86400000) + 1, offset, abbrev,
  };
}

/** Go prints zones without an abbreviation as `+01`, `-0330`. */
function offsetAbbrev(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, '0')}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

// Longest tokens first, as Go's nextStdChunk recognises them.
const TOKEN = /January|Jan|Monday|Mon|MST|2006|01|02|03|04|05|06|002|__2|_2|15|1|2|3|4|5|PM|pm|Z07:00:00|Z07:00|Z0700|Z07|-07:00:00|-07:00|-0700|-07|[.,](?:0+|9+)(?!\d)/g;

function zoneText(offset: number, token: string): string {
  if (token.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = pad(Math.floor(a / 3600), 2);
  const m = pad(Math.floor((a % 3600) / 60), 2);
  const s = pad(a % 60, 2);
  const body = token.replace(/^[Z-]/, '');
  if (body === '07:00:00') return `${sign}${h}:${m}:${s}`;
  if (body === '07:00') return `${sign}${h}:${m}`;
  if (body === '0700') return `${sign}${h}${m}`;
  return `${sign}${h}`;
}

function fraction(t: GoTime, token: string): string {
  const digits = pad(t.nsec, 9).slice(0, token.length - 1);
  if (token[1] === '0') return token[0] + digits;
  const trimmed = digits.replace(/0+$/, '');
  return trimmed === '' ? '' : token[0] + trimmed;
}

function tokenText(t: GoTime, f: Fields, token: string): string {
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const table: Record<string, () => string> = {
    January: () => MONTHS[f.month - 1]!, Jan: () => MONTHS[f.month - 1]!.slice(0, 3), Monday: () => DAYS[f.weekday]!, Mon: () => DAYS[f.weekday]!.slice(0, 3),
    MST: () => f.abbrev, 2006: () => pad(f.year, 4), '06': () => pad(f.year % 100, 2), '01': () => pad(f.month, 2), 1: () => String(f.month),
    '02': () => pad(f.day, 2), 2: () => String(f.day), _2: () => String(f.day).padStart(2, ' '), '002': () => pad(f.yday, 3), __2: () => String(f.yday).padStart(3, ' '),
    15: () => pad(f.hour, 2), '03': () => pad(hour12, 2), 3: () => String(hour12), '04': () => pad(f.minute, 2), 4: () => String(f.minute),
    '05': () => pad(f.second, 2), 5: () => String(f.second), PM: () => (f.hour >= 12 ? 'PM' : 'AM'), pm: () => (f.hour >= 12 ? 'pm' : 'am'),
  };
  const fn = table[token];
  if (fn !== undefined) return fn();
  if (token[0] === '.' || token[0] === ',') return fraction(t, token);
  return zoneText(f.offset, token);
}

/** time.Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const f = fieldsOf(t);
  return layout.replace(TOKEN, (token) => tokenText(t, f, token));
}

/** time.Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`. */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** A `time.Time` value. */
export function goTime(t: GoTime): GoStruct<GoTime> {
  return new GoStruct(timeType, new Map(), t);
}

/** The payload of a `time.Time` value. */
export const timeOf = (v: unknown): GoTime => (v as GoStruct<GoTime>).payload!;

const UNITS: ReadonlyArray<readonly [bigint, string]> = [[3600_000_000_000n, 'h'], [60_000_000_000n, 'm']];

/** time.Duration.String(). */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, scale] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = decimal(u, scale) + unit;
  } else {
    out = '';
    for (const [size, unit] of UNITS) {
      if (u >= size || out !== '') {
        out += `${u / size}${unit}`;
        u %= size;
      }
    }
    out += `${decimal(u, 1_000_000_000n)}s`;
  }
  return neg ? `-${out}` : out;
}

function decimal(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const frac = v % scale;
  if (frac === 0n) return whole.toString();
  const digits = frac.toString().padStart(scale.toString().length - 1, '0').replace(/0+$/, '');
  return `${whole}.${digits}`;
}

const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration. Throws FuncError with Go's message. */
// eslint-disable-next-line complexity -- a direct transcription of time.ParseDuration's loop
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => {
    throw new FuncError(`time: invalid duration ${JSON.stringify(orig)}`);
  };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') bad();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') bad();
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw new FuncError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const scale = UNIT_NS[unit];
    if (scale === undefined) throw new FuncError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(orig)}`);
    s = s.slice(unit.length);
    total += Number(`${m[1] || '0'}.${m[2] ?? '0'}`) * scale;
  }
  if (total > 2 ** 63) bad();
  return BigInt(Math.round(neg ? -total : total));
}

const timeMethods: FuncDef[] = [
  defineFunc({ name: 'String', params: [timeType], result: 'string', impl: (_c, t) => timeString(timeOf(t)) }),
  defineFunc({ name: 'Unix', params: [timeType], result: 'int64', impl: (_c, t) => BigInt(timeOf(t).sec) }),
  defineFunc({ name: 'UnixNano', params: [timeType], result: 'int64', impl: (_c, t) => BigInt(timeOf(t).sec) * 1_000_000_000n + BigInt(timeOf(t).nsec) }),
  defineFunc({ name: 'Format', params: [timeType, 'string'], result: 'string', impl: (_c, t, layout) => formatTime(timeOf(t), layout) }),
  defineFunc({ name: 'UTC', params: [timeType], result: timeType, impl: (_c, t) => goTime(new GoTime(timeOf(t).sec, timeOf(t).nsec, 'UTC')) }),
  defineFunc({ name: 'Year', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).year }),
  defineFunc({ name: 'YearDay', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).yday }),
  defineFunc({ name: 'Day', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).day }),
  defineFunc({ name: 'Hour', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).hour }),
  defineFunc({ name: 'Minute', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).minute }),
  defineFunc({ name: 'Second', params: [timeType], result: 'int', impl: (_c, t) => fieldsOf(timeOf(t)).second }),
  defineFunc({ name: 'Nanosecond', params: [timeType], result: 'int', impl: (_c, t) => timeOf(t).nsec }),
];
for (const m of timeMethods) timeType.methods.set(m.name, m);
durationType.methods.set('String', defineFunc({ name: 'String', params: [durationType], result: 'string', impl: (_c, d) => durationString(d as unknown as bigint) }));
