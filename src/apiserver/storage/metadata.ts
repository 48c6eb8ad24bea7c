/**
 * Object metadata rules of the generic store (apimachinery `ValidateObjectMeta`,
 * `rest.BeforeCreate`/`BeforeUpdate`): names, labels, annotations, system fields.
 *
 * @module
 */
import { randomInt, randomUUID } from 'node:crypto';
import { labelKeyError, labelValueError } from '../../api/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import type { FieldError } from '../registry/types.js';
import { DNS_SUBDOMAIN, DNS_SUBDOMAIN_MESSAGE, finalizersErrors } from './qualified-name.js';

export { DNS_SUBDOMAIN_MESSAGE };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const DNS_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** How names of a type are validated. */
export type NameRule = 'subdomain' | 'label';

/** Go's %q of a string, near enough for the ASCII names found in Kubernetes errors. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Field error helpers, with apimachinery's wording. */
export const fieldError = {
  invalid: (field: string, value: string, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${quote(value)}: ${detail}` }),
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` }),
  tooLong: (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` }),
  immutable: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueInvalid', field, message: `Invalid value: ${typeof value === 'string' ? quote(value) : JSON.stringify(value)}: field is immutable`,
  }),
};

/** Why `name` is not valid under `rule`, or undefined. */
export function nameError(name: string, rule: NameRule): string | undefined {
  if (rule === 'label') {
    if (name.length > 63) return 'must be no more than 63 characters';
    return DNS_LABEL.test(name) ? undefined : DNS_LABEL_MESSAGE;
  }
  if (name.length > 253) return 'must be no more than 253 characters';
  return DNS_SUBDOMAIN.test(name) ? undefined : DNS_SUBDOMAIN_MESSAGE;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` plus five random characters, as apiserver's `SimpleNameGenerator`. */
export function generateName(base: string): string {
  const trimmed = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)]!;
  return trimmed + suffix;
}

/** RFC 3339 with second precision, as Kubernetes stamps metav1.Time. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function validateStringMap(map: unknown, field: string, kind: 'labels' | 'annotations'): FieldError[] {
  if (map === undefined || map === null) return [];
  if (!isPlainObject(map)) return [fieldError.invalid(field, JSON.stringify(map), 'must be a map of strings')];
  const errors: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(map)) {
    const keyError = labelKeyError(key);
    if (keyError) errors.push(fieldError.invalid(field, key, keyError));
    if (typeof value !== 'string') {
      errors.push(fieldError.invalid(`${field}[${key}]`, JSON.stringify(value), 'must be a string'));
      continue;
    }
    total += key.length + value.length;
    const valueError = kind === 'labels' ? labelValueError(value) : undefined;
    if (valueError) errors.push(fieldError.invalid(field, value, valueError));
  }
  if (kind === 'annotations' && total > 256 * 1024) errors.push(fieldError.tooLong(field, 256 * 1024));
  return errors;
}

/** Validates the metadata every object shares. */
export function validateObjectMeta(meta: ObjectMeta, rule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  const name = meta.name ?? '';
  if (name === '') {
    errors.push(fieldError.required('metadata.name', 'name or generateName is required'));
  } else {
    const problem = nameError(name, rule);
    if (problem) errors.push(fieldError.invalid('metadata.name', name, problem));
  }
  errors.push(...validateStringMap(meta.labels, 'metadata.labels', 'labels'));
  errors.push(...validateStringMap(meta.annotations, 'metadata.annotations', 'annotations'));
  if (meta.finalizers !== undefined && !(Array.isArray(meta.finalizers) && meta.finalizers.every((f) => typeof f === 'string'))) {
    errors.push(fieldError.invalid('metadata.finalizers', JSON.stringify(meta.finalizers), 'must be a list of strings'));
  } else if (meta.finalizers) {
    errors.push(...finalizersErrors(meta.finalizers));
  }
  errors.push(...validateOwnerReferences(meta.ownerReferences));
  return errors;
}

const GROUP_VERSION = /^(?:[^/]+\/)?[^/]+$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** validateOwnerReference, for one entry at `field`. */
function ownerReferenceErrors(ref: Record<string, unknown>, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const apiVersion = str(ref.apiVersion);
  if (apiVersion === '') errors.push(fieldError.required(`${field}.apiVersion`, 'must not be empty'));
  else if (!GROUP_VERSION.test(apiVersion)) errors.push(fieldError.invalid(`${field}.apiVersion`, apiVersion, 'must be <group>/<version> or <version>'));
  for (const key of ['kind', 'name', 'uid']) {
    if (str(ref[key]) === '') errors.push(fieldError.required(`${field}.${key}`, 'must not be empty'));
  }
  if (apiVersion === 'v1' && ref.kind === 'Event') {
    errors.push({ type: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(ref)}: /v1, Kind=Event is disallowed from being an owner` });
  }
  return errors;
}

/** ValidateOwnerReferences: required fields, and at most one controller. */
function validateOwnerReferences(refs: unknown): FieldError[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs) || !refs.every(isPlainObject)) {
    return [fieldError.invalid('metadata.ownerReferences', JSON.stringify(refs), 'must be a list of owner references')];
  }
  const errors: FieldError[] = [];
  let firstController = '';
  refs.forEach((ref, i) => {
    errors.push(...ownerReferenceErrors(ref, `metadata.ownerReferences[${i}]`));
    if (ref.controller !== true) return;
    const current = `${str(ref.kind)}/${str(ref.name)}`;
    if (firstController === '') {
      firstController = current;
      return;
    }
    errors.push({
      type: 'FieldValueInvalid', field: 'metadata.ownerReferences',
      message: `Invalid value: ${JSON.stringify(refs)}: Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
    });
  });
  return errors;
}

/** Sets uid and creationTimestamp and clears what a client may not set on create. */
export function fillCreateMetadata(obj: KubeObject, nowMs: number, tracksGeneration: boolean): void {
  const meta = obj.metadata!;
  meta.uid = randomUUID();
  meta.creationTimestamp = rfc3339(nowMs);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (tracksGeneration) meta.generation = 1;
  else delete meta.generation;
}

/** Copies the fields an update may not change from the stored object (rest.BeforeUpdate). */
export function keepSystemMetadata(obj: KubeObject, old: KubeObject): void {
  const meta = obj.metadata!;
  const oldMeta = old.metadata!;
  if (!meta.uid) meta.uid = oldMeta.uid!;
  meta.creationTimestamp = oldMeta.creationTimestamp ?? null;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  else delete meta.generation;
}

/** Errors for changes an update may not make to metadata (ValidateObjectMetaUpdate). */
export function validateMetadataUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const meta = obj.metadata!;
  const oldMeta = old.metadata!;
  if (meta.uid !== oldMeta.uid) errors.push(fieldError.immutable('metadata.uid', meta.uid));
  if (oldMeta.deletionTimestamp) {
    const added = (meta.finalizers ?? []).filter((f) => !(oldMeta.finalizers ?? []).includes(f));
    if (added.length > 0) {
      errors.push(fieldError.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map(quote).join(', ')}}`));
    }
  }
  return errors;
}
