/**
 * sprig's regex functions with Go's regexp semantics: RE2 syntax and matching through `re2js`
 * (a port of RE2/J, itself a port of Go's regexp: same syntax, same error texts, same
 * leftmost-first matching and empty-match rules), plus Go's `$1`/`${name}` replacement
 * expansion, which JS and RE2/J spell differently, written here.
 *
 * The plain functions compile with regexp.MustCompile, so a bad pattern fails with
 * `regexp: Compile(…): error parsing regexp: …`; the must* ones return Compile's error; and
 * regexMatch swallows it into `false`.
 *
 * @module
 */
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { canBackquote, quote } from '../../fmt/strconv.js';
import { T } from '../../values/types.js';
import { GoSlice } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { isDigit, isLetter } from './gostring.js';
import { checkLength } from './limits.js';

/** The engine behind a compiled pattern (RE2JS's Go-style API). */
type Engine = ReturnType<RE2JS['re2']>;

/** A compiled Go regexp: the engine and the capture-group name of each group index. */
interface Regexp {
  readonly engine: Engine;
  /** Go's SubexpNames: index → name ("" for unnamed groups and index 0). */
  readonly names: readonly string[];
}

class CompileError extends Error {}

/** Compiled patterns; templates reuse a handful of patterns, so a small memo saves recompiling. */
const compiled = new Map<string, Regexp>();
const MAX_COMPILED = 256;

/** RE2JS.compile with Go's error text. */
function compileEngine(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    // Go always prints ": `EXPR`", even for an empty one; RE2JS leaves it out then.
    if (e instanceof RE2JSSyntaxException) throw new CompileError(`error parsing regexp: ${e.error}: \`${e.input ?? ''}\``);
    if (e instanceof RE2JSException) throw new CompileError(e.message);
    throw e;
  }
}

const NAMED_GROUP = /\(\?P?<([A-Za-z0-9_]+)>/y;

/**
 * Go (since 1.22) accepts several groups with the same name; RE2JS rejects them. Gives every
 * repeated name a unique stand-in (its index keeps Go's numbering) and returns the pattern and
 * the original names by group index. Escapes, `\Q…\E` and character classes are skipped so only
 * real group openers are touched.
 */
function renameDuplicateGroups(pattern: string): [string, Map<string, string>] {
  const renamed = new Map<string, string>();
  const used = new Set<string>();
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const end = pattern[i + 1] === 'Q' ? pattern.indexOf('\\E', i + 2) : i + 1;
      const stop = end < 0 ? pattern.length : end + (pattern[i + 1] === 'Q' ? 2 : 1);
      out += pattern.slice(i, stop);
      i = stop;
      continue;
    }
    if (inClass) inClass = c !== ']' || /\[\^?$/.test(out);
    else if (c === '[') inClass = true;
    NAMED_GROUP.lastIndex = i;
    const m = inClass ? null : NAMED_GROUP.exec(pattern);
    if (m !== null) {
      const name = m[1]!;
      if (used.has(name)) {
        const stand = `${name}_dup${renamed.size}_`;
        renamed.set(stand, name);
        out += m[0].replace(`<${name}>`, `<${stand}>`);
      } else {
        used.add(name);
        out += m[0];
      }
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return [out, renamed];
}

function compile(pattern: string): Regexp {
  const hit = compiled.get(pattern);
  if (hit !== undefined) return hit;
  let re: RE2JS;
  let stand = new Map<string, string>();
  try {
    re = compileEngine(pattern);
  } catch (e) {
    if (!(e instanceof CompileError) || !e.message.includes('duplicate capture group name')) throw e;
    let renamedPattern: string;
    [renamedPattern, stand] = renameDuplicateGroups(pattern);
    try {
      re = compileEngine(renamedPattern);
    } catch (again) {
      if (!(again instanceof CompileError)) throw again;
      let message = again.message;
      for (const [name, original] of stand) message = message.replaceAll(`<${name}>`, `<${original}>`);
      throw new CompileError(message);
    }
  }
  const names = new Array<string>(re.groupCount() + 1).fill('');
  for (const [name, index] of Object.entries(re.namedGroups())) names[index] = stand.get(name) ?? name;
  const out: Regexp = { engine: re.re2(), names };
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, out);
  return out;
}

/** regexp.MustCompile: a bad pattern panics with the pattern quoted. */
function mustCompile(pattern: string): Regexp {
  try {
    return compile(pattern);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const shown = canBackquote(pattern) ? `\`${pattern}\`` : quote(pattern);
    throw new FuncError(`regexp: Compile(${shown}): ${e.message}`);
  }
}

/** regexp.Compile: the error as is. */
function compileOrFail(pattern: string): Regexp {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof CompileError) throw new FuncError(e.message);
    throw e;
  }
}

