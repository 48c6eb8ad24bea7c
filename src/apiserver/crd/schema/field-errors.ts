/**
 * Schema issues as apimachinery field errors, exactly as apiextensions'
 * `kubeOpenAPIResultToFieldErrors` maps kube-openapi errors: required → `Required value`,
 * enum → `Unsupported value`, maxLength → `Too long`, maxItems/maxProperties → `Too many`,
 * type and format → `Invalid value` of type FieldValueTypeInvalid, anything else →
 * `Invalid value` with kube-openapi's message as the detail.
 *
 * @module
 */
import type { FieldError } from '../../registry/types.js';
import { goBadValue, goJson, goQuote } from './go-format.js';
import type { SchemaIssue } from './validator.js';

/** field.Path.Child: `prefix.name`, or what a nil path prints when there is neither. */
export function childPath(prefix: string | undefined, name: string): string {
  if (name === '') return prefix ?? '<nil>';
  return prefix === undefined || prefix === '' ? name : `${prefix}.${name}`;
}

function notSupported(field: string, value: unknown, values: readonly unknown[]): FieldError {
  const supported = values.map((v) => goQuote(typeof v === 'string' ? v : goJson(v))).join(', ');
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${goBadValue(value)}${supported ? `: supported values: ${supported}` : ''}` };
}

function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

type Converter = (issue: SchemaIssue, field: string) => FieldError;

const CONVERTERS: Partial<Record<SchemaIssue['code'], Converter>> = {
  required: (_i, field) => ({ type: 'FieldValueRequired', field, message: 'Required value' }),
  enum: (i, field) => notSupported(field, i.value, i.values ?? []),
  tooLong: (i, field) => ({ type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${i.limit!} ${i.limit === 1 ? 'byte' : 'bytes'}` }),
  maxItems: (i, field) => tooMany(field, i.value as number, i.limit!),
  tooManyProperties: (i, field) => tooMany(field, i.value as number, i.limit!),
  invalidType: (i, field) => ({ type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${goBadValue(i.value ?? '')}: ${i.message}` }),
};

function oneFieldError(issue: SchemaIssue, prefix: string | undefined): FieldError {
  const name = issue.name.startsWith('.') ? issue.name.slice(1) : issue.name;
  const field = childPath(prefix, name === '.' ? '' : name);
  const convert = CONVERTERS[issue.code];
  return convert ? convert(issue, field) : { type: 'FieldValueInvalid', field, message: `Invalid value: ${goBadValue(issue.value ?? '')}: ${issue.message}` };
}

/** Converts issues found validating a value named `prefix` (undefined for a resource root). */
export function issuesToFieldErrors(issues: readonly SchemaIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => oneFieldError(issue, prefix));
}
