/**
 * Who is calling and what they may do. Every call is made by a {@link Principal}: the admin
 * (the token in the data directory, which gcloud uses) or a service account (a token from the
 * OAuth endpoint, or a JWT self-signed with one of its keys). The admin may do everything; a
 * service account needs a role that grants the permission, bound on the project or on the secret.
 *
 * @module
 */
import { permissionDenied } from './errors.js';
import type { IamStore } from './iam-store.js';
import { parsePolicy, policyGrants, type Policy } from './policy.js';

export type Principal =
  | { readonly kind: 'admin' }
  | { readonly kind: 'serviceAccount'; readonly email: string; readonly uniqueId: string }
  /** The caller of the OAuth endpoint, before its assertion is verified. Holds no permission. */
  | { readonly kind: 'anonymous' };

/** The admin principal. */
export const ADMIN: Principal = { kind: 'admin' };
export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** How a principal is written in the audit log: `admin`, `serviceAccount:EMAIL` or `anonymous`. */
export function principalName(principal: Principal): string {
  return principal.kind === 'serviceAccount' ? `serviceAccount:${principal.email}` : principal.kind;
}

/** The IAM members that stand for `principal` in a binding. */
function membersOf(principal: Principal): readonly string[] {
  if (principal.kind !== 'serviceAccount') return [];
  return [`serviceAccount:${principal.email}`, 'allAuthenticatedUsers', 'allUsers'];
}

/** What a permission is checked on: a project, and optionally a secret's own policy. */
export interface AccessTarget {
  readonly project: string;
  /** The secret's policy when the secret exists; absent for project-level checks. */
  readonly secretPolicy?: Policy;
  /** Resource name quoted in the denial (as the caller wrote it). */
  readonly resource: string;
}

/** Parses stored policies once per distinct text; they are small and change rarely. */
class PolicyCache {
  readonly #entries = new Map<string, Policy>();
  get(text: string): Policy {
    let policy = this.#entries.get(text);
    if (!policy) {
      if (this.#entries.size >= 4096) this.#entries.clear();
      policy = parsePolicy(text);
      this.#entries.set(text, policy);
    }
    return policy;
  }
}

/** Permission checks against project and secret policies. */
export class AccessControl {
  readonly #policies = new PolicyCache();

  constructor(private readonly iam: IamStore) {}

  /** Parses a stored secret policy through the shared cache. */
  secretPolicy(text: string): Policy {
    return this.#policies.get(text);
  }

  /** True when `principal` holds `permission` on the target. */
  allows(principal: Principal, permission: string, target: Omit<AccessTarget, 'resource'>): boolean {
    if (principal.kind === 'admin') return true;
    const members = membersOf(principal);
    const projectText = this.iam.projectPolicy(target.project);
    if (projectText && policyGrants(this.#policies.get(projectText), members, permission)) return true;
    return policyGrants(target.secretPolicy, members, permission);
  }

  /** Throws PERMISSION_DENIED unless `principal` holds `permission` on the target. */
  require(principal: Principal, permission: string, target: AccessTarget): void {
    if (!this.allows(principal, permission, target)) throw permissionDenied(permission, target.resource);
  }
}
