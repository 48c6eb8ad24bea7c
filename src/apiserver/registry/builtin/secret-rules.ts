/**
 * Secret validation beyond the generic metadata rules, as kube-apiserver v1.32's
 * `ValidateSecret` / `ValidateSecretUpdate`: config-key names, the 1 MiB limit on the decoded
 * values, the content each well-known `type` requires, and what `type` and `immutable` freeze.
 * Values are base64 text here, already made canonical by the typed-field decoding.
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import { stableStringify } from '../../../util/index.js';
import { fieldError } from '../../storage/metadata.js';
import type { FieldError } from '../types.js';
import { legacyFinalizerErrors } from './finalizer-names.js';
import { goUnmarshalMapError } from './go-json.js';

/** kube's MaxSecretSize, also the ConfigMap limit. */
export const MAX_DATA_SIZE = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsConfigMapKey (length, characters, no `.`/`..` path tricks) for every key of a map field. */
export function configKeyErrors(map: unknown, field: string): FieldError[] {
  if (!isPlainObject(map)) return [];
  const errors: FieldError[] = [];
  for (const key of Object.keys(map)) {
    if (key.length > 253) errors.push(fieldError.invalid(`${field}[${key}]`, key, 'must be no more than 253 characters'));
    if (!CONFIG_KEY.test(key)) errors.push(fieldError.invalid(`${field}[${key}]`, key, CONFIG_KEY_MESSAGE));
    const dots = key === '.' ? "must not be '.'" : key === '..' ? "must not be '..'" : key.startsWith('..') ? "must not start with '..'" : undefined;
    if (dots) errors.push(fieldError.invalid(`${field}[${key}]`, key, dots));
  }
  return errors;
}

/** Decoded length of canonical base64 values (null counts as empty). */
export function decodedSize(map: unknown): number {
  if (!isPlainObject(map)) return 0;
  return Object.values(map).reduce<number>((sum, v) => sum + (typeof v === 'string' ? Buffer.byteLength(v, 'base64') : 0), 0);
}

/** Go's reflect.DeepEqual of two decoded JSON values: a missing map differs from an empty one. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return stableStringify(a) === stableStringify(b);
}

const required = (field: string): FieldError => fieldError.required(field);

/** Reads the (canonical base64) `data` of a Secret for the type rules. */
class SecretData {
  readonly #data: Record<string, unknown>;

  constructor(obj: KubeObject) {
    this.#data = isPlainObject(obj.data) ? obj.data : {};
  }

  has(key: string): boolean {
    return key in this.#data;
  }

  bytes(key: string): Buffer {
    const value = this.#data[key];
    return Buffer.from(typeof value === 'string' ? value : '', 'base64');
  }

  /** The key must be present and hold a JSON object (dockercfg formats). */
  jsonObject(key: string): FieldError[] {
    if (!this.has(key)) return [required(`data[${key}]`)];
    const problem = goUnmarshalMapError(this.bytes(key));
    return problem ? [fieldError.invalid(`data[${key}]`, '<secret contents redacted>', problem)] : [];
  }
}

/** What each well-known Secret type requires of `data` (and annotations). */
const TYPE_RULES: Readonly<Record<string, (data: SecretData, obj: KubeObject) => FieldError[]>> = {
  'kubernetes.io/service-account-token': (_data, obj) =>
    (obj.metadata?.annotations?.['kubernetes.io/service-account.name'] ? [] : [required('metadata.annotations[kubernetes.io/service-account.name]')]),
  'kubernetes.io/dockercfg': (data) => data.jsonObject('.dockercfg'),
  'kubernetes.io/dockerconfigjson': (data) => data.jsonObject('.dockerconfigjson'),
  'kubernetes.io/basic-auth': (data) => (data.has('username') || data.has('password') ? [] : [required('data[username]'), required('data[password]')]),
  'kubernetes.io/ssh-auth': (data) => (data.bytes('ssh-privatekey').length > 0 ? [] : [required('data[ssh-privatekey]')]),
  'kubernetes.io/tls': (data) => ['tls.crt', 'tls.key'].filter((k) => !data.has(k)).map((k) => required(`data[${k}]`)),
};

function typeErrors(obj: KubeObject): FieldError[] {
  const rule = typeof obj.type === 'string' && Object.hasOwn(TYPE_RULES, obj.type) ? TYPE_RULES[obj.type] : undefined;
  return rule ? rule(new SecretData(obj), obj) : [];
}

/** ValidateSecret without the generic metadata part (the generic store checks that). */
export function validateSecret(obj: KubeObject): FieldError[] {
  const errors = [...legacyFinalizerErrors(obj), ...configKeyErrors(obj.data, 'data')];
  if (decodedSize(obj.data) > MAX_DATA_SIZE) errors.push(fieldError.tooLong('data', MAX_DATA_SIZE));
  return [...errors, ...typeErrors(obj)];
}

const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

/** The fields an `immutable: true` object freezes, in kube's order. */
export function immutableErrors(obj: KubeObject, old: KubeObject, fields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (obj.immutable !== true) errors.push(fieldError.forbidden('immutable', IMMUTABLE_WHEN_SET));
  for (const f of fields) if (!deepEqual(obj[f], old[f])) errors.push(fieldError.forbidden(f, IMMUTABLE_WHEN_SET));
  return errors;
}

/** ValidateSecretUpdate without the metadata part. */
export function validateSecretUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors = obj.type === old.type ? [] : [fieldError.immutable('type', obj.type)];
  return [...errors, ...immutableErrors(obj, old, ['data']), ...validateSecret(obj)];
}
