/**
 * Routes of the IAM subset (service accounts and keys), Resource Manager (project IAM policy),
 * Service Usage (enable) and the OAuth token endpoint. They share the server with Secret
 * Manager: gcloud's endpoint overrides for each API all point at it.
 *
 * @module
 */
import type { IamService } from '../iam-service.js';
import type { OAuthService } from '../oauth-service.js';
import { serviceIds, type ProjectServices } from '../project-services.js';
import { parseForm, parseJson } from './exchange.js';
import { path, type Route, type RouteContext } from './router.js';

const p = (context: RouteContext, i: number): string => context.params[i]!;

export function iamRoutes(iam: IamService): Route[] {
  const account = '/v1/projects/{p}/serviceAccounts/{a}';
  return [
    { method: 'GET', pattern: path('/v1/projects/{p}/serviceAccounts'), name: 'ListServiceAccounts', handle: (c) => iam.list(c.call, p(c, 0), { pageSize: c.query.get('pageSize'), pageToken: c.query.get('pageToken') }) },
    { method: 'POST', pattern: path('/v1/projects/{p}/serviceAccounts'), name: 'CreateServiceAccount', handle: (c) => iam.create(c.call, p(c, 0), parseJson(c.body)) },
    { method: 'GET', pattern: path(account), name: 'GetServiceAccount', handle: (c) => iam.get(c.call, p(c, 0), p(c, 1)) },
    { method: 'DELETE', pattern: path(account), name: 'DeleteServiceAccount', handle: (c) => iam.delete(c.call, p(c, 0), p(c, 1)) },
    { method: 'POST', pattern: path(`${account}:disable`), name: 'DisableServiceAccount', handle: (c) => iam.setDisabled(c.call, p(c, 0), p(c, 1), true) },
    { method: 'POST', pattern: path(`${account}:enable`), name: 'EnableServiceAccount', handle: (c) => iam.setDisabled(c.call, p(c, 0), p(c, 1), false) },
    { method: 'GET', pattern: path(`${account}/keys`), name: 'ListServiceAccountKeys', handle: (c) => iam.listKeys(c.call, p(c, 0), p(c, 1)) },
    { method: 'POST', pattern: path(`${account}/keys`), name: 'CreateServiceAccountKey', handle: (c) => iam.createKey(c.call, p(c, 0), p(c, 1), parseJson(c.body)) },
    { method: 'GET', pattern: path(`${account}/keys/{k}`), name: 'GetServiceAccountKey', handle: (c) => iam.getKey(c.call, p(c, 0), p(c, 1), p(c, 2), c.query.get('publicKeyType')) },
    { method: 'DELETE', pattern: path(`${account}/keys/{k}`), name: 'DeleteServiceAccountKey', handle: (c) => iam.deleteKey(c.call, p(c, 0), p(c, 1), p(c, 2)) },
  ];
}

export function projectRoutes(projects: ProjectServices): Route[] {
  const services = '/v1/projects/{p}/services';
  return [
    { method: 'GET', pattern: path('/v1/projects/{p}'), name: 'GetProject', handle: (c) => projects.getProject(c.call, p(c, 0)) },
    { method: 'POST', pattern: path('/v1/projects/{p}:getIamPolicy'), name: 'GetProjectIamPolicy', handle: (c) => projects.getIamPolicy(c.call, p(c, 0)) },
    { method: 'POST', pattern: path('/v1/projects/{p}:setIamPolicy'), name: 'SetProjectIamPolicy', handle: (c) => projects.setIamPolicy(c.call, p(c, 0), parseJson(c.body)) },
    { method: 'POST', pattern: path(`${services}/{s}:enable`), name: 'EnableService', handle: (c) => projects.setServicesState(c.call, p(c, 0), [p(c, 1)], true) },
    { method: 'POST', pattern: path(`${services}/{s}:disable`), name: 'DisableService', handle: (c) => projects.setServicesState(c.call, p(c, 0), [p(c, 1)], false) },
    { method: 'POST', pattern: path(`${services}:batchEnable`), name: 'BatchEnableServices', handle: (c) => projects.setServicesState(c.call, p(c, 0), serviceIds(parseJson(c.body)), true) },
    { method: 'GET', pattern: path(`${services}/{s}`), name: 'GetService', handle: (c) => projects.getService(c.call, p(c, 0), p(c, 1)) },
    { method: 'GET', pattern: path(services), name: 'ListServices', handle: (c) => projects.listServices(c.call, p(c, 0)) },
    { method: 'GET', pattern: path('/v1/operations/{o}'), name: 'GetOperation', handle: (c) => projects.getOperation(`operations/${p(c, 0)}`) },
  ];
}

export function oauthRoutes(oauth: OAuthService): Route[] {
  const token: Route['handle'] = (c) => oauth.exchange(c.call, parseForm(c.request, c.body));
  return [
    { method: 'POST', pattern: path('/token'), name: 'GenerateAccessToken', auth: 'none', handle: token },
    { method: 'POST', pattern: path('/oauth2/v4/token'), name: 'GenerateAccessToken', auth: 'none', handle: token },
  ];
}
