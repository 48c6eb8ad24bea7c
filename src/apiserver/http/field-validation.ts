/**
 * `?fieldValidation=Ignore|Warn|Strict` (default Warn) on writes: unknown and duplicate fields in
 * the request body are a 400 `strict decoding error: …` under Strict, `Warning` headers under
 * Warn, and silently dropped under Ignore. Unknown fields never reach storage in any mode, as
 * kube's decoder drops them for built-in kinds and pruning drops them for custom resources.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../api/object.js';
import { crSchema } from '../openapi/cr-schema.js';
import type { ResourceType } from '../registry/types.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { findDuplicateKeys } from '../schema/duplicates.js';
import { findUnknownFields } from '../schema/fields.js';
import type { JsonSchema } from '../schema/types.js';
import { badRequest, invalid } from './status.js';

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

const DIRECTIVES: readonly FieldValidation[] = ['Ignore', 'Warn', 'Strict'];

/** Parses the query parameter; `optionsKind` names the options type in the 422 (CreateOptions, UpdateOptions, PatchOptions). */
export function parseFieldValidation(query: URLSearchParams, optionsKind: string): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if ((DIRECTIVES as readonly string[]).includes(value)) return value as FieldValidation;
  throw invalid({ group: 'meta.k8s.io', kind: optionsKind }, '', [{
    type: 'FieldValueNotSupported', field: 'fieldValidation', message: `Unsupported value: "${value}": supported values: "", "Ignore", "Strict", "Warn"`,
  }]);
}

/** The schema objects of `type` are checked against at `version`. */
export function effectiveSchema(type: ResourceType, version: string): JsonSchema | undefined {
  if (type.origin.kind === 'crd') return crSchema(type, version);
  return type.versions.find((v) => v.name === version)?.schema;
}

/** Go's %q of ASCII text. */
const quote = (text: string): string => JSON.stringify(text);

/**
 * Checks and prunes `obj` per `mode`. `json` is the raw body text when it was JSON (for
 * duplicate keys). Returns the warnings to send; throws 400 under Strict.
 */
export function checkFields(obj: KubeObject, target: { type: ResourceType; version: string }, options: { mode: FieldValidation; json?: string }): string[] {
  const schema = effectiveSchema(target.type, target.version);
  // A type that knows what its own decoding drops (custom resources: kube's schema coercion) says
  // which fields are unknown; the schema walk below still prunes them before anything records them.
  const declared = target.type.strategy.unknownFields?.(obj);
  const found = schema ? findUnknownFields(obj, schema, { definitions: BUILTIN_DEFINITIONS, prune: true }) : [];
  const unknown = declared ?? found;
  if (options.mode === 'Ignore') return [];
  const duplicates = options.json !== undefined ? findDuplicateKeys(options.json) : [];
  const problems = [...duplicates.map((p) => `duplicate field ${quote(p)}`), ...unknown.map((p) => `unknown field ${quote(p)}`)];
  if (problems.length === 0) return [];
  if (options.mode === 'Strict') throw badRequest(`strict decoding error: ${problems.join(', ')}`);
  return problems;
}

/** Adds `Warning: 299 - "…"` headers (kube's warning format) for each message. */
export function addWarnings(res: ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0 || res.headersSent) return;
  const existing = res.getHeader('Warning');
  const previous = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
  res.setHeader('Warning', [...previous, ...warnings.map((w) => `299 - ${quote(w)}`)]);
}
