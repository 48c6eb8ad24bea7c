/**
 * The time.Time and time.Duration methods templates call on values from sprig's date
 * functions (`(toDate "2006-01-02" .d).Month`, `(now).AddDate 0 1 0`, `.Sub`, `.Hours`…),
 * and the named types they return (time.Month and time.Weekday print their English names).
 *
 * Methods with two or more results (Date, Clock, Zone, ISOWeek) are not callable from a
 * template in Go either; In and Location need a *time.Location, which no template function
 * produces, so they are left out.
 *
 * @module
 */
import { namedType } from '../../values/types.js';
import { defineFunc, type FuncDef } from '../registry.js';
import { durationType, fieldsOf, GoTime, goTime, timeOf, timeType } from './gotime.js';

const NS = 1_000_000_000n;
/** Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch. */
const ZERO_TO_UNIX = 62_135_596_800n;
const MAX_DURATION = (1n << 63n) - 1n;
const MIN_DURATION = -(1n << 63n);

/** `time.Month`, printed as its English name. */
export const monthType = namedType('time.Month', 'int');
/** `time.Weekday`, printed as its English name. */
export const weekdayType = namedType('time.Weekday', 'int');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const nanosOf = (t: GoTime): bigint => BigInt(t.sec) * NS + BigInt(t.nsec);

function fromNanos(total: bigint, zone: string): GoTime {
  let sec = total / NS;
  if (total % NS < 0n) sec -= 1n;
  return new GoTime(Number(sec), Number(total - sec * NS), zone);
}

const clampDuration = (d: bigint): bigint => (d > MAX_DURATION ? MAX_DURATION : d < MIN_DURATION ? MIN_DURATION : d);
/** A duration parameter or receiver: the registry hands int64-kind values over as bigint. */
const durationOf = (d: unknown): bigint => d as bigint;

/** time.Date(year, month, day, hour, min, sec, nsec, loc): normalises overflowing fields, resolves the wall time in the zone. */
function dateIn(zone: string, f: { year: number; month: number; day: number; hour: number; minute: number; second: number }, nsec: number): GoTime {
  const d = new Date(Date.UTC(2000, 0, 1, f.hour, f.minute, f.second));
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  const wall = Math.floor(d.getTime() / 1000);
  const guess = fieldsOf(new GoTime(wall, 0, zone)).offset;
  const offset = fieldsOf(new GoTime(wall - guess, 0, zone)).offset;
  return new GoTime(wall - offset, nsec, zone);
}

/** Time.Truncate / Time.Round: multiples of d counted from Go's zero time, not from the Unix epoch. */
function roundTime(t: GoTime, d: bigint, up: boolean): GoTime {
  if (d <= 0n) return t;
  const abs = (BigInt(t.sec) + ZERO_TO_UNIX) * NS + BigInt(t.nsec);
  const r = abs % d;
  const down = nanosOf(t) - r;
  return fromNanos(up && r + r >= d ? down + d : down, t.zone);
}

/** Duration.Truncate (toward zero) / Duration.Round (halves away from zero), saturating. */
function roundDuration(v: bigint, m: bigint, up: boolean): bigint {
  if (m <= 0n) return v;
  const r = v % m;
  if (!up) return v - r;
  const abs = r < 0n ? -r : r;
  if (abs + abs < m) return v - r;
  return clampDuration(v < 0n ? v - r - m : v - r + m);
}

/** hours/minutes/seconds as Go computes them: whole units plus the fractional remainder. */
const inUnits = (d: bigint, unit: bigint): number => Number(d / unit) + Number(d % unit) / Number(unit);

const t1 = (name: string, result: 'int' | 'int64' | 'bool', impl: (t: GoTime) => number | bigint | boolean): FuncDef =>
  defineFunc({ name, params: [timeType], result, impl: (_c, t) => impl(timeOf(t)) as never });
const t2 = (name: string, impl: (a: GoTime, b: GoTime) => boolean | number): FuncDef =>
  defineFunc({ name, params: [timeType, timeType], result: name === 'Compare' ? 'int' : 'bool', impl: (_c, a, b) => impl(timeOf(a), timeOf(b)) as never });

