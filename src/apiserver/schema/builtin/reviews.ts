/**
 * Schemas of the review kinds (authorization.k8s.io/v1 and authentication.k8s.io/v1): create-only
 * requests answered with a computed status, never stored.
 *
 * @module
 */
import { arr, bool, gvk, kindProperties, map, obj, ref, str } from '../builder.js';
import type { JsonSchema } from '../types.js';

const AUTHZ = 'io.k8s.api.authorization.v1';
const AUTHN = 'io.k8s.api.authentication.v1';
const strings = (description: string): JsonSchema => arr(description, { type: 'string', default: '' }, { 'x-kubernetes-list-type': 'atomic' });

const selectorRequirement = obj('A selector requirement: a key, an operator and values.', {
  key: str('The key the selector applies to.', { default: '' }), operator: str('The relationship of the key to the values.', { default: '' }),
  values: strings('The values.'),
}, { required: ['key', 'operator'] });

const selectorAttributes = (what: string): JsonSchema => obj(`A ${what} selector of a resource request.`, {
  rawSelector: str('The serialized selector.'),
  requirements: arr('The parsed requirements.', selectorRequirement, { 'x-kubernetes-list-type': 'atomic' }),
});

const accessStatus: JsonSchema = obj('The result of an access review.', {
  allowed: bool('Whether the action would be allowed.'),
  denied: bool('Whether the action would be denied. Allowed and denied cannot both be true.'),
  evaluationError: str('An indication that some error occurred during the authorization check.'),
  reason: str('Why the action is allowed or denied.'),
}, { required: ['allowed'] });

const userInfo = obj('Information about a user.', {
  extra: map('Any additional information provided by the authenticator.', strings('Values.')),
  groups: strings('The groups this user is part of.'),
  uid: str('A unique value identifying this user across time.'),
  username: str('The name that uniquely identifies this user among all active users.'),
});

/** A review kind: `spec` (named `<kind>Spec`, when `withSpec`) and a status definition filled in by the server. */
function review(kind: string, options: { group: string; pkg: string; description: string; status: string; withSpec: boolean }): JsonSchema {
  return obj(options.description, {
    ...kindProperties(),
    ...(options.withSpec ? { spec: ref(`${options.pkg}.${kind}Spec`, 'The request being evaluated.') } : {}),
    status: ref(options.status, 'Filled in by the server.'),
  }, { ...(options.withSpec ? { required: ['spec'] } : {}), ...gvk(options.group, 'v1', kind) });
}
const authz = (kind: string, description: string): JsonSchema =>
  review(kind, { group: 'authorization.k8s.io', pkg: AUTHZ, description, status: `${AUTHZ}.SubjectAccessReviewStatus`, withSpec: true });

const resourceAttributes = obj('The attributes of a resource request.', {
  fieldSelector: selectorAttributes('field'), group: str('The API group of the resource; "*" means all.'),
  labelSelector: selectorAttributes('label'), name: str('The name of the resource; empty means all.'),
  namespace: str('The namespace of the action; empty means all namespaces for namespaced resources.'),
  resource: str('One of the existing resource types; "*" means all.'), subresource: str('One of the existing subresources.'),
  verb: str('A Kubernetes verb such as get, list, watch, create, update, delete, proxy; "*" means all.'),
  version: str('The API version of the resource; "*" means all.'),
});
const nonResourceAttributes = obj('The attributes of a non-resource request.', { path: str('The URL path of the request.'), verb: str('The standard HTTP verb.') });
const accessSpec = { resourceAttributes: ref(`${AUTHZ}.ResourceAttributes`, 'Resource request information.'), nonResourceAttributes: ref(`${AUTHZ}.NonResourceAttributes`, 'Non-resource request information.') };

