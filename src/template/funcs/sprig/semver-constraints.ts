/**
 * Masterminds/semver v3.5 constraints: NewConstraint's grammar (ops `= != > < >= => <= =< ~ ~>
 * ^`, x-ranges, `a - b` ranges, `,`/space for AND, `||` for OR) and Check's rules, including
 * "a prerelease version only satisfies a group that mentions a prerelease".
 *
 * @module
 */
import { FuncError } from '../registry.js';
import { comparePrerelease, compareVersions, parseVersion, type SemVersion } from './semver.js';

// Go's RE2 \s is ASCII whitespace without \v.
const S = '[\\t\\n\\f\\r ]';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = '(v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
const CV_PLAIN = 'v?[0-9|x|X|\\*]+(?:\\.[0-9|x|X|\\*]+)?(?:\\.[0-9|x|X|\\*]+)?(?:-[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?(?:\\+[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?';
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*${CV}${S}*$`);
const RANGE = new RegExp(`${S}*(${CV_PLAIN})${S}+-${S}+(${CV_PLAIN})${S}*`, 'g');
const FIND = new RegExp(`(?:${OPS})${S}*${CV_PLAIN}`, 'g');
const VALID = new RegExp(`^(?:${S}*(?:${OPS})${S}*${CV_PLAIN}${S}*)(?:(?:${S}+|,${S}*)(?:${OPS})${S}*${CV_PLAIN}${S}*)*$`);

/** One comparison of a constraint group. */
interface Comparison {
  readonly op: string;
  readonly con: SemVersion;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

/** Parsed constraints: OR groups of AND-ed comparisons, and whether each group names a prerelease. */
export interface Constraints {
  readonly groups: readonly (readonly Comparison[])[];
  readonly containsPre: readonly boolean[];
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseComparison(text: string): Comparison {
  const m = CONSTRAINT.exec(text);
  if (m === null) throw new FuncError(`improper constraint: ${JSON.stringify(text)}`);
  const [, op, orig, major, minor, patch, pre] = m as unknown as string[];
  const suffix = pre ?? '';
  let ver = orig!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === undefined || major === '') {
    ver = `0.0.0${suffix}`;
    dirty = true;
  } else if (minor === undefined || isX(minor.slice(1))) {
    ver = `${major}.0.0${suffix}`;
    dirty = minorDirty = true;
  } else if (patch === undefined || isX(patch.slice(1))) {
    ver = `${major}${minor}.0${suffix}`;
    dirty = patchDirty = true;
  }
  let con: SemVersion;
  try {
    con = parseVersion(ver);
  } catch {
    throw new FuncError('constraint parser error');
  }
  return { op: op!, con, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint. Throws FuncError with the library's message. */
export function parseConstraint(text: string): Constraints {
  if (Buffer.byteLength(text) > 512) throw new FuncError('constraint string is too long (max 512 bytes)');
  const rewritten = text.replace(RANGE, (_all, from: string, to: string) => `>= ${from}, <= ${to} `);
  const ors = rewritten.split('||');
  if (ors.length > 32) throw new FuncError('too many constraint groups (max 32)');
  const groups: Comparison[][] = [];
  const containsPre: boolean[] = [];
  for (const or of ors) {
    if (!VALID.test(or)) throw new FuncError(`improper constraint: ${JSON.stringify(or)}`);
    const found = or.match(FIND) ?? [or];
    const group = found.map(parseComparison);
    groups.push(group);
    containsPre.push(group.some((c) => c.con.pre !== ''));
  }
  return { groups, containsPre };
}

type Rule = (v: SemVersion, c: Comparison) => boolean;

const lt = (v: SemVersion, o: SemVersion): boolean => compareVersions(v, o) < 0;

const tilde: Rule = (v, c) => {
  if (lt(v, c.con)) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
};

const notEqual: Rule = (v, c) => {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePrerelease(v.pre, c.con.pre) !== 0;
  }
  return compareVersions(v, c.con) !== 0;
};

const greaterThan: Rule = (v, c) => {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major !== c.con.major) return v.major > c.con.major;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
};

const lessThanEqual: Rule = (v, c) => {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
};

const caret: Rule = (v, c) => {
  if (lt(v, c.con)) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return c.con.patch === v.patch;
};

const RULES: Readonly<Record<string, Rule>> = {
  '': (v, c) => (c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0),
  '!=': notEqual,
  '>': greaterThan,
  '<': (v, c) => compareVersions(v, c.con) < 0,
  '>=': (v, c) => compareVersions(v, c.con) >= 0,
  '<=': lessThanEqual,
  '~': tilde,
  '^': caret,
};
const ALIASES: Readonly<Record<string, string>> = { '=': '', '=>': '>=', '=<': '<=', '~>': '~' };

/** Constraints.Check. */
export function checkConstraint(cs: Constraints, v: SemVersion): boolean {
  return cs.groups.some((group, i) => group.every((c) => {
    if (v.pre !== '' && !cs.containsPre[i]) return false;
    return RULES[ALIASES[c.op] ?? c.op]!(v, c);
  }));
}
