/**
 * Value validation against a schema with kube-openapi's semantics (`pkg/validation/validate`),
 * the validator kube-apiserver runs on custom resources: the same checks in the same order
 * (type, allOf/anyOf/oneOf/not, string, format, number, array, enum, object), the same paths
 * (`spec.items[0].name`) and the same messages (`spec.replicas in body must be of type
 * integer: "string"`). {@link ./field-errors.ts} turns the issues into apimachinery field
 * errors, as apiextensions' `kubeOpenAPIResultToFieldErrors` does.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import { checkFormat, effectiveFormat } from './formats.js';
import { goFloat, goNumber, goQuote, openApiTypeOf } from './go-format.js';
import type { Schema } from './schema.js';

export type IssueCode =
  | 'invalidType' | 'required' | 'tooLong' | 'tooShort' | 'pattern' | 'enum' | 'multipleOf' | 'maximum' | 'minimum'
  | 'unique' | 'maxItems' | 'minItems' | 'tooFewProperties' | 'tooManyProperties' | 'notAllowed' | 'composite';

/** One failed check (kube-openapi's errors.Validation). */
export interface SchemaIssue {
  readonly code: IssueCode;
  /** The dotted path kube-openapi reports (`spec.replicas`, `spec.items[0]`), '' or '.x' at the root. */
  readonly name: string;
  readonly message: string;
  readonly value?: unknown;
  /** The limit for length and count checks. */
  readonly limit?: number;
  readonly values?: readonly unknown[];
  /** Where in the validated value the check failed (used to ratchet updates). */
  readonly at: readonly (string | number)[];
}

const IN = 'body';

/** kube-openapi's Result: issues plus a match count that decides which anyOf/oneOf branch to report. */
class Result {
  issues: SchemaIssue[] = [];
  matchCount = 0;

  add(issue: SchemaIssue): void {
    this.issues.push(issue);
  }

  merge(...others: Result[]): this {
    for (const other of others) {
      this.issues.push(...other.issues);
      this.matchCount += other.matchCount;
    }
    return this;
  }

  get valid(): boolean {
    return this.issues.length === 0;
  }
}

interface Where {
  readonly path: string;
  readonly at: readonly (string | number)[];
}

function issue(code: IssueCode, where: Where, message: string, extra: Partial<SchemaIssue> = {}): SchemaIssue {
  return { code, name: where.path, message, at: where.at, ...extra };
}

/** errors.InvalidType: a string value is quoted into the message. */
function invalidType(where: Where, typeName: string, value: unknown): SchemaIssue {
  const data = typeof value === 'string' ? `: ${goQuote(value)}` : '';
  return issue('invalidType', where, `${where.path} in ${IN} must be of type ${typeName}${data}`, { value });
}

function typeMatches(types: readonly string[], schType: string): boolean {
  return types.includes(schType) || (schType === 'integer' && types.includes('number'));
}

function checkNullType(s: Schema, where: Where): SchemaIssue | undefined {
  return s.type.length > 0 && !s.type.includes('null') && !s.nullable ? invalidType(where, s.type.join(','), 'null') : undefined;
}

/** kube-openapi's typeValidator (format-aware: `format` of strings and arrays skips the type check). */
function checkType(s: Schema, value: unknown, where: Where): SchemaIssue | undefined {
  if (value === null || value === undefined) return checkNullType(s, where);
  const format = effectiveFormat(s);
  if (s.type.length === 0 && format === '') return undefined;
  const schType = openApiTypeOf(value);
  if (format !== '') {
    const formatted = checkFormattedType(s, { value, schType, format }, where);
    if (formatted !== 'continue') return formatted;
  }
  return typeMatches(s.type, schType) ? undefined : invalidType(where, s.type.join(','), schType);
}

/** The format branches of typeValidator: 'continue' when the plain type check still applies. */
function checkFormattedType(s: Schema, data: { value: unknown; schType: string; format: string }, where: Where): SchemaIssue | undefined | 'continue' {
  const stringOrSlice = typeof data.value === 'string' || Array.isArray(data.value);
  if (stringOrSlice) return s.type.some((t) => t === 'number' || t === 'integer') ? 'continue' : undefined;
  const dataFormat = data.schType === 'integer' ? 'int64' : data.schType === 'number' ? 'float64' : '';
  return typeMatches(s.type, data.schType) || data.format === dataFormat ? 'continue' : invalidType(where, data.format, dataFormat);
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const compiled = new Map<string, RegExp | Error>();

/** A schema pattern as a JS regular expression (Go RE2 patterns used in CRDs are valid JS). */
export function compilePattern(pattern: string): RegExp | Error {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'u');
    } catch (error) {
      re = error as Error;
    }
    compiled.set(pattern, re);
  }
  return re;
}

