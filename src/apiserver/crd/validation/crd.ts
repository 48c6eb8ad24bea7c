/**
 * ValidateCustomResourceDefinition and ValidateCustomResourceDefinitionUpdate
 * (apiextensions' `pkg/apis/apiextensions/validation/validation.go`), on a decoded v1 CRD, with
 * the field paths of kube's internal version ({@link internalLayout}).
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { type CrdVersion, type CrdView, type InternalLayout, conditionTrue, crdView, internalLayout } from '../crd-view.js';
import { GoStructJson } from '../schema/go-format.js';
import { parseSchema } from '../schema/schema.js';
import { dns1035LabelErrors, dns1123SubdomainErrors, enumErrors, fe } from './dns.js';
import { internalVersions } from './internal-json.js';
import { openApiChecks, statusRootErrors } from './openapi-checks.js';
import { columnErrors, conversionErrors, namesErrors, scaleErrors, selectableFieldErrors } from './parts.js';
import { validateDefaults, validateStructural } from './structural.js';

type Json = Readonly<Record<string, unknown>>;

interface Options {
  /** Every version must carry a schema (always on create; on update only if the old CRD did). */
  readonly requireOpenAPISchema: boolean;
}

/** validateCustomResourceDefinitionValidation for one schema at `path` (`spec.validation` or `spec.versions[i].schema`). */
function schemaErrors(schemaField: Json | undefined, statusEnabled: boolean, path: string): FieldError[] {
  const schema = schemaField?.openAPIV3Schema;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const root = schema as Json;
  const at = `${path}.openAPIV3Schema`;
  const errors = statusEnabled ? statusRootErrors(root, path) : [];
  if (root.nullable === true) errors.push(fe.forbidden(`${at}.nullable`, 'nullable cannot be true at the root'));
  const structural = validateStructural(root, at);
  errors.push(...(structural.length > 0 ? structural : validateDefaults(root, at)));
  errors.push(...openApiChecks(root, at, { allowDefaults: true, defaultsReason: '', insideResourceMeta: false }, true));
  return errors;
}

function deprecationErrors(v: CrdVersion, path: string): FieldError[] {
  const warning = v.deprecationWarning;
  if (warning === undefined) return [];
  if (!v.deprecated) return [fe.invalid(`${path}.deprecationWarning`, warning, 'can only be set for deprecated versions')];
  const problems: string[] = [];
  if ([...warning].length > 256) problems.push('must be <= 256 characters long');
  if (warning.length === 0) problems.push('must not be an empty string');
  const control = [...warning].findIndex((c) => /[\p{Cc}]/u.test(c));
  if (control >= 0) problems.push(`must only contain printable UTF-8 characters; non-printable character found at index ${control}`);
  return problems.map((p) => fe.invalid(`${path}.deprecationWarning`, warning, p));
}

function statusEnabledFor(view: CrdView, layout: InternalLayout, v: CrdVersion): boolean {
  return (layout.subresources ? view.versions[0]?.subresources?.status : v.subresources?.status) === true;
}

/** validateCustomResourceDefinitionVersion: what stays per version in the internal layout. */
function versionErrors(view: CrdView, layout: InternalLayout, v: CrdVersion, path: string): FieldError[] {
  const errors = deprecationErrors(v, path);
  if (!layout.schema) errors.push(...schemaErrors(v.schemaField, statusEnabledFor(view, layout, v), `${path}.schema`));
  if (!layout.subresources) errors.push(...scaleErrors(v.subresources?.scale, `${path}.subresources`));
  if (!layout.columns) v.additionalPrinterColumns.forEach((c, i) => errors.push(...columnErrors(c, `${path}.additionalPrinterColumns[${i}]`)));
  if (!layout.selectableFields && v.selectableFields.length > 0) {
    if (layout.schema || !v.openAPIV3Schema) errors.push(fe.invalid(`${path}.selectableFields`, '', 'may only be set when `version.schema.openAPIV3Schema` is not included'));
    else errors.push(...selectableFieldErrors(v.selectableFields, parseSchema(v.openAPIV3Schema), `${path}.selectableFields`));
  }
  return errors;
}

function groupErrors(group: string): FieldError[] {
  if (group === '') return [fe.required('spec.group')];
  const problems = dns1123SubdomainErrors(group);
  if (problems.length > 0) return [fe.invalid('spec.group', group, problems.join(','))];
  return group.split('.').length < 2 ? [fe.invalid('spec.group', group, 'should be a domain with at least one dot')] : [];
}

function missingSchemaErrors(view: CrdView, layout: InternalLayout, options: Options): FieldError[] {
  if (!options.requireOpenAPISchema) return [];
  const top = layout.schema ? view.versions[0]?.schemaField : undefined;
  if (top?.openAPIV3Schema) return [];
  return view.versions.flatMap((v, i) => (layout.schema || !v.openAPIV3Schema ? [fe.required(`spec.versions[${i}].schema.openAPIV3Schema`)] : []));
}

function hasDefaults(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDefaults);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => (k === 'default' && v !== null && v !== undefined) || hasDefaults(v));
}

