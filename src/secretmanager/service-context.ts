/**
 * What the secret and version services share: their dependencies, the per-call context the
 * HTTP layer hands them (caller and audit target), and the resolution of a secret named in a
 * request, which checks the permission BEFORE revealing whether the secret exists.
 *
 * @module
 */
import type { Clock } from '../util/index.js';
import type { AccessControl, Principal } from './access.js';
import type { ChangeFeed, ChangeType } from './change-feed.js';
import type { Db } from './database.js';
import { notFound } from './errors.js';
import type { IamStore } from './iam-store.js';
import { checkSecretId, secretName } from './names.js';
import type { PayloadCipher } from './payload-cipher.js';
import type { Policy } from './policy.js';
import type { SecretSpec } from './secret-model.js';
import type { SecretRow, SecretStore } from './secret-store.js';

export interface ServiceDeps {
  readonly db: Db;
  readonly secrets: SecretStore;
  readonly iam: IamStore;
  readonly access: AccessControl;
  readonly feed: ChangeFeed;
  readonly cipher: PayloadCipher;
  readonly clock: Clock;
  /** Parsed specs of the store's (cached) rows. */
  readonly specs: WeakMap<SecretRow, SecretSpec>;
}

/** What the audit log will record about a call; services refine it as they learn more. */
export interface AuditTarget {
  /** Overrides the caller's name in the log (the OAuth endpoint records the claimed account). */
  principal?: string;
  /** Overrides the route's method name (the OAuth endpoint also issues ID tokens). */
  method?: string;
  project?: string;
  secretId?: string;
  resource: string;
}

/** One API call: who makes it, and what the audit log will say it touched. */
export interface Call {
  /** Set by the HTTP layer once the bearer token is verified. */
  principal: Principal;
  readonly audit: AuditTarget;
}

/** A project named in a request: its ID (undefined for an unknown number) and display segment. */
export interface ProjectRef {
  /** The project ID, or undefined when the path named a number no project here has. */
  readonly id: string | undefined;
  /** What names in responses carry: the project number when known, else the segment as given. */
  readonly display: string;
}

/** A secret a request names, after the permission check, known to exist. */
export interface ResolvedSecret {
  readonly project: string;
  readonly row: SecretRow;
  readonly spec: SecretSpec;
  readonly policy: Policy;
  /** `projects/{number}/secrets/{id}`, as in Google's responses. */
  readonly name: string;
  /** The project number used in response names. */
  readonly number: string;
}

export function nowIso(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** Resolves the project segment of a path (ID or number). */
export function projectRef(deps: ServiceDeps, segment: string): ProjectRef {
  const id = deps.iam.resolveProject(segment);
  return { id, display: id ? deps.iam.registerProject(id) : segment };
}

/**
 * Resolves `projects/{segment}/secrets/{secretId}` for a call needing `permission`. Denies
 * (PERMISSION_DENIED, "or it may not exist") before answering NOT_FOUND, as Google does.
 * `resourceForDenial` is the name quoted in a denial (defaults to the secret's name as given).
 */
export function resolveSecret(deps: ServiceDeps, call: Call, segment: string, secretId: string, permission: string, resourceForDenial?: string): ResolvedSecret {
  checkSecretId(secretId);
  const project = projectRef(deps, segment);
  call.audit.project = project.id ?? segment;
  call.audit.secretId = secretId;
  call.audit.resource = resourceForDenial?.replace(`projects/${segment}/`, `projects/${call.audit.project}/`) ?? secretName(call.audit.project, secretId);
  const row = project.id ? deps.secrets.getSecret(project.id, secretId) : undefined;
  const policy = row ? deps.access.secretPolicy(row.policy) : undefined;
  deps.access.require(call.principal, permission, {
    project: project.id ?? segment,
    ...(policy ? { secretPolicy: policy } : {}),
    resource: resourceForDenial ?? secretName(segment, secretId),
  });
  const name = secretName(project.display, secretId);
  if (!row || !policy) throw notFound(`Secret [${name}] not found.`);
  return { project: row.project, row, spec: specOf(deps, row), policy, name, number: project.display };
}

/** The parsed spec of a row, memoized per row object (rows are never modified in place). */
function specOf(deps: ServiceDeps, row: SecretRow): SecretSpec {
  let spec = deps.specs.get(row);
  if (!spec) {
    spec = JSON.parse(row.spec) as SecretSpec;
    deps.specs.set(row, spec);
  }
  return spec;
}

/** Records a change of `secret` in the feed (inside the caller's transaction). */
export function recordChange(deps: ServiceDeps, secret: Pick<ResolvedSecret, 'project' | 'row'>, type: ChangeType, version: number | null = null): void {
  deps.feed.record({ project: secret.project, secretId: secret.row.secret_id, version, type, secretPolicy: secret.row.policy });
}