export const REVIEW_DEFINITIONS: Readonly<Record<string, JsonSchema>> = {
  [`${AUTHZ}.ResourceAttributes`]: resourceAttributes,
  [`${AUTHZ}.NonResourceAttributes`]: nonResourceAttributes,
  [`${AUTHZ}.SubjectAccessReviewStatus`]: accessStatus,
  [`${AUTHZ}.SelfSubjectAccessReviewSpec`]: obj('The action to check for the requesting user. Exactly one of the attribute sets must be set.', accessSpec),
  [`${AUTHZ}.SelfSubjectAccessReview`]: authz('SelfSubjectAccessReview', 'Checks whether the current user can perform an action.'),
  [`${AUTHZ}.SubjectAccessReviewSpec`]: obj('The action and the user to check.', {
    ...accessSpec, extra: map('Extra user information.', strings('Values.')), groups: strings('The groups being tested.'),
    uid: str('Information about the requesting user.'), user: str('The user being tested.'),
  }),
  [`${AUTHZ}.SubjectAccessReview`]: authz('SubjectAccessReview', 'Checks whether a user or group can perform an action.'),
  [`${AUTHZ}.SelfSubjectRulesReviewSpec`]: obj('The namespace whose rules to list.', { namespace: str('The namespace to evaluate rules for. Required.') }),
  [`${AUTHZ}.ResourceRule`]: obj('What actions a subject may perform on resources.', {
    apiGroups: strings('API groups; "*" means all.'), resourceNames: strings('Names of the resources; empty means all.'),
    resources: strings('Resources; "*" means all.'), verbs: strings('Verbs; "*" means all.'),
  }, { required: ['verbs'] }),
  [`${AUTHZ}.NonResourceRule`]: obj('What actions a subject may perform on non-resource URLs.', {
    nonResourceURLs: strings('Partial URLs; "*" means all.'), verbs: strings('Verbs; "*" means all.'),
  }, { required: ['verbs'] }),
  [`${AUTHZ}.SubjectRulesReviewStatus`]: obj('The set of actions a user may perform.', {
    evaluationError: str('An indication that some error occurred during the rules evaluation.'),
    incomplete: bool('True when the rules returned are incomplete.'),
    nonResourceRules: arr('Rules on non-resource URLs.', ref(`${AUTHZ}.NonResourceRule`), { 'x-kubernetes-list-type': 'atomic' }),
    resourceRules: arr('Rules on resources.', ref(`${AUTHZ}.ResourceRule`), { 'x-kubernetes-list-type': 'atomic' }),
  }, { required: ['resourceRules', 'nonResourceRules', 'incomplete'] }),
  [`${AUTHZ}.SelfSubjectRulesReview`]: review('SelfSubjectRulesReview', {
    group: 'authorization.k8s.io', pkg: AUTHZ, description: 'Lists the actions the current user may perform in a namespace.', status: `${AUTHZ}.SubjectRulesReviewStatus`, withSpec: true,
  }),
  [`${AUTHN}.UserInfo`]: userInfo,
  [`${AUTHN}.TokenReviewSpec`]: obj('The token to authenticate.', { audiences: strings('Audiences the token must be valid for.'), token: str('The opaque bearer token.') }),
  [`${AUTHN}.TokenReviewStatus`]: obj('The result of the token authentication.', {
    audiences: strings('Audiences the token is valid for.'), authenticated: bool('Whether the token is associated with a known user.'),
    error: str('Why the token could not be checked.'), user: ref(`${AUTHN}.UserInfo`, 'The user associated with the token.'),
  }),
  [`${AUTHN}.TokenReview`]: review('TokenReview', {
    group: 'authentication.k8s.io', pkg: AUTHN, description: 'Authenticates a token against the server.', status: `${AUTHN}.TokenReviewStatus`, withSpec: true,
  }),
  [`${AUTHN}.SelfSubjectReviewStatus`]: obj('The user information of the requester.', { userInfo: ref(`${AUTHN}.UserInfo`, 'The attributes of the user.') }),
  [`${AUTHN}.SelfSubjectReview`]: review('SelfSubjectReview', {
    group: 'authentication.k8s.io', pkg: AUTHN, description: 'Returns the user attributes the server sees for the requester.', status: `${AUTHN}.SelfSubjectReviewStatus`, withSpec: false,
  }),
};
