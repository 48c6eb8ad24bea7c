/**
 * sprig's `semver` and `semverCompare` over a port of Masterminds/semver v3.5 (NewVersion with
 * its coercing parser and exact errors, NewConstraint with `||`, commas, hyphen ranges, `^`,
 * `~`, x-ranges, and the rule that prereleases only match constraints that name one). `semver`
 * returns a `*semver.Version` whose methods templates call: `.Major`, `.Prerelease`, `.String`…
 *
 * @module
 */
import { ptrTo, structType, type GoType } from '../../values/types.js';
import { GoStruct } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { checkConstraint, parseConstraint } from './semver-constraints.js';

/** A parsed version (the payload of a `*semver.Version`). */
export class SemVersion {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {}

  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre === '' ? '' : `-${this.pre}`}${this.metadata === '' ? '' : `+${this.metadata}`}`;
  }

  /** Version.MarshalJSON: the String() form as a JSON string. */
  marshalGoJson(): string {
    return JSON.stringify(this.toString());
  }
}

const LOOSE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 2n ** 64n - 1n;
const ALLOWED = /^[0-9A-Za-z-]*$/;

/** strconv.ParseUint(s, 10, 64) as the parser reports it. */
function parseSegment(s: string): bigint {
  const v = BigInt(s);
  if (v > UINT64_MAX) throw new FuncError(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new FuncError('invalid prerelease string');
    if (/^[0-9]+$/.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new FuncError('version segment starts with 0');
    } else if (!ALLOWED.test(part)) {
      throw new FuncError('invalid prerelease string');
    }
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) {
    if (part === '' || !ALLOWED.test(part)) throw new FuncError('invalid metadata string');
  }
}

/** semver.NewVersion (CoerceNewVersion is on: `01.2` is accepted as 1.2.0). Throws FuncError. */
export function parseVersion(v: string): SemVersion {
  if (Buffer.byteLength(v) > 256) throw new FuncError('version string is too long (max 256 bytes)');
  const m = LOOSE.exec(v);
  if (m === null) throw new FuncError('invalid semantic version');
  const major = parseSegment(m[1]!);
  const minor = m[2] === undefined ? 0n : parseSegment(m[2].slice(1));
  const patch = m[3] === undefined ? 0n : parseSegment(m[3].slice(1));
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '') validatePrerelease(pre);
  if (metadata !== '') validateMetadata(metadata);
  return new SemVersion(major, minor, patch, pre, metadata, v);
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** The prerelease comparison of Version.Compare. */
export function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1; metadata is ignored, a prerelease sorts before its release. */
export function compareVersions(v: SemVersion, o: SemVersion): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}


/** `semver.Version`: value-receiver methods live on both it and the pointer type, as in Go. */
export const semverValueType = structType('semver.Version');
/** `*semver.Version`, with the methods templates call. */
export const semverType = ptrTo(semverValueType);

const payloadOf = (v: unknown): SemVersion => (v as GoStruct<SemVersion>).payload!;
const wrap = (v: SemVersion): GoStruct<SemVersion> => new GoStruct(semverType, new Map(), v);

/** Methods with value receivers: in the method sets of Version and *Version. */
function valueMethods(recv: GoType): FuncDef[] {
  return [
    defineFunc({ name: 'Major', params: [recv], result: 'uint64', impl: (_c, v) => payloadOf(v).major }),
    defineFunc({ name: 'Minor', params: [recv], result: 'uint64', impl: (_c, v) => payloadOf(v).minor }),
    defineFunc({ name: 'Patch', params: [recv], result: 'uint64', impl: (_c, v) => payloadOf(v).patch }),
    defineFunc({ name: 'Prerelease', params: [recv], result: 'string', impl: (_c, v) => payloadOf(v).pre }),
    defineFunc({ name: 'Metadata', params: [recv], result: 'string', impl: (_c, v) => payloadOf(v).metadata }),
    defineFunc({ name: 'String', params: [recv], result: 'string', impl: (_c, v) => payloadOf(v).toString() }),
  ];
}

const pointerMethods: FuncDef[] = [
  defineFunc({ name: 'Original', params: [semverType], result: 'string', impl: (_c, v) => payloadOf(v).original }),
  defineFunc({ name: 'Compare', params: [semverType, semverType], result: 'int', impl: (_c, v, o) => compareVersions(payloadOf(v), payloadOf(o)) }),
  defineFunc({ name: 'LessThan', params: [semverType, semverType], result: 'bool', impl: (_c, v, o) => compareVersions(payloadOf(v), payloadOf(o)) < 0 }),
  defineFunc({ name: 'GreaterThan', params: [semverType, semverType], result: 'bool', impl: (_c, v, o) => compareVersions(payloadOf(v), payloadOf(o)) > 0 }),
  defineFunc({ name: 'Equal', params: [semverType, semverType], result: 'bool', impl: (_c, v, o) => compareVersions(payloadOf(v), payloadOf(o)) === 0 }),
];
for (const m of valueMethods(semverValueType)) semverValueType.methods.set(m.name, m);
for (const m of [...valueMethods(semverType), ...pointerMethods]) semverType.methods.set(m.name, m);

export const semverFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'semver', params: ['string'], result: semverType, returnsError: true, impl: (_ctx, v) => wrap(parseVersion(v)) }),
  defineFunc({
    name: 'semverCompare',
    params: ['string', 'string'],
    result: 'bool',
    returnsError: true,
    impl: (_ctx, constraint, version) => {
      const c = parseConstraint(constraint);
      return checkConstraint(c, parseVersion(version));
    },
  }),
];
