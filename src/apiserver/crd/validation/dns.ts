/**
 * apimachinery's name checks (`pkg/util/validation`) with their exact messages, and the
 * field-error constructors CRD validation uses (`field.Invalid`, `Required`, ...), rendering
 * bad values like apimachinery does.
 *
 * @module
 */
import type { FieldError } from '../../registry/types.js';
import { DNS_SUBDOMAIN_MESSAGE } from '../../storage/metadata.js';
import { goBadValue, goQuote } from '../schema/go-format.js';

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** IsDNS1035Label: the problems of `value`, empty when valid. */
export function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!DNS1035.test(value)) errors.push(DNS1035_MESSAGE);
  return errors;
}

/** IsDNS1123Subdomain: the problems of `value`, empty when valid. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errors.push(DNS_SUBDOMAIN_MESSAGE);
  return errors;
}

/** field.* constructors with apimachinery's rendering. */
export const fe = {
  invalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${goBadValue(value)}${detail ? `: ${detail}` : ''}` }),
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported', field, message: `Unsupported value: ${goBadValue(value)}: supported values: ${supported.map(goQuote).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, message: `Duplicate value: ${goBadValue(value)}` }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}` }),
  immutable: (field: string, value: unknown): FieldError => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${goBadValue(value)}: field is immutable` }),
};

/** validateEnumStrings. */
export function enumErrors(field: string, value: string, accepted: readonly string[]): FieldError[] {
  if (value === '') return [fe.required(field)];
  return accepted.includes(value) ? [] : [fe.notSupported(field, value, accepted)];
}
