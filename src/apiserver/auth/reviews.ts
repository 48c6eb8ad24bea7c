/**
 * The review kinds: create-only requests answered from who the caller is, never stored.
 * Authorization is all-or-nothing today: every authenticated user holds an admin token
 * (group `system:masters`), so access reviews allow everything for members of that group and
 * deny everyone else; RBAC objects are not evaluated (see docs/apiserver-security.md).
 *
 * - authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`), SelfSubjectRulesReview
 *   (`kubectl auth can-i --list`), SubjectAccessReview;
 * - authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`), TokenReview.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import type { RequestUser, ResourceType, ReviewHandler } from '../registry/types.js';
import { builtin } from '../registry/builtin/define.js';
import { builtinSchema } from '../schema/builtin/index.js';

const MASTERS = 'system:masters';

function userInfo(user: RequestUser): Record<string, unknown> {
  return { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups] };
}

/** The object kube answers a review with: the request as sent, with a status and an empty creationTimestamp. */
function answer(obj: KubeObject, status: Record<string, unknown>): KubeObject {
  return { ...obj, metadata: { ...(obj.metadata ?? {}), creationTimestamp: null }, status };
}

function accessStatus(groups: readonly string[]): Record<string, unknown> {
  return groups.includes(MASTERS) ? { allowed: true } : { allowed: false, reason: 'only members of system:masters are authorized by this server' };
}

const selfSubjectAccessReview: ReviewHandler = (obj, ctx) => answer(obj, accessStatus(ctx.user.groups));

const subjectAccessReview: ReviewHandler = (obj) => {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const groups = Array.isArray(spec.groups) ? spec.groups.map(String) : [];
  return answer(obj, accessStatus(groups));
};

const selfSubjectRulesReview: ReviewHandler = (obj, ctx) => answer(obj, ctx.user.groups.includes(MASTERS)
  ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
  : { resourceRules: [], nonResourceRules: [], incomplete: false });

const selfSubjectReview: ReviewHandler = (obj, ctx) => answer(obj, { userInfo: userInfo(ctx.user) });

const tokenReview: ReviewHandler = (obj, ctx) => {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const token = typeof spec.token === 'string' ? spec.token : '';
  const user = token === '' ? undefined : ctx.authenticateToken?.(token);
  const audiences = Array.isArray(spec.audiences) ? spec.audiences.map(String) : [];
  return answer(obj, user ? { authenticated: true, user: userInfo(user), ...(audiences.length > 0 ? { audiences } : {}) } : { user: {} });
};

const review = (group: string, plural: string, kind: string, definition: string, handler: ReviewHandler): ResourceType =>
  builtin({ group, plural, kind, namespaced: false, schema: builtinSchema(definition), review: handler });

/** The review kinds, served in every logical cluster. */
export const reviewTypes: readonly ResourceType[] = [
  review('authentication.k8s.io', 'selfsubjectreviews', 'SelfSubjectReview', 'io.k8s.api.authentication.v1.SelfSubjectReview', selfSubjectReview),
  review('authentication.k8s.io', 'tokenreviews', 'TokenReview', 'io.k8s.api.authentication.v1.TokenReview', tokenReview),
  review('authorization.k8s.io', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', 'io.k8s.api.authorization.v1.SelfSubjectAccessReview', selfSubjectAccessReview),
  review('authorization.k8s.io', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', 'io.k8s.api.authorization.v1.SelfSubjectRulesReview', selfSubjectRulesReview),
  review('authorization.k8s.io', 'subjectaccessreviews', 'SubjectAccessReview', 'io.k8s.api.authorization.v1.SubjectAccessReview', subjectAccessReview),
];