function checkString(s: Schema, value: string, where: Where): SchemaIssue | undefined {
  const length = s.maxLength !== undefined || s.minLength !== undefined ? runeCount(value) : 0;
  if (s.maxLength !== undefined && length > s.maxLength) {
    return issue('tooLong', where, `${where.path} in ${IN} should be at most ${s.maxLength} chars long`, { value, limit: s.maxLength });
  }
  if (s.minLength !== undefined && length < s.minLength) {
    return issue('tooShort', where, `${where.path} in ${IN} should be at least ${s.minLength} chars long`, { value, limit: s.minLength });
  }
  if (s.pattern === '') return undefined;
  const re = compilePattern(s.pattern);
  if (re instanceof Error) return issue('pattern', where, `${where.path} in ${IN} should match '${s.pattern}, but pattern is invalid: ${re.message}'`, { value });
  return re.test(value) ? undefined : issue('pattern', where, `${where.path} in ${IN} should match '${s.pattern}'`, { value });
}

/** Numeric bounds: integral data compares against the truncated bound and prints it as an integer, as kube-openapi does. */
function bound(value: number, limit: number): { data: number; limit: number; text: string } {
  if (Number.isInteger(value)) return { data: value, limit: Math.trunc(limit), text: goNumber(Math.trunc(limit)) };
  return { data: value, limit, text: goFloat(limit) };
}

function checkMultipleOf(s: Schema, value: number, where: Where): SchemaIssue | undefined {
  if (s.multipleOf === undefined) return undefined;
  const factor = s.multipleOf;
  if (factor <= 0) return issue('multipleOf', where, `factor MultipleOf declared for ${where.path} must be positive: ${goFloat(factor)}`, { value: factor });
  const integral = Number.isInteger(value) && Number.isInteger(factor);
  const ok = integral ? value % factor === 0 : Number.isInteger(factor < 1 ? (1 / factor) * value : value / factor);
  return ok ? undefined : issue('multipleOf', where, `${where.path} in ${IN} should be a multiple of ${integral ? goNumber(factor) : goFloat(factor)}`, { value });
}

