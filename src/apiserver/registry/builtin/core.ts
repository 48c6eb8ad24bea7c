/**
 * core/v1 built-ins: namespaces, secrets, configmaps, serviceaccounts (kube's
 * `pkg/registry/core/*` strategies and `pkg/apis/core/validation`, v1.32). Typed fields are
 * decoded first (400 like kube's decoder), then the strategy rules run (422).
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import { forbidden } from '../../http/status.js';
import { fieldError } from '../../storage/metadata.js';
import type { FieldError, ResourceType, StrategyContext } from '../types.js';
import { configMapPrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from '../../table/columns.js';
import { builtinSchema } from '../../schema/builtin/index.js';
import { builtin } from './define.js';
import { finalizerNameErrors, legacyFinalizerErrors } from './finalizer-names.js';
import {
  MAX_DATA_SIZE, configKeyErrors, decodedSize, immutableErrors, validateSecret, validateSecretUpdate,
} from './secret-rules.js';
import { type TypedField, decodeTypedFields, goBool, goBytes, goList, goMap, goString } from './typed-fields.js';

const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

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

const SECRET_FIELDS: readonly TypedField[] = [
  { path: ['data'], goField: 'Secret.data', decode: goMap(goBytes, 'map[string][]uint8') },
  { path: ['stringData'], goField: 'Secret.stringData', decode: goMap(goString(), 'map[string]string') },
  { path: ['type'], goField: 'Secret.type', decode: goString('v1.SecretType') },
  { path: ['immutable'], goField: 'Secret.immutable', decode: goBool },
];

/** Decoding as kube's v1 Secret does: typed fields, stringData folded, `type` defaulted (even over the stored one). */
function decodeSecret(obj: KubeObject, ctx: StrategyContext): void {
  decodeTypedFields(obj, SECRET_FIELDS, 'Secret', ctx.version);
  foldStringData(obj);
  if (!obj.type) obj.type = 'Opaque';
}

const secrets = builtin({
  plural: 'secrets', kind: 'Secret', namespaced: true, printer: secretPrinter, schema: builtinSchema('io.k8s.api.core.v1.Secret'),
  strategy: {
    normalize: decodeSecret,
    prepareForCreate: decodeSecret,
    prepareForUpdate: (obj, _old, ctx) => decodeSecret(obj, ctx),
    validate: validateSecret,
    validateUpdate: validateSecretUpdate,
    selectableFields: { type: (obj) => (typeof obj.type === 'string' ? obj.type : '') },
  },
});

const CONFIGMAP_FIELDS: readonly TypedField[] = [
  { path: ['data'], goField: 'ConfigMap.data', decode: goMap(goString(), 'map[string]string') },
  { path: ['binaryData'], goField: 'ConfigMap.binaryData', decode: goMap(goBytes, 'map[string][]uint8') },
  { path: ['immutable'], goField: 'ConfigMap.immutable', decode: goBool },
];

/** ValidateConfigMap without the metadata part: keys, no key in both maps, 1 MiB of values in all. */
function validateConfigMap(obj: KubeObject): FieldError[] {
  const data = isPlainObject(obj.data) ? obj.data : {};
  const binary = isPlainObject(obj.binaryData) ? obj.binaryData : {};
  const errors = [...legacyFinalizerErrors(obj), ...configKeyErrors(data, 'data')];
  for (const key of Object.keys(data)) {
    if (key in binary) errors.push(fieldError.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
  }
  errors.push(...configKeyErrors(binary, 'binaryData'));
  const size = Object.values(data).reduce<number>((sum, v) => sum + Buffer.byteLength(String(v), 'utf8'), decodedSize(binary));
  // kube reports the whole object with an empty field path, which prints as "[]".
  if (size > MAX_DATA_SIZE) errors.push(fieldError.tooLong('[]', MAX_DATA_SIZE));
  return errors;
}

const configmaps = builtin({
  plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], printer: configMapPrinter, schema: builtinSchema('io.k8s.api.core.v1.ConfigMap'),
  strategy: {
    prepareForCreate: (obj, ctx) => decodeTypedFields(obj, CONFIGMAP_FIELDS, 'ConfigMap', ctx.version),
    prepareForUpdate: (obj, _old, ctx) => decodeTypedFields(obj, CONFIGMAP_FIELDS, 'ConfigMap', ctx.version),
    validate: validateConfigMap,
    validateUpdate: (obj, old) => [...immutableErrors(obj, old, ['data', 'binaryData']), ...validateConfigMap(obj)],
  },
});

