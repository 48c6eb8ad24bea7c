/**
 * core/v1 built-ins: namespaces, secrets, configmaps, serviceaccounts (kube's
 * `pkg/registry/core/*` strategies and `pkg/apis/core/validation`).
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import { forbidden } from '../../http/status.js';
import { fieldError } from '../../storage/metadata.js';
import type { FieldError, ResourceType } from '../types.js';
import { builtin } from './define.js';

/** kube's MaxSecretSize, also the ConfigMap limit. */
export const MAX_DATA_SIZE = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function validateKeys(map: unknown, field: string): FieldError[] {
  if (map === undefined || map === null) return [];
  if (!isPlainObject(map)) return [fieldError.invalid(field, JSON.stringify(map), 'must be a map')];
  const errors: FieldError[] = [];
  for (const key of Object.keys(map)) {
    if (key.length > 253 || !CONFIG_KEY.test(key)) errors.push(fieldError.invalid(`${field}[${key}]`, key, CONFIG_KEY_MESSAGE));
  }
  return errors;
}

/** Byte size of a base64 `data` map (keys plus decoded values), checking the encoding. */
function base64MapSize(map: unknown, field: string, errors: FieldError[]): number {
  if (!isPlainObject(map)) return 0;
  let size = 0;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      errors.push(fieldError.invalid(`${field}[${key}]`, '<value omitted>', 'must be base64-encoded bytes'));
      continue;
    }
    size += key.length + Buffer.byteLength(value, 'base64');
  }
  return size;
}

function immutableDataErrors(obj: KubeObject, old: KubeObject, fields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (obj.immutable !== true) errors.push(fieldError.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (JSON.stringify(obj[f] ?? {}) !== JSON.stringify(old[f] ?? {})) errors.push(fieldError.forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

/** `stringData` is write-only: fold it into base64 `data`, as the Secret conversion does. */
function foldStringData(obj: KubeObject): void {
  const stringData = obj.stringData;
  if (isPlainObject(stringData)) {
    const data = isPlainObject(obj.data) ? obj.data : {};
    for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
}

function validateSecret(obj: KubeObject): FieldError[] {
  const errors = validateKeys(obj.data, 'data');
  if (base64MapSize(obj.data, 'data', errors) > MAX_DATA_SIZE) errors.push(fieldError.tooLong('data', MAX_DATA_SIZE));
  return errors;
}

const secrets = builtin({
  plural: 'secrets', kind: 'Secret', namespaced: true,
  strategy: {
    prepareForCreate(obj) {
      foldStringData(obj);
      obj.type ??= 'Opaque';
    },
    prepareForUpdate(obj, old) {
      foldStringData(obj);
      obj.type ??= old.type ?? 'Opaque';
    },
    validate: validateSecret,
    validateUpdate(obj, old) {
      const errors = validateSecret(obj);
      if (obj.type !== old.type) errors.push(fieldError.immutable('type', obj.type));
      return [...errors, ...immutableDataErrors(obj, old, ['data'])];
    },
    selectableFields: { type: (obj) => (typeof obj.type === 'string' ? obj.type : '') },
  },
});

function validateConfigMap(obj: KubeObject): FieldError[] {
  const errors = [...validateKeys(obj.data, 'data'), ...validateKeys(obj.binaryData, 'binaryData')];
  let size = base64MapSize(obj.binaryData, 'binaryData', errors);
  for (const [key, value] of Object.entries(isPlainObject(obj.data) ? obj.data : {})) {
    if (typeof value !== 'string') errors.push(fieldError.invalid(`data[${key}]`, JSON.stringify(value), 'must be a string'));
    else size += key.length + Buffer.byteLength(value, 'utf8');
  }
  if (size > MAX_DATA_SIZE) errors.push(fieldError.tooLong('', MAX_DATA_SIZE));
  return errors;
}

const configmaps = builtin({
  plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'],
  strategy: {
    validate: validateConfigMap,
    validateUpdate: (obj, old) => [...validateConfigMap(obj), ...immutableDataErrors(obj, old, ['data', 'binaryData'])],
  },
});

const namespaces = builtin({
  plural: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], status: true, nameRule: 'label',
  strategy: {
    prepareForCreate(obj) {
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      const labels = (obj.metadata!.labels ??= {});
      labels['kubernetes.io/metadata.name'] = obj.metadata!.name ?? '';
    },
    prepareForUpdate(obj, old) {
      obj.spec = old.spec;
      obj.status = old.status;
      (obj.metadata!.labels ??= {})['kubernetes.io/metadata.name'] = old.metadata!.name ?? '';
    },
    beforeDelete(obj) {
      const name = obj.metadata!.name ?? '';
      if (UNDELETABLE_NAMESPACES.has(name)) throw forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
    },
    prepareForDeletion(obj) {
      obj.status = { ...(isPlainObject(obj.status) ? obj.status : {}), phase: 'Terminating' };
    },
    selectableFields: { 'status.phase': (obj) => (isPlainObject(obj.status) && typeof obj.status.phase === 'string' ? obj.status.phase : '') },
  },
});

const serviceaccounts = builtin({ plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'] });

/** The core/v1 types. */
export const coreTypes: readonly ResourceType[] = [namespaces, secrets, configmaps, serviceaccounts];
