/**
 * Everything one served version's schema does to custom resources, in kube-apiserver's order:
 *
 * - requests (`unstructuredSchemaCoercer` on decode): metadata decoded as ObjectMeta (a
 *   mistyped field fails), unknown fields pruned, non-nullable nulls without default dropped,
 *   embedded resources coerced, then defaults applied;
 * - reads from storage: the same, dropping malformed metadata instead of failing;
 * - validation (`customResourceStrategy.Validate`): the schema, embedded resources and
 *   list-type invariants; updates ratchet (errors on values the update did not change are
 *   dropped, as CRDValidationRatcheting does); `/status` writes validate only `status`.
 *
 * @module
 */
import { isPlainObject } from '../../../api/object.js';
import type { KubeObject } from '../../../api/object.js';
import type { FieldError } from '../../registry/types.js';
import { issuesToFieldErrors } from './field-errors.js';
import { listTypeErrors } from './listtype.js';
import { coerceEmbeddedResources, coerceObjectMeta, validateEmbeddedResources } from './objectmeta.js';
import { applyDefaults, dropNonNullableNulls, pruneUnknownFields } from './prune.js';
import { type Schema, parseSchema } from './schema.js';
import { type SchemaIssue, validateAgainstSchema } from './validator.js';

/** A request body that does not decode (kube answers 400 `... cannot be handled as a <Kind>: <reason>`). */
export class CoercionError extends Error {}

function valueAt(obj: unknown, at: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let current: unknown = obj;
  for (const step of at) {
    if (typeof step === 'number' ? !Array.isArray(current) || step >= current.length : !isPlainObject(current) || !(step in current)) return { found: false };
    current = (current as Record<string | number, unknown>)[step];
  }
  return { found: true, value: current };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Ratcheting: an issue on a value that the update left exactly as it was is not reported. */
function unchanged(issue: SchemaIssue, obj: unknown, old: unknown): boolean {
  const before = valueAt(old, issue.at);
  const now = valueAt(obj, issue.at);
  return before.found && now.found && sameJson(before.value, now.value);
}

export class ResourceSchema {
  /** The structural schema, undefined when the version has none (everything is preserved). */
  readonly schema: Schema | undefined;
  readonly #status: Schema | undefined;

  constructor(openAPIV3Schema: Readonly<Record<string, unknown>> | undefined) {
    this.schema = openAPIV3Schema ? parseSchema(openAPIV3Schema) : undefined;
    this.#status = this.schema?.properties?.get('status');
  }

  /**
   * Coerces a request body in place; returns the pruned field paths (for strict field
   * validation). @throws CoercionError for metadata or embedded resources that do not decode.
   */
  coerceRequest(obj: KubeObject): string[] {
    return this.#coerce(obj, false);
  }

  /** Coerces an object read from storage in place (malformed metadata fields are dropped). */
  coerceStored(obj: KubeObject): void {
    this.#coerce(obj, true);
  }

  /** Applies defaults in place. */
  default(obj: KubeObject): void {
    applyDefaults(obj, this.schema);
  }

  /** Schema, embedded-resource and list-type errors of `obj`; with `old`, unchanged values are not reported. */
  validate(obj: KubeObject, old?: KubeObject): FieldError[] {
    if (!this.schema) return [];
    let issues = validateAgainstSchema(this.schema, obj);
    if (old) issues = issues.filter((i) => !unchanged(i, obj, old));
    const listErrors = !old || listTypeErrors(old, this.schema).length === 0 ? listTypeErrors(obj, this.schema) : [];
    return [...issuesToFieldErrors(issues), ...validateEmbeddedResources(obj, this.schema), ...listErrors];
  }

  /** Validation of a `/status` write: only `status`, against its own schema. */
  validateStatus(obj: KubeObject, old: KubeObject): FieldError[] {
    if (!this.#status || obj.status === undefined) return [];
    const issues = validateAgainstSchema(this.#status, obj.status).filter((i) => !unchanged(i, obj.status, old.status));
    return issuesToFieldErrors(issues, 'status');
  }

  #coerce(obj: KubeObject, dropInvalid: boolean): string[] {
    const meta = coerceObjectMeta(obj.metadata, dropInvalid);
    if (meta.error) throw new CoercionError(meta.error);
    let unknown: string[] = [...meta.unknownFields];
    if (this.schema) {
      unknown = [...unknown, ...pruneUnknownFields(obj, this.schema, true)];
      dropNonNullableNulls(obj, this.schema);
      const problem = coerceEmbeddedResources(obj, this.schema, { dropInvalid });
      if (problem) throw new CoercionError(problem);
    }
    if (meta.meta) obj.metadata = meta.meta;
    return unknown.sort();
  }
}
