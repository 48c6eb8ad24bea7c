/**
 * IAM: the policy shape (`{version, bindings, etag}`), the roles this server knows with the
 * permissions each grants, validation of a policy a client sets, and the check "does any
 * binding grant this principal this permission".
 *
 * Role contents follow Google's predefined roles for the permissions this server checks
 * (https://cloud.google.com/iam/docs/understanding-roles). Conditional bindings are refused:
 * ignoring a condition would grant more than the caller asked for.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { GoogleApiError, invalidArgument } from './errors.js';

export interface Binding {
  readonly role: string;
  readonly members: readonly string[];
}

export interface Policy {
  readonly version?: number;
  readonly bindings?: readonly Binding[];
  readonly etag: string;
}

/** Google's etag of a policy that was never set. */
export const EMPTY_POLICY_ETAG = 'ACAB';
export const EMPTY_POLICY: Policy = { version: 1, etag: EMPTY_POLICY_ETAG };

/** A grant pattern: a permission, or a prefix ending in `*`. */
type Pattern = string;
interface RoleDefinition {
  readonly grants: readonly Pattern[];
  readonly except?: readonly Pattern[];
}

/** Every Secret Manager role also lets its holder see the project. */
const PROJECT_VISIBILITY = ['resourcemanager.projects.get', 'resourcemanager.projects.list'];

const SECRET_MANAGER_ROLES: Record<string, RoleDefinition> = {
  'roles/secretmanager.admin': { grants: ['secretmanager.*', ...PROJECT_VISIBILITY] },
  'roles/secretmanager.secretAccessor': { grants: ['secretmanager.versions.access', ...PROJECT_VISIBILITY] },
  'roles/secretmanager.secretVersionAdder': { grants: ['secretmanager.versions.add', ...PROJECT_VISIBILITY] },
  'roles/secretmanager.secretVersionManager': {
    grants: ['secretmanager.versions.add', 'secretmanager.versions.enable', 'secretmanager.versions.disable', 'secretmanager.versions.destroy', 'secretmanager.versions.get', 'secretmanager.versions.list', ...PROJECT_VISIBILITY],
  },
  'roles/secretmanager.viewer': {
    grants: ['secretmanager.secrets.get', 'secretmanager.secrets.getIamPolicy', 'secretmanager.secrets.list', 'secretmanager.versions.get', 'secretmanager.versions.list', 'secretmanager.locations.*', ...PROJECT_VISIBILITY],
  },
};

const PROJECT_ROLES: Record<string, RoleDefinition> = {
  ...SECRET_MANAGER_ROLES,
  'roles/owner': { grants: ['*'] },
  // Payload access is left out of the basic Editor role on purpose: the task asks for
  // secretAccessor, admin or owner, and granting too little is the safe side of doubt.
  'roles/editor': { grants: ['*'], except: ['*.setIamPolicy', 'resourcemanager.projects.getIamPolicy', 'secretmanager.versions.access'] },
  'roles/viewer': { grants: ['*.get', '*.list', '*.getIamPolicy'] },
  'roles/iam.serviceAccountAdmin': { grants: ['iam.serviceAccounts.*'] },
  'roles/iam.serviceAccountKeyAdmin': { grants: ['iam.serviceAccountKeys.*'] },
  'roles/serviceusage.serviceUsageAdmin': { grants: ['serviceusage.services.*'] },
  'roles/resourcemanager.projectIamAdmin': { grants: ['resourcemanager.projects.getIamPolicy', 'resourcemanager.projects.setIamPolicy'] },
};

/** Where a policy is attached: roles valid on a secret are a subset of those valid on a project. */
export type PolicyLevel = 'project' | 'secret';

function matches(pattern: Pattern, permission: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return permission.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return permission.startsWith(pattern.slice(0, -1));
  return pattern === permission;
}

/** True when `role` grants `permission`. Unknown roles grant nothing. */
export function roleGrants(role: string, permission: string): boolean {
  const definition = PROJECT_ROLES[role];
  if (!definition) return false;
  if (!definition.grants.some((p) => matches(p, permission))) return false;
  return !(definition.except ?? []).some((p) => matches(p, permission));
}