function checkNumber(s: Schema, value: number, where: Where): Result {
  const result = new Result();
  const multiple = checkMultipleOf(s, value, where);
  if (multiple) result.add(multiple);
  if (s.minimum !== undefined) {
    const b = bound(value, s.minimum);
    if (s.exclusiveMinimum ? b.data <= b.limit : b.data < b.limit) {
      result.add(issue('minimum', where, `${where.path} in ${IN} should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${b.text}`, { value }));
    }
  }
  if (s.maximum !== undefined) {
    const b = bound(value, s.maximum);
    if (s.exclusiveMaximum ? b.data >= b.limit : b.data > b.limit) {
      result.add(issue('maximum', where, `${where.path} in ${IN} should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${b.text}`, { value }));
    }
  }
  result.matchCount++;
  return result;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function checkArray(s: Schema, value: readonly unknown[], where: Where): Result {
  const result = new Result();
  if (s.items) {
    value.forEach((item, i) => result.merge(validateNode(s.items!, item, { path: `${where.path}[${i}]`, at: [...where.at, i] })));
  }
  if (s.minItems !== undefined && value.length < s.minItems) {
    result.add(issue('minItems', where, `${where.path} in ${IN} should have at least ${s.minItems} items`, { value: value.length, limit: s.minItems }));
  }
  if (s.maxItems !== undefined && value.length > s.maxItems) {
    result.add(issue('maxItems', where, `${where.path} in ${IN} should have at most ${s.maxItems} items`, { value: value.length, limit: s.maxItems }));
  }
  if (s.uniqueItems && value.some((v, i) => value.slice(0, i).some((u) => deepEqual(u, v)))) {
    result.add(issue('unique', where, `${where.path} in ${IN} shouldn't contain duplicates`));
  }
  result.matchCount++;
  return result;
}

function checkEnum(s: Schema, value: unknown, where: Where): SchemaIssue | undefined {
  if (!s.enum || s.enum.length === 0) return undefined;
  if (value !== null && value !== undefined && s.enum.some((e) => deepEqual(e, value))) return undefined;
  const listed = s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(' ');
  return issue('enum', where, `${where.path} in ${IN} should be one of [${listed}]`, { value, values: s.enum });
}

function child(where: Where, key: string, rootRelative: boolean): Where {
  return { path: rootRelative && where.path === '' ? key : `${where.path}.${key}`, at: [...where.at, key] };
}

function checkObjectKeys(s: Schema, value: Record<string, unknown>, where: Where, result: Result): void {
  const count = Object.keys(value).length;
  if (s.minProperties !== undefined && count < s.minProperties) {
    result.add(issue('tooFewProperties', where, `${where.path} in ${IN} should have at least ${s.minProperties} properties`, { value: count, limit: s.minProperties }));
  }
  if (s.maxProperties !== undefined && count > s.maxProperties) {
    result.add(issue('tooManyProperties', where, `${where.path} in ${IN} should have at most ${s.maxProperties} properties`, { value: count, limit: s.maxProperties }));
  }
  for (const [key, v] of Object.entries(value)) {
    if (s.properties?.has(key)) continue;
    if (s.additionalProperties === false) result.add(issue('notAllowed', where, `${where.path}.${key} in ${IN} is a forbidden property`, { value: key }));
    else if (typeof s.additionalProperties === 'object') result.merge(validateNode(s.additionalProperties, v, child(where, key, false)));
  }
}

function checkObject(s: Schema, value: Record<string, unknown>, where: Where): Result {
  const result = new Result();
  checkObjectKeys(s, value, where, result);
  for (const [key, prop] of s.properties ?? []) {
    if (key in value) result.merge(validateNode(prop, value[key], child(where, key, true)));
  }
  for (const key of s.required) {
    if (!(key in value)) result.add(issue('required', child(where, key, false), `${where.path}.${key} in ${IN} is required`));
  }
  return result;
}

function composite(where: Where, message: string): SchemaIssue {
  return issue('composite', { path: '', at: where.at }, message);
}

/** The best failing alternative: the one that matched most before failing. */
function best(results: readonly Result[]): Result | undefined {
  return results.reduce<Result | undefined>((b, r) => (!b || r.matchCount > b.matchCount ? r : b), undefined);
}

function checkAnyOf(s: Schema, value: unknown, where: Where, main: Result): void {
  if (s.anyOf.length === 0) return;
  const failures: Result[] = [];
  for (const alternative of s.anyOf) {
    const r = validateNode(alternative, value, where);
    if (r.valid) {
      main.merge(r);
      return;
    }
    failures.push(r);
  }
  main.add(composite(where, `${goQuote(where.path)} must validate at least one schema (anyOf)`));
  main.merge(best(failures)!);
}

function checkOneOf(s: Schema, value: unknown, where: Where, main: Result): void {
  if (s.oneOf.length === 0) return;
  const results = s.oneOf.map((alternative) => validateNode(alternative, value, where));
  const passed = results.filter((r) => r.valid);
  if (passed.length === 1) {
    main.merge(passed[0]!);
    return;
  }
  const found = passed.length === 0 ? 'Found none valid' : `Found ${passed.length} valid alternatives`;
  main.add(composite(where, `${goQuote(where.path)} must validate one and only one schema (oneOf). ${found}`));
  if (passed.length === 0) main.merge(best(results)!);
}

function checkAllOfAndNot(s: Schema, value: unknown, where: Where, main: Result): void {
  if (s.allOf.length > 0) {
    const results = s.allOf.map((part) => validateNode(part, value, where));
    main.merge(...results);
    const validated = results.filter((r) => r.valid).length;
    if (validated !== results.length) main.add(composite(where, `${goQuote(where.path)} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`));
  }
  if (s.not && validateNode(s.not, value, where).valid) main.add(composite(where, `${goQuote(where.path)} must not validate the schema (not)`));
}

function checkJunctors(s: Schema, value: unknown, where: Where): Result {
  const main = new Result();
  checkAnyOf(s, value, where, main);
  checkOneOf(s, value, where, main);
  checkAllOfAndNot(s, value, where, main);
  main.matchCount++;
  return main;
}

function single(found: SchemaIssue | undefined): Result {
  const r = new Result();
  if (found) r.add(found);
  r.matchCount++;
  return r;
}

/** The validators that apply to a non-null value, in kube-openapi's order. */
function validateValue(s: Schema, value: unknown, where: Where): Result {
  const result = new Result();
  if (s.type.length > 0 || effectiveFormat(s) !== '') result.merge(single(checkType(s, value, where)));
  result.merge(checkJunctors(s, value, where));
  if (typeof value === 'string') {
    result.merge(single(checkString(s, value, where)));
    const format = effectiveFormat(s);
    if (format !== '' && !checkFormat(format, value)) result.merge(single(invalidType(where, format, value)));
  }
  if (typeof value === 'number') result.merge(checkNumber(s, value, where));
  if (Array.isArray(value)) result.merge(checkArray(s, value, where));
  result.merge(single(checkEnum(s, value, where)));
  if (isPlainObject(value)) result.merge(checkObject(s, value, where));
  return result;
}

function validateNode(s: Schema, value: unknown, where: Where): Result {
  if (value === null || value === undefined) return new Result().merge(single(checkType(s, value, where)), single(checkEnum(s, value, where)));
  const result = validateValue(s, value, where);
  result.matchCount++;
  return result;
}

/** Validates `value` against `schema`; `path` names the value in messages ('' for a resource root). */
export function validateAgainstSchema(schema: Schema, value: unknown, path = ''): SchemaIssue[] {
  return validateNode(schema, value, { path, at: [] }).issues;
}
