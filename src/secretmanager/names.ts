/**
 * Resource names and identifiers. Projects are addressed by ID or by number, as in Google Cloud;
 * names in responses carry the project NUMBER (`projects/123456789012/secrets/s`), as Google's
 * do, while the audit log and encryption use the project ID, which never changes meaning.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from './errors.js';

/** Secret IDs: letters, digits, `_` and `-`, at most 255 characters (Google's rule). */
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
/**
 * Project IDs: Google's are 6-30 lower-case characters, optionally domain-scoped
 * (`example.com:proj`). Any ID must work here, so the rule is only "a plain path segment that
 * is not all digits" (all digits is a project number).
 */
const PROJECT_ID = /^[A-Za-z][A-Za-z0-9._:-]{0,99}$/;
const PROJECT_NUMBER = /^[0-9]{1,20}$/;
const VERSION_NUMBER = /^[1-9][0-9]{0,15}$/;

/** True when `segment` is a project number rather than an ID. */
export function isProjectNumber(segment: string): boolean {
  return PROJECT_NUMBER.test(segment);
}

/** Throws INVALID_ARGUMENT unless `segment` is usable as a project ID. */
export function checkProjectId(segment: string): string {
  if (!PROJECT_ID.test(segment)) throw invalidArgument(`Invalid project ID [${segment}].`);
  return segment;
}

/** Throws INVALID_ARGUMENT unless `id` is a valid secret ID. */
export function checkSecretId(id: string): string {
  if (!SECRET_ID.test(id)) {
    throw invalidArgument(
      `Invalid secret ID [${id.slice(0, 300)}]: it must be 1 to 255 characters of letters, digits, underscores (_) and hyphens (-).`,
    );
  }
  return id;
}

/**
 * The stable project number of a project ID: twelve digits derived from the ID, so the same ID
 * has the same number in every data directory (tests and documentation can rely on it).
 */
export function projectNumberOf(projectId: string): string {
  const digest = createHash('sha256').update(projectId).digest();
  const n = digest.readBigUInt64BE(0) % 900_000_000_000n;
  return String(100_000_000_000n + n);
}

/** A version reference in a request: a number, `latest`, or an alias from `versionAliases`. */
export type VersionRef = { readonly kind: 'number'; readonly number: number } | { readonly kind: 'latest' } | { readonly kind: 'alias'; readonly alias: string };

/** Parses the `{version}` segment of a version name. */
export function parseVersionRef(segment: string): VersionRef {
  if (segment === 'latest') return { kind: 'latest' };
  if (VERSION_NUMBER.test(segment)) return { kind: 'number', number: Number(segment) };
  if (/^[A-Za-z0-9_-]{1,63}$/.test(segment)) return { kind: 'alias', alias: segment };
  throw invalidArgument(`Invalid secret version [${segment.slice(0, 100)}].`);
}

/** `projects/{project}/secrets/{secret}` with the project segment as given. */
export function secretName(project: string, secretId: string): string {
  return `projects/${project}/secrets/${secretId}`;
}

/** `projects/{project}/secrets/{secret}/versions/{version}` with the segments as given. */
export function versionName(project: string, secretId: string, version: string | number): string {
  return `projects/${project}/secrets/${secretId}/versions/${version}`;
}