/** Submatch indexes of up to `n` successive non-overlapping matches (n < 0: all), Go's allMatches. */
function allMatches(re: Regexp, s: string, n: number): number[][] {
  if (n === 0) return [];
  return (re.engine.findAllSubmatchIndex(s, n < 0 ? s.length + 1 : n) as number[][] | null) ?? [];
}

/** FindAllString: nil (not an empty list) when nothing matches. */
function findAll(re: Regexp, s: string, n: number): GoSlice {
  const matches = allMatches(re, s, n);
  return new GoSlice(T.sliceString, matches.length === 0 ? null : matches.map((m) => s.slice(m[0], m[1])));
}

function findFirst(re: Regexp, s: string): string {
  const m = allMatches(re, s, 1)[0];
  return m === undefined ? '' : s.slice(m[0], m[1]);
}

/** regexp.Split. */
function split(re: Regexp, s: string, n: number, pattern: string): GoSlice {
  if (n === 0) return new GoSlice(T.sliceString, null);
  if (pattern.length > 0 && s.length === 0) return new GoSlice(T.sliceString, ['']);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return new GoSlice(T.sliceString, out);
}

const isNameRune = (r: number): boolean => isLetter(r) || isDigit(r) || r === 0x5f;

/** Go's extract: a `$name`, `$1` or `${…}` reference at the start of `str`. */
function extractReference(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  const brace = str[0] === '{';
  const body = brace ? str.slice(1) : str;
  let i = 0;
  for (const ch of body) {
    if (!isNameRune(ch.codePointAt(0)!)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = body.slice(0, i);
  if (brace) {
    if (body[i] !== '}') return undefined;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length <= 9 ? Number(name) : -1;
  if (name.length > 1 && name[0] === '0') num = -1;
  return { name, num, rest: body.slice(i) };
}

/** Regexp.Expand for one match: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expand(re: Regexp, template: string, src: string, match: readonly number[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest[0] === '$') {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractReference(rest);
    if (ref === undefined) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    // A name picks the first group of that name that took part in the match, as Go does.
    const group = ref.num >= 0 ? ref.num : re.names.findIndex((n, i) => n === ref.name && match[2 * i]! >= 0);
    if (group >= 0 && 2 * group + 1 < match.length && match[2 * group]! >= 0) out += src.slice(match[2 * group], match[2 * group + 1]);
  }
  return out + rest;
}

/** ReplaceAllString (expanding) or ReplaceAllLiteralString. */
function replaceAll(re: Regexp, src: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(re, src, -1)) {
    out += src.slice(last, m[0]) + (literal ? repl : expand(re, repl, src, m));
    last = m[1]!;
    checkLength(out.length, 'regexReplaceAll');
  }
  return out + src.slice(last);
}

/** regexp.QuoteMeta: backslash before every special character. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

type Compiler = (pattern: string) => Regexp;

/** One plain/must pair of regex functions sharing an operation. */
function regexPair(plain: string, operation: (compileWith: Compiler) => (name: string, returnsError: boolean) => FuncDef): FuncDef[] {
  return [operation(mustCompile)(plain, false), operation(compileOrFail)(`must${plain[0]!.toUpperCase()}${plain.slice(1)}`, true)];
}

/** Regex functions. */
export const regexFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'regexMatch',
    params: ['string', 'string'],
    result: 'bool',
    impl: (_ctx, regex, s) => {
      try {
        return allMatches(compile(regex), s, 1).length > 0;
      } catch (e) {
        if (e instanceof CompileError) return false;
        throw e;
      }
    },
  }),
  defineFunc({
    name: 'mustRegexMatch',
    params: ['string', 'string'],
    result: 'bool',
    returnsError: true,
    impl: (_ctx, regex, s) => allMatches(compileOrFail(regex), s, 1).length > 0,
  }),
  ...regexPair('regexFindAll', (c) => (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['string', 'string', 'int'], result: '[]string', impl: (_ctx, regex, s, n) => findAll(c(regex), s, n) })),
  ...regexPair('regexFind', (c) => (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['string', 'string'], result: 'string', impl: (_ctx, regex, s) => findFirst(c(regex), s) })),
  ...regexPair('regexReplaceAll', (c) => (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['string', 'string', 'string'], result: 'string', impl: (_ctx, regex, s, repl) => replaceAll(c(regex), s, repl, false) })),
  ...regexPair('regexReplaceAllLiteral', (c) => (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['string', 'string', 'string'], result: 'string', impl: (_ctx, regex, s, repl) => replaceAll(c(regex), s, repl, true) })),
  ...regexPair('regexSplit', (c) => (name, returnsError) =>
    defineFunc({ name, returnsError, params: ['string', 'string', 'int'], result: '[]string', impl: (_ctx, regex, s, n) => split(c(regex), s, n, regex) })),
  defineFunc({ name: 'regexQuoteMeta', params: ['string'], result: 'string', impl: (_ctx, s) => quoteMeta(s) }),
];
