/**
 * sprig's date functions (date.go): now, date, dateInZone/date_in_zone, htmlDate,
 * htmlDateInZone, dateModify/date_modify, mustDateModify/must_date_modify, ago, duration,
 * durationRound, toDate, mustToDate, unixEpoch. Time comes from the injected clock; Go's
 * time.Local is the context's zone (UTC by default).
 *
 * @module
 */
import { T } from '../../values/types.js';
import { GoInt, GoStruct, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncContext, type FuncDef } from '../registry.js';
import { GoTime, durationString, formatTime, goTime, knownZone, parseDuration, timeOf, timeString, timeType } from './gotime.js';
import { parseTime } from './gotime-parse.js';
import { installTimeMethods } from './gotime-methods.js';

// time.Time's calendar and arithmetic methods live on the interned types, like gotime.ts' own.
installTimeMethods();

function now(ctx: FuncContext): GoTime {
  const ms = ctx.clock.now();
  return new GoTime(Math.floor(ms / 1000), (ms % 1000) * 1_000_000, ctx.zone);
}

const isTime = (v: GoAny): v is GoStruct<GoTime> => v instanceof GoStruct && v.type === timeType;

/** The time sprig's date/dateInZone/ago take: a time.Time, int/int32/int64 seconds, else now. */
function timeArg(ctx: FuncContext, v: GoAny, kinds: readonly string[]): GoTime {
  if (isTime(v)) return timeOf(v);
  if (v instanceof GoInt && kinds.includes(v.type.name)) return new GoTime(Number(v.v), 0, ctx.zone);
  return now(ctx);
}

function dateInZone(ctx: FuncContext, layout: string, date: GoAny, zone: string): string {
  const loc = zone === 'Local' ? ctx.zone : knownZone(zone) ? zone || 'UTC' : 'UTC';
  const t = timeArg(ctx, date, ['int64', 'int', 'int32']);
  return formatTime(new GoTime(t.sec, t.nsec, loc), layout);
}

function addDuration(t: GoTime, d: bigint): GoTime {
  const total = BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec) + d;
  const sec = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
  return new GoTime(Number(sec), Number(total - sec * 1_000_000_000n), t.zone);
}

const sinceNs = (ctx: FuncContext, t: GoTime): bigint => BigInt(ctx.clock.now()) * 1_000_000n - (BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec));

/** Duration.Round(time.Second). */
function roundSecond(d: bigint): bigint {
  const r = d % 1_000_000_000n;
  const abs = r < 0n ? -r : r;
  let q = d - r;
  if (abs * 2n >= 1_000_000_000n) q += d < 0n ? -1_000_000_000n : 1_000_000_000n;
  return q;
}

const SPANS: ReadonlyArray<readonly [bigint, string]> = [
  [3600n * 24n * 365n * 1_000_000_000n, 'y'], [3600n * 24n * 30n * 1_000_000_000n, 'mo'], [3600n * 24n * 1_000_000_000n, 'd'],
  [3600n * 1_000_000_000n, 'h'], [60n * 1_000_000_000n, 'm'], [1_000_000_000n, 's'],
];

function durationRound(ctx: FuncContext, v: GoAny): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.type === T.int64) d = v.v;
  else if (isTime(v)) d = sinceNs(ctx, timeOf(v));
  const u = BigInt.asUintN(64, d < 0n ? -d : d);
  const span = SPANS.find(([size]) => u > size);
  return span === undefined ? '0s' : `${u / span[0]}${span[1]}`;
}

function duration(v: GoAny): string {
  let n = 0n;
  if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v) ? BigInt(v) : 0n;
  else if (v instanceof GoInt && v.type === T.int64) n = v.v;
  return durationString(BigInt.asIntN(64, n * 1_000_000_000n));
}

const dateModify = (layout: string, date: GoAny, must: boolean): GoStruct<GoTime> => {
  const t = timeOf(date);
  let d: bigint;
  try {
    d = parseDuration(layout);
  } catch (e) {
    if (must) throw e;
    return goTime(t);
  }
  return goTime(addDuration(t, d));
};

const modify = (name: string, must: boolean): FuncDef => defineFunc({
  name, params: ['string', timeType], result: timeType, returnsError: must, impl: (_ctx, layout, date) => dateModify(layout, date, must),
});

export const dateFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'now', params: [], result: timeType, impl: (ctx) => goTime(now(ctx)) }),
  defineFunc({ name: 'date', params: ['string', 'interface {}'], result: 'string', impl: (ctx, layout, date) => dateInZone(ctx, layout, date, 'Local') }),
  defineFunc({ name: 'dateInZone', params: ['string', 'interface {}', 'string'], result: 'string', impl: (ctx, layout, date, zone) => dateInZone(ctx, layout, date, zone) }),
  defineFunc({ name: 'date_in_zone', params: ['string', 'interface {}', 'string'], result: 'string', impl: (ctx, layout, date, zone) => dateInZone(ctx, layout, date, zone) }),
  defineFunc({ name: 'htmlDate', params: ['interface {}'], result: 'string', impl: (ctx, date) => dateInZone(ctx, '2006-01-02', date, 'Local') }),
  defineFunc({ name: 'htmlDateInZone', params: ['interface {}', 'string'], result: 'string', impl: (ctx, date, zone) => dateInZone(ctx, '2006-01-02', date, zone) }),
  modify('dateModify', false), modify('date_modify', false), modify('mustDateModify', true), modify('must_date_modify', true),
  defineFunc({
    name: 'ago',
    params: ['interface {}'],
    result: 'string',
    impl: (ctx, date) => durationString(roundSecond(sinceNs(ctx, timeArg(ctx, date, ['int64', 'int'])))),
  }),
  defineFunc({ name: 'duration', params: ['interface {}'], result: 'string', impl: (_ctx, v) => duration(v) }),
  defineFunc({ name: 'durationRound', params: ['interface {}'], result: 'string', impl: (ctx, v) => durationRound(ctx, v) }),
  defineFunc({ name: 'unixEpoch', params: [timeType], result: 'string', impl: (_ctx, t) => String(timeOf(t).sec) }),
  defineFunc({
    name: 'toDate',
    params: ['string', 'string'],
    result: timeType,
    impl: (ctx, layout, value) => {
      try {
        return goTime(parseTime(layout, value, ctx.zone));
      } catch (e) {
        if (e instanceof FuncError) return goTime(new GoTime(-62135596800, 0, 'UTC'));
        throw e;
      }
    },
  }),
  defineFunc({ name: 'mustToDate', params: ['string', 'string'], result: timeType, returnsError: true, impl: (ctx, layout, value) => goTime(parseTime(layout, value, ctx.zone)) }),
];

export { timeString };