/** True when a binding of `policy` gives one of `members` a role that grants `permission`. */
export function policyGrants(policy: Policy | undefined, members: readonly string[], permission: string): boolean {
  for (const binding of policy?.bindings ?? []) {
    if (binding.members.some((m) => members.includes(m)) && roleGrants(binding.role, permission)) return true;
  }
  return false;
}

/** A fresh policy etag (base64 of 8 random bytes, the shape Google's have). */
export function newPolicyEtag(): string {
  return randomBytes(8).toString('base64');
}

const MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet|deleted:serviceAccount|deleted:user|deleted:group):.+$/;

/** What validation needs to know about the world: whether a service account exists. */
export interface PolicyContext {
  readonly level: PolicyLevel;
  readonly serviceAccountExists: (email: string) => boolean;
}

function checkMember(member: unknown, context: PolicyContext): string {
  if (typeof member !== 'string' || !(member === 'allUsers' || member === 'allAuthenticatedUsers' || MEMBER.test(member))) {
    throw invalidArgument(`Invalid member: ${JSON.stringify(member)?.slice(0, 200)}. Members look like user:EMAIL, serviceAccount:EMAIL, group:EMAIL, domain:DOMAIN, allUsers or allAuthenticatedUsers.`);
  }
  const email = member.startsWith('serviceAccount:') ? member.slice('serviceAccount:'.length) : undefined;
  if (email?.endsWith('.iam.gserviceaccount.com') && !context.serviceAccountExists(email)) {
    throw invalidArgument(`Service account ${email} does not exist.`);
  }
  return member;
}

function checkRole(role: unknown, context: PolicyContext): string {
  const known = context.level === 'secret' ? SECRET_MANAGER_ROLES : PROJECT_ROLES;
  if (typeof role !== 'string' || !Object.hasOwn(known, role)) {
    throw invalidArgument(`Role ${String(role).slice(0, 200)} is not supported for this resource.`);
  }
  return role;
}

function checkBinding(raw: unknown, context: PolicyContext): Binding {
  if (raw === null || typeof raw !== 'object') throw invalidArgument('Invalid policy: each binding must be an object with a role and members.');
  const binding = raw as { role?: unknown; members?: unknown; condition?: unknown };
  if (binding.condition !== undefined && binding.condition !== null) {
    throw invalidArgument('Conditional role bindings are not supported by this server.');
  }
  const role = checkRole(binding.role, context);
  if (!Array.isArray(binding.members) || binding.members.length === 0) throw invalidArgument(`Invalid policy: the binding for ${role} has no members.`);
  const members = [...new Set((binding.members as unknown[]).map((m) => checkMember(m, context)))].sort();
  return { role, members };
}

/** One binding per role, roles and members sorted, as Google returns them. */
function mergeBindings(bindings: readonly Binding[]): Binding[] {
  const byRole = new Map<string, Set<string>>();
  for (const binding of bindings) {
    const members = byRole.get(binding.role) ?? new Set<string>();
    for (const m of binding.members) members.add(m);
    byRole.set(binding.role, members);
  }
  return [...byRole].sort(([a], [b]) => a.localeCompare(b)).map(([role, members]) => ({ role, members: [...members].sort() }));
}

/**
 * Validates the policy of a setIamPolicy request against the current one and returns the
 * policy to store (with a new etag). Bindings of the same role are merged; empty bindings dropped.
 */
export function nextPolicy(current: Policy, requested: unknown, context: PolicyContext): Policy {
  if (requested === null || typeof requested !== 'object') throw invalidArgument('Field [policy] is required.');
  const { etag, bindings } = requested as { etag?: unknown; bindings?: unknown };
  if (etag !== undefined && etag !== '' && etag !== current.etag) {
    throw new GoogleApiError('ABORTED', 'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.');
  }
  if (bindings !== undefined && !Array.isArray(bindings)) throw invalidArgument('Invalid policy: bindings must be a list.');
  const merged = mergeBindings(((bindings as unknown[] | undefined) ?? []).map((raw) => checkBinding(raw, context)));
  return merged.length > 0 ? { version: 1, bindings: merged, etag: newPolicyEtag() } : { version: 1, etag: newPolicyEtag() };
}

/** Parses a stored policy. */
export function parsePolicy(text: string | undefined): Policy {
  return text ? (JSON.parse(text) as Policy) : EMPTY_POLICY;
}
