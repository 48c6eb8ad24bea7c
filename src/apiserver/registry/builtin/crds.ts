/**
 * `apiextensions.k8s.io/v1` customresourcedefinitions, with apiextensions' strategy: bodies
 * decoded like the Go types and defaulted, status reset on create and kept on update (only the
 * storage version is appended to `status.storedVersions`), full CRD validation, and on the
 * first DELETE the `customresourcecleanup.apiextensions.k8s.io` finalizer and the Terminating
 * condition. Names, conditions, serving and cleanup are the in-server CRD controller's.
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import { CRD_CLEANUP_FINALIZER, decodeCrd, normalizeCrdStatus, recordStoredVersion, setCondition } from '../../crd/crd-codec.js';
import { namesOf } from '../../crd/crd-view.js';
import { validateCrd, validateCrdUpdate } from '../../crd/validation/crd.js';
import { namesErrors } from '../../crd/validation/parts.js';
import { builtinSchema } from '../../schema/builtin/index.js';
import type { ResourceType } from '../types.js';
import { builtin } from './define.js';

/** Strategy hooks mutate the object they are given: swap its content for the decoded one. */
function replaceContent(obj: KubeObject, next: KubeObject): void {
  for (const key of Object.keys(obj)) delete obj[key];
  Object.assign(obj, next);
}

/** The customresourcedefinitions built-in type (PUT needs a resourceVersion, as AllowUnconditionalUpdate is false). */
export const crdType: ResourceType = { ...builtin({
  group: 'apiextensions.k8s.io', plural: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false,
  shortNames: ['crd', 'crds'], categories: ['api-extensions'], status: true, tracksGeneration: true,
  schema: builtinSchema('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'),
  strategy: {
    prepareForCreate(obj) {
      replaceContent(obj, decodeCrd(obj));
      obj.status = { acceptedNames: { plural: '', kind: '' }, storedVersions: [] };
      recordStoredVersion(obj);
    },
    prepareForUpdate(obj, old) {
      replaceContent(obj, decodeCrd(obj));
      obj.status = structuredClone(old.status);
      recordStoredVersion(obj);
    },
    validate: (obj) => validateCrd(obj),
    validateUpdate: (obj, old) => validateCrdUpdate(obj, old),
    validateStatusUpdate: (obj) => namesErrors(namesOf((obj.status as { acceptedNames?: unknown } | undefined)?.acceptedNames), 'status.acceptedNames'),
    finalizersOnDelete: () => [CRD_CLEANUP_FINALIZER],
    prepareForDeletion(obj, ctx) {
      setCondition(obj, {
        type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending',
        message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
      }, ctx.now);
      normalizeCrdStatus(obj);
    },
  },
}), allowUnconditionalUpdate: false };