const timeMethods: readonly FuncDef[] = [
  defineFunc({ name: 'Month', params: [timeType], result: monthType, impl: (_c, t) => fieldsOf(timeOf(t)).month as never }),
  defineFunc({ name: 'Weekday', params: [timeType], result: weekdayType, impl: (_c, t) => fieldsOf(timeOf(t)).weekday as never }),
  t1('UnixMilli', 'int64', (t) => nanosOf(t) / 1_000_000n - (nanosOf(t) % 1_000_000n < 0n ? 1n : 0n)),
  t1('UnixMicro', 'int64', (t) => nanosOf(t) / 1000n - (nanosOf(t) % 1000n < 0n ? 1n : 0n)),
  t1('IsZero', 'bool', (t) => BigInt(t.sec) === -ZERO_TO_UNIX && t.nsec === 0),
  t2('Equal', (a, b) => nanosOf(a) === nanosOf(b)),
  t2('Before', (a, b) => nanosOf(a) < nanosOf(b)),
  t2('After', (a, b) => nanosOf(a) > nanosOf(b)),
  t2('Compare', (a, b) => (nanosOf(a) < nanosOf(b) ? -1 : nanosOf(a) > nanosOf(b) ? 1 : 0)),
  defineFunc({ name: 'Local', params: [timeType], result: timeType, impl: (ctx, t) => goTime(new GoTime(timeOf(t).sec, timeOf(t).nsec, ctx.zone)) }),
  defineFunc({ name: 'Add', params: [timeType, durationType], result: timeType, impl: (_c, t, d) => goTime(fromNanos(nanosOf(timeOf(t)) + durationOf(d), timeOf(t).zone)) }),
  defineFunc({
    name: 'Sub',
    params: [timeType, timeType],
    result: durationType,
    impl: (_c, a, b) => clampDuration(nanosOf(timeOf(a)) - nanosOf(timeOf(b))) as never,
  }),
  defineFunc({
    name: 'AddDate',
    params: [timeType, 'int', 'int', 'int'],
    result: timeType,
    impl: (_c, t, years, months, days) => {
      const time = timeOf(t);
      const f = fieldsOf(time);
      return goTime(dateIn(time.zone, { ...f, year: f.year + years, month: f.month + months, day: f.day + days }, time.nsec));
    },
  }),
  defineFunc({ name: 'Truncate', params: [timeType, durationType], result: timeType, impl: (_c, t, d) => goTime(roundTime(timeOf(t), durationOf(d), false)) }),
  defineFunc({ name: 'Round', params: [timeType, durationType], result: timeType, impl: (_c, t, d) => goTime(roundTime(timeOf(t), durationOf(d), true)) }),
];

const d1 = (name: string, result: 'float64' | 'int64', impl: (d: bigint) => number | bigint): FuncDef =>
  defineFunc({ name, params: [durationType], result, impl: (_c, d) => impl(durationOf(d)) as never });
const dRound = (name: string, up: boolean): FuncDef =>
  defineFunc({ name, params: [durationType, durationType], result: durationType, impl: (_c, d, m) => roundDuration(durationOf(d), durationOf(m), up) as never });

const durationMethods: readonly FuncDef[] = [
  d1('Hours', 'float64', (d) => inUnits(d, 3600n * NS)),
  d1('Minutes', 'float64', (d) => inUnits(d, 60n * NS)),
  d1('Seconds', 'float64', (d) => inUnits(d, NS)),
  d1('Milliseconds', 'int64', (d) => d / 1_000_000n),
  d1('Microseconds', 'int64', (d) => d / 1000n),
  d1('Nanoseconds', 'int64', (d) => d),
  dRound('Round', true),
  dRound('Truncate', false),
  defineFunc({ name: 'Abs', params: [durationType], result: durationType, impl: (_c, d) => (durationOf(d) >= 0n ? durationOf(d) : durationOf(d) === MIN_DURATION ? MAX_DURATION : -durationOf(d)) as never }),
];

/** Adds the methods to time.Time, time.Duration, time.Month and time.Weekday (once; later calls change nothing). */
export function installTimeMethods(): void {
  for (const m of timeMethods) timeType.methods.set(m.name, m);
  for (const m of durationMethods) durationType.methods.set(m.name, m);
  monthType.methods.set('String', defineFunc({ name: 'String', params: [monthType], result: 'string', impl: (_c, m) => nameOf(MONTHS, Number(m) - 1, '%!Month(', Number(m)) }));
  weekdayType.methods.set('String', defineFunc({ name: 'String', params: [weekdayType], result: 'string', impl: (_c, d) => nameOf(DAYS, Number(d), '%!Weekday(', Number(d)) }));
}

/** Month.String / Weekday.String: the name, or `%!Month(13)` out of range. */
function nameOf(names: readonly string[], i: number, bad: string, n: number): string {
  return i >= 0 && i < names.length ? names[i]! : `${bad}${n})`;
}
