/**
 * Every built-in definition, and the schema reference of each built-in kind.
 *
 * @module
 */
import { type Definitions, ref } from '../builder.js';
import type { JsonSchema } from '../types.js';
import { APIEXTENSIONS_DEFINITIONS } from './apiextensions.js';
import { CORE_DEFINITIONS } from './core.js';
import { META_DEFINITIONS } from './meta.js';
import { REVIEW_DEFINITIONS } from './reviews.js';

/** All built-in OpenAPI definitions by name (`io.k8s.api.core.v1.Secret`, …). */
export const BUILTIN_DEFINITIONS: Definitions = Object.freeze({
  ...META_DEFINITIONS, ...CORE_DEFINITIONS, ...APIEXTENSIONS_DEFINITIONS, ...REVIEW_DEFINITIONS,
});

/** The schema of a built-in kind: a reference to its definition (throws for a name that does not exist, at start-up). */
export function builtinSchema(definition: string): JsonSchema {
  if (!BUILTIN_DEFINITIONS[definition]) throw new Error(`no built-in OpenAPI definition named ${definition}`);
  return ref(definition);
}