function versionListErrors(view: CrdView, layout: InternalLayout): FieldError[] {
  const errors: FieldError[] = [];
  view.versions.forEach((v, i) => {
    const problems = dns1035LabelErrors(v.name);
    if (problems.length > 0) errors.push(fe.invalid(`spec.versions[${i}].name`, v.name, problems.join(',')));
    errors.push(...versionErrors(view, layout, v, `spec.versions[${i}]`));
  });
  const rendered = (): GoStructJson => new GoStructJson(internalVersions(view.versions, layout));
  if (new Set(view.versions.map((v) => v.name)).size !== view.versions.length) errors.push(fe.invalid('spec.versions', rendered(), 'must contain unique version names'));
  if (view.versions.filter((v) => v.storage).length !== 1) errors.push(fe.invalid('spec.versions', rendered(), 'must have exactly one version marked as storage version'));
  return errors;
}

function topLevelErrors(view: CrdView, layout: InternalLayout): FieldError[] {
  const errors: FieldError[] = [];
  const first = view.versions[0];
  if (!first) return errors;
  const anyStatus = view.versions.some((v) => v.subresources?.status === true);
  if (layout.schema) errors.push(...schemaErrors(first.schemaField, anyStatus, 'spec.validation'));
  if (layout.subresources) errors.push(...scaleErrors(first.subresources?.scale, 'spec.subresources'));
  if (layout.columns) first.additionalPrinterColumns.forEach((c, i) => errors.push(...columnErrors(c, `spec.additionalPrinterColumns[${i}]`)));
  if (layout.selectableFields && first.selectableFields.length > 0) {
    const schema = layout.schema ? first.openAPIV3Schema : undefined;
    if (!layout.schema || !first.schemaField) errors.push(fe.invalid('spec.selectableFields', '', 'may only be set when validations.schema is included'));
    else errors.push(...selectableFieldErrors(first.selectableFields, schema ? parseSchema(schema) : undefined, 'spec.selectableFields'));
  }
  return errors;
}

/** validateCustomResourceDefinitionSpec. */
function specErrors(view: CrdView, options: Options): FieldError[] {
  const layout = internalLayout(view);
  const errors = [...groupErrors(view.group), ...enumErrors('spec.scope', view.scope, ['Cluster', 'Namespaced'])];
  errors.push(...missingSchemaErrors(view, layout, options));
  if (view.preserveUnknownFields && view.versions.some((v) => hasDefaults(v.schemaField))) {
    errors.push(fe.invalid('spec.preserveUnknownFields', true, 'must be false in order to use defaults in the schema'));
  }
  errors.push(...versionListErrors(view, layout));
  for (const key of ['plural', 'singular', 'kind', 'listKind'] as const) if (view.names[key] === '') errors.push(fe.required(`spec.names.${key}`));
  errors.push(...namesErrors(view.names, 'spec.names'), ...topLevelErrors(view, layout));
  if (view.conversion && view.conversion.strategy !== 'None' && view.preserveUnknownFields) {
    errors.push(fe.invalid('spec.conversion.strategy', view.conversion.strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  errors.push(...conversionErrors(view.conversion, 'spec.conversion'));
  return errors;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function storedVersionErrors(view: CrdView): FieldError[] {
  const stored = view.storedVersions;
  if (stored.length === 0) return [fe.invalid('status.storedVersions', stored, 'must have at least one stored version')];
  const errors: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of view.versions) {
    if (v.storage && !remaining.has(v.name)) errors.push(fe.invalid('status.storedVersions', stored, `must have the storage version ${v.name}`));
    remaining.delete(v.name);
  }
  for (const [v, i] of remaining) {
    errors.push(fe.invalid(`status.storedVersions[${i}]`, v, `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`));
  }
  return errors;
}

function commonErrors(crd: KubeObject, view: CrdView, options: Options): FieldError[] {
  const errors: FieldError[] = [];
  const required = `${view.names.plural}.${view.group}`;
  if (crd.metadata?.name !== required) errors.push(fe.invalid('metadata.name', crd.metadata?.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  errors.push(...specErrors(view, options), ...namesErrors(view.acceptedNames, 'status.acceptedNames'), ...storedVersionErrors(view));
  if (view.preserveUnknownFields) {
    errors.push(fe.invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errors;
}

/** ValidateCustomResourceDefinition (metadata itself is validated by the generic store). */
export function validateCrd(crd: KubeObject): FieldError[] {
  return commonErrors(crd, crdView(crd), { requireOpenAPISchema: true });
}

/** ValidateCustomResourceDefinitionUpdate: group and plural never change; scope and kind once established. */
export function validateCrdUpdate(crd: KubeObject, old: KubeObject): FieldError[] {
  const view = crdView(crd);
  const before = crdView(old);
  const requireOpenAPISchema = before.versions.every((v) => v.openAPIV3Schema !== undefined);
  const errors = commonErrors(crd, view, { requireOpenAPISchema });
  if (conditionTrue(before, 'Established')) {
    if (view.scope !== before.scope) errors.push(fe.immutable('spec.scope', view.scope));
    if (view.names.kind !== before.names.kind) errors.push(fe.immutable('spec.names.kind', view.names.kind));
  }
  if (view.group !== before.group) errors.push(fe.immutable('spec.group', view.group));
  if (view.names.plural !== before.names.plural) errors.push(fe.immutable('spec.names.plural', view.names.plural));
  return errors;
}
