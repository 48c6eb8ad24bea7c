/**
 * Finalizer names as core/v1 validates them: qualified names, and core's rule that a name
 * without a `/` must be one of the standard finalizers (for `spec.finalizers` of namespaces and
 * `metadata.finalizers` of every core/v1 object).
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import type { FieldError } from '../types.js';
import { fieldError } from '../../storage/metadata.js';
import { qualifiedNameErrors } from '../../storage/qualified-name.js';

/** The finalizers core/v1 knows without a domain prefix. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** core validation's validateFinalizerName: qualified, and standard when it has no domain. */
export function finalizerNameErrors(value: string, field: string): FieldError[] {
  const errors = qualifiedNameErrors(value).map((message) => fieldError.invalid(field, value, message));
  if (!value.includes('/') && !STANDARD_FINALIZERS.has(value)) {
    errors.push(fieldError.invalid(field, value, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errors;
}

/** core's ValidateObjectMeta addition: each metadata finalizer without a domain must be standard. */
export function legacyFinalizerErrors(obj: KubeObject): FieldError[] {
  const finalizers = obj.metadata?.finalizers ?? [];
  return finalizers.flatMap((f, i) => (f.includes('/') || STANDARD_FINALIZERS.has(f)
    ? []
    : [fieldError.invalid(`metadata.finalizers[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified')]));
}