const NAMESPACE_FIELDS: readonly TypedField[] = [
  { path: ['spec', 'finalizers'], goField: 'NamespaceSpec.spec.finalizers', decode: goList(goString('v1.FinalizerName'), '[]v1.FinalizerName') },
];

function specFinalizers(obj: KubeObject): string[] {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  return Array.isArray(spec.finalizers) ? spec.finalizers.map(String) : [];
}

/** ValidateNamespace without the metadata part: each spec finalizer is a valid finalizer name. */
function validateNamespace(obj: KubeObject): FieldError[] {
  return [...legacyFinalizerErrors(obj), ...specFinalizers(obj).flatMap((f) => finalizerNameErrors(f, 'spec.finalizers'))];
}

/**
 * ValidateNamespaceStatusUpdate's phase rule. It is checked on every update: a main-resource
 * update keeps the stored status, which always satisfies it.
 */
function namespacePhaseErrors(obj: KubeObject): FieldError[] {
  const phase = isPlainObject(obj.status) && typeof obj.status.phase === 'string' ? obj.status.phase : '';
  const deleting = Boolean(obj.metadata?.deletionTimestamp);
  const expected = deleting ? 'Terminating' : 'Active';
  if (phase === expected) return [];
  const why = deleting ? "may only be 'Terminating' if `deletionTimestamp` is not empty" : "may only be 'Active' if `deletionTimestamp` is empty";
  return [fieldError.invalid('status.Phase', phase, why)];
}

const namespaces = builtin({
  plural: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], status: true, finalize: true, nameRule: 'label',
  printer: namespacePrinter, schema: builtinSchema('io.k8s.api.core.v1.Namespace'),
  strategy: {
    prepareForCreate(obj, ctx) {
      decodeTypedFields(obj, NAMESPACE_FIELDS, 'Namespace', ctx.version);
      // The user's finalizers stay; `kubernetes` is required, and added last when missing.
      const finalizers = specFinalizers(obj);
      obj.spec = { ...(isPlainObject(obj.spec) ? obj.spec : {}), finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
      obj.status = { phase: 'Active' };
      const labels = (obj.metadata!.labels ??= {});
      labels['kubernetes.io/metadata.name'] = obj.metadata!.name ?? '';
    },
    prepareForUpdate(obj, old, ctx) {
      decodeTypedFields(obj, NAMESPACE_FIELDS, 'Namespace', ctx.version);
      obj.spec = old.spec;
      obj.status = old.status;
      (obj.metadata!.labels ??= {})['kubernetes.io/metadata.name'] = old.metadata!.name ?? '';
    },
    validate: validateNamespace,
    validateUpdate: (obj) => [...validateNamespace(obj), ...namespacePhaseErrors(obj)],
    beforeDelete(obj) {
      const name = obj.metadata!.name ?? '';
      if (UNDELETABLE_NAMESPACES.has(name)) throw forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
    },
    prepareForDeletion(obj) {
      obj.status = { ...(isPlainObject(obj.status) ? obj.status : {}), phase: 'Terminating' };
    },
    // The first DELETE always only marks a namespace Terminating (the namespace controller
    // removes it); it then stays until /finalize empties spec.finalizers.
    retainsWhileDeleting: (obj) => specFinalizers(obj).length > 0 || !obj.metadata?.deletionTimestamp,
    selectableFields: { 'status.phase': (obj) => (isPlainObject(obj.status) && typeof obj.status.phase === 'string' ? obj.status.phase : '') },
  },
});

const serviceaccounts = builtin({
  plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], printer: serviceAccountPrinter, schema: builtinSchema('io.k8s.api.core.v1.ServiceAccount'),
  strategy: { validate: legacyFinalizerErrors, validateUpdate: legacyFinalizerErrors },
});

/** The core/v1 types. */
export const coreTypes: readonly ResourceType[] = [namespaces, secrets, configmaps, serviceaccounts];
