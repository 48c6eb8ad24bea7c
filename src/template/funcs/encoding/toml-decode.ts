/**
 * toml.Unmarshal into `map[string]interface {}` (libsveltos' fromToml), with BurntSushi/toml's
 * Go types: int64, float64, string, bool, time.Time (offset date-times in a fixed zone, local
 * ones in the `datetime-local`/`date-local`/`time-local` zones), []interface {} for arrays,
 * []map[string]interface {} for `[[tables]]`, map[string]interface {} for tables.
 *
 * smol-toml (small, spec-complete, well kept) parses; BurntSushi's error texts are rebuilt for
 * the common mistakes (see the README's deviation list for the rest). JS dates keep
 * milliseconds, so finer fractions of TOML times are cut there.
 *
 * @module
 */
import { parse, TomlDate, TomlError } from 'smol-toml';
import { T, sliceOf } from '../../values/types.js';
import { GoFloat, GoMap, GoSlice, goInt, type GoAny } from '../../values/value.js';
import { fixedZone, GoTime, goTime } from '../sprig/gotime.js';

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;
const sliceOfMaps = sliceOf(T.mapStringAny);

class RangeFailure extends Error {}

/** Dotted paths of `[[array.of.tables]]` headers (BurntSushi types those []map[string]interface {}). */
function tableArrayPaths(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*\[\[([^\]\n]+)\]\][ \t]*(?:#.*)?$/gm)) out.add(splitKey(m[1]!).join('\u0000'));
  return out;
}

/** A basic string's escapes, as far as JSON shares them (TOML's \UXXXXXXXX and bad escapes stay raw). */
function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** A dotted key's parts (bare or quoted), as TOML reads them. */
function splitKey(key: string): string[] {
  const parts: string[] = [];
  for (const m of key.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/g)) parts.push(m[1] !== undefined ? unescapeBasic(m[1]) : m[2] ?? m[3]!);
  return parts;
}

function timeOfToml(d: TomlDate): GoTime {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000);
  const nsec = (ms - sec * 1000) * 1_000_000;
  if (d.isDate()) return new GoTime(sec, nsec, fixedZone('date-local', 0));
  if (d.isTime()) return new GoTime(sec, nsec, fixedZone('time-local', 0));
  if (d.isLocal()) return new GoTime(sec, nsec, fixedZone('datetime-local', 0));
  const iso = d.toISOString();
  const off = /([+-])(\d\d):(\d\d)$/.exec(iso);
  if (off === null) return new GoTime(sec, nsec, 'UTC');
  const offset = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 3600 + Number(off[3]) * 60);
  return new GoTime(sec, nsec, fixedZone('', offset));
}

function toGo(v: unknown, path: string[], arrays: Set<string>): GoAny {
  if (typeof v === 'bigint') {
    if (v < MIN_INT64 || v > MAX_INT64) throw new RangeFailure(`${v} is out of range for int64`);
    return goInt(T.int64, v);
  }
  if (typeof v === 'number') return new GoFloat(T.float64, v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof TomlDate) return goTime(timeOfToml(v));
  if (Array.isArray(v)) {
    const items = v.map((item) => toGo(item, path, arrays));
    return new GoSlice(arrays.has(path.join('\u0000')) ? sliceOfMaps : T.sliceAny, items);
  }
  const entries = new Map<string, GoAny>();
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) entries.set(k, toGo(item, [...path, k], arrays));
  return new GoMap(T.mapStringAny, entries);
}

/** The table header in force at `line` (1-based) and the key defined on that line, if any. */
function context(text: string, line: number): { table: string[]; key: string[] | undefined; lineText: string } {
  const lines = text.split('\n');
  let table: string[] = [];
  for (let i = 0; i < line - 1 && i < lines.length; i++) {
    const h = /^[ \t]*\[\[?([^\]\n]+)\]\]?/.exec(lines[i]!);
    if (h !== null) table = splitKey(h[1]!);
  }
  const lineText = lines[line - 1] ?? '';
  const kv = /^[ \t]*([^=#[\s][^=#]*?)[ \t]*=/.exec(lineText);
  return { table, key: kv === null ? undefined : splitKey(kv[1]!), lineText };
}

const MESSAGES: ReadonlyArray<readonly [RegExp, (c: ReturnType<typeof context>, e: TomlError) => string]> = [
  [/invalid value/, () => 'unexpected EOF; expected value'],
  [/unfinished string/, () => 'unexpected EOF; expected \'"\''],
  [/unexpected end of key/, () => "unexpected '=': key name appears blank"],
  [/followed by an end-of-line/, (c, e) => `expected a top-level item to end with a newline, comment, or EOF, but got '${c.lineText[e.column - 1] ?? ''}' instead`],
  [/cannot find end of key/, () => "unexpected EOF; expected key separator '='"],
  [/invalid date/, (c) => `invalid datetime: ${JSON.stringify(c.lineText.replace(/^[^=]*=\s*/, '').trim())}`],
];

/** BurntSushi's `toml: line N (last key "k"): message` for a smol-toml failure. */
function goMessage(e: TomlError, text: string): string {
  const c = context(text, e.line);
  const detail = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
  const lastKey = c.key === undefined ? undefined : [...c.table, ...c.key].join('.');
  const where = lastKey === undefined ? `toml: line ${e.line}` : `toml: line ${e.line} (last key ${JSON.stringify(lastKey)})`;
  if (/redefine/.test(detail)) {
    const header = /^[ \t]*\[\[?([^\]\n]+)\]\]?/.exec(c.lineText);
    return header === null ? `${where}: Key '${lastKey ?? ''}' has already been defined.` : `toml: line ${e.line}: Key '${splitKey(header[1]!).join('.')}' has already been defined.`;
  }
  const known = MESSAGES.find(([re]) => re.test(detail));
  // The lexer reports a missing newline before any key is recorded.
  const prefix = /end-of-line/.test(detail) ? `toml: line ${e.line}` : where;
  return `${prefix}: ${known === undefined ? detail : known[1](c, e)}`;
}

/** The decoded document, or BurntSushi-style error text (the map then stays empty). */
export function unmarshalToml(text: string): { value: GoAny | undefined; error: string | undefined } {
  try {
    return { value: toGo(parse(text, { integersAsBigInt: true }), [], tableArrayPaths(text)), error: undefined };
  } catch (e) {
    if (e instanceof TomlError) return { value: undefined, error: goMessage(e, text) };
    if (e instanceof RangeFailure) {
      const line = text.slice(0, Math.max(0, text.indexOf(e.message.split(' ')[0]!))).split('\n').length;
      const c = context(text, line);
      return { value: undefined, error: `toml: line ${line} (last key ${JSON.stringify([...c.table, ...(c.key ?? [])].join('.'))}): ${e.message}` };
    }
    throw e;
  }
}
