/**
 * time.ParseInLocation for the layout elements templates use with sprig's toDate: numeric date
 * and clock fields, month and weekday names, AM/PM, fractional seconds and numeric zones, with
 * Go's error texts (`parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`).
 *
 * @module
 */
import { quote } from '../../fmt/strconv.js';
import { FuncError } from '../registry.js';
import { GoTime, fieldsOf } from './gotime.js';

const TOKEN = /January|Jan|Monday|Mon|MST|2006|01|02|03|04|05|06|_2|15|1|2|3|4|5|PM|pm|Z07:00|Z0700|Z07|-07:00|-0700|-07|[.,](?:0+|9+)(?!\d)/g;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Parsed { year: number; month: number; day: number; hour: number; minute: number; second: number; nsec: number; pm?: boolean; offset?: number }

const NUMERIC: Readonly<Record<string, [keyof Parsed, number, number]>> = {
  2006: ['year', 4, 4], '01': ['month', 2, 2], 1: ['month', 1, 2], '02': ['day', 2, 2], 2: ['day', 1, 2], _2: ['day', 1, 2], 15: ['hour', 1, 2],
  '03': ['hour', 2, 2], 3: ['hour', 1, 2], '04': ['minute', 2, 2], 4: ['minute', 1, 2], '05': ['second', 2, 2], 5: ['second', 1, 2], '06': ['year', 2, 2],
};

class Cursor {
  constructor(readonly value: string, readonly layout: string, public rest: string) {}
  fail(elem: string): never {
    throw new FuncError(`parsing time ${quote(this.value)} as ${quote(this.layout)}: cannot parse ${quote(this.rest)} as ${quote(elem)}`);
  }
}

function name(c: Cursor, list: readonly string[], short: boolean, token: string): number {
  const i = list.findIndex((n) => c.rest.toLowerCase().startsWith((short ? n.slice(0, 3) : n).toLowerCase()));
  if (i < 0) c.fail(token);
  c.rest = c.rest.slice(short ? 3 : list[i]!.length);
  return i;
}

function zone(c: Cursor, token: string): number {
  if (token.startsWith('Z') && c.rest.startsWith('Z')) {
    c.rest = c.rest.slice(1);
    return 0;
  }
  const re = token.endsWith('07:00') ? /^([+-])(\d\d):(\d\d)/ : token.endsWith('0700') ? /^([+-])(\d\d)(\d\d)/ : /^([+-])(\d\d)()/;
  const m = re.exec(c.rest);
  if (m === null) c.fail(token);
  c.rest = c.rest.slice(m[0].length);
  const off = Number(m[2]) * 3600 + Number(m[3] || 0) * 60;
  return m[1] === '-' ? -off : off;
}

// eslint-disable-next-line complexity -- one dispatch over Go's layout elements, kept flat to mirror time.Parse
function element(c: Cursor, token: string, p: Parsed, nextIsFraction: boolean): void {
  const num = NUMERIC[token];
  if (num !== undefined) {
    const [field, min, max] = num;
    if (token === '_2' && c.rest.startsWith(' ')) c.rest = c.rest.slice(1);
    const m = new RegExp(`^\\d{${min},${max}}`).exec(c.rest);
    if (m === null) c.fail(token);
    c.rest = c.rest.slice(m[0].length);
    (p[field] as number) = token === '06' ? 1900 + Number(m[0]) + (Number(m[0]) < 69 ? 100 : 0) : Number(m[0]);
    if (field === 'second' && !nextIsFraction) fractionAfterSeconds(c, p);
  } else if (token === 'January' || token === 'Jan') p.month = name(c, MONTHS, token === 'Jan', token) + 1;
  else if (token === 'Monday' || token === 'Mon') name(c, DAYS, token === 'Mon', token);
  else if (token === 'PM' || token === 'pm') p.pm = pmOf(c, token);
  else if (token === 'MST') abbreviation(c, token);
  else if (token[0] === '.' || token[0] === ',') fraction(c, token, p);
  else p.offset = zone(c, token);
}

function pmOf(c: Cursor, token: string): boolean {
  const s = c.rest.slice(0, 2).toUpperCase();
  if (s !== 'AM' && s !== 'PM') c.fail(token);
  c.rest = c.rest.slice(2);
  return s === 'PM';
}

function abbreviation(c: Cursor, token: string): void {
  const m = /^(UTC|GMT|[A-Z]{3,5})/.exec(c.rest);
  if (m === null) c.fail(token);
  c.rest = c.rest.slice(m[0].length);
}

function fraction(c: Cursor, token: string, p: Parsed): void {
  const m = /^[.,](\d+)/.exec(c.rest);
  if (m === null) {
    if (token[1] === '9') return;
    c.fail(token);
  }
  c.rest = c.rest.slice(m[0].length);
  p.nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
}

/** Go accepts a fractional second right after seconds even when the layout has none. */
function fractionAfterSeconds(c: Cursor, p: Parsed): void {
  const m = /^[.,](\d+)/.exec(c.rest);
  if (m === null) return;
  c.rest = c.rest.slice(m[0].length);
  p.nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
}

function validate(value: string, p: Parsed): void {
  const bad = (what: string): never => {
    throw new FuncError(`parsing time ${quote(value)}: ${what} out of range`);
  };
  if (p.month < 1 || p.month > 12) bad('month');
  if (p.day < 1 || p.day > new Date(Date.UTC(p.year, p.month, 0)).getUTCDate()) bad('day');
  if (p.hour > 23) bad('hour');
  if (p.minute > 59) bad('minute');
  if (p.second > 59) bad('second');
}

/** time.ParseInLocation(layout, value, zone). Throws FuncError with Go's message. */
// eslint-disable-next-line complexity -- sequential steps of time.Parse (elements, tail, AM/PM, validation, zone)
export function parseTime(layout: string, value: string, zone: string): GoTime {
  const c = new Cursor(value, layout, value);
  const p: Parsed = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nsec: 0 };
  let last = 0;
  const tokens = [...layout.matchAll(TOKEN)];
  for (const [i, m] of tokens.entries()) {
    const literal = layout.slice(last, m.index);
    if (!c.rest.startsWith(literal)) c.fail(literal);
    c.rest = c.rest.slice(literal.length);
    const next = tokens[i + 1];
    element(c, m[0], p, next !== undefined && next.index === m.index + m[0].length && /^[.,]/.test(next[0]));
    last = m.index + m[0].length;
  }
  const tail = layout.slice(last);
  if (!c.rest.startsWith(tail)) c.fail(tail);
  c.rest = c.rest.slice(tail.length);
  if (c.rest !== '') throw new FuncError(`parsing time ${quote(value)}: extra text: ${quote(c.rest)}`);
  if (p.pm === true && p.hour < 12) p.hour += 12;
  else if (p.pm === false && p.hour === 12) p.hour = 0;
  validate(value, p);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000;
  const wallSec = p.year < 100 ? wall + yearFix(p.year) : wall;
  if (p.offset !== undefined) return new GoTime(wallSec - p.offset, p.nsec, p.offset === 0 ? 'UTC' : zone);
  const guess = fieldsOf(new GoTime(wallSec, 0, zone)).offset;
  const off = fieldsOf(new GoTime(wallSec - guess, 0, zone)).offset;
  return new GoTime(wallSec - off, p.nsec, zone);
}

/** Date.UTC maps years 0..99 to 1900..1999; undo that. */
function yearFix(year: number): number {
  return (Date.UTC(year, 0, 1) - new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(year)) / -1000;
}
