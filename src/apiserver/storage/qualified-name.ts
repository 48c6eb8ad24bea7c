/**
 * apimachinery's `IsQualifiedName` (finalizers, label keys), with every message it can produce
 * in its order, and `ValidateFinalizers`, which every type's metadata goes through.
 *
 * @module
 */
import type { FieldError } from '../registry/types.js';

/** A DNS-1123 subdomain (object names, qualified-name prefixes). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_REGEX_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** apimachinery's IsQualifiedName: every reason `value` is not a qualified name. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${QUALIFIED_NAME_REGEX_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errors: string[] = [];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errors.push('prefix part must be non-empty');
    if (prefix.length > 253) errors.push('prefix part must be no more than 253 characters');
    if (prefix !== '' && !DNS_SUBDOMAIN.test(prefix)) errors.push(`prefix part ${DNS_SUBDOMAIN_MESSAGE}`);
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errors.push(`name part ${QUALIFIED_NAME_REGEX_MESSAGE}`);
  return errors;
}

/**
 * apimachinery's ValidateFinalizers for `metadata.finalizers`: qualified names (reported on the
 * list, not per index, as kube does), and not both orphan and foregroundDeletion.
 */
export function finalizersErrors(finalizers: readonly string[]): FieldError[] {
  const errors: FieldError[] = finalizers.flatMap((f) => qualifiedNameErrors(f).map((message) => ({
    type: 'FieldValueInvalid' as const, field: 'metadata.finalizers', message: `Invalid value: ${JSON.stringify(f)}: ${message}`,
  })));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push({
      type: 'FieldValueInvalid', field: 'metadata.finalizers',
      message: `Invalid value: []string{${finalizers.map((f) => JSON.stringify(f)).join(', ')}}: finalizer orphan and foregroundDeletion cannot be both set`,
    });
  }
  return errors;
}
