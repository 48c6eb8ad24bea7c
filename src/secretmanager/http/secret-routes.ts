/**
 * Routes of the Secret Manager REST API v1 (`/v1/projects/{p}/secrets…`), the paths gcloud and
 * the client libraries call. The hot path, `:access`, comes first.
 *
 * @module
 */
import type { SecretsService } from '../secrets-service.js';
import type { VersionsService } from '../versions-service.js';
import { parseJson } from './exchange.js';
import { path, type Route, type RouteContext } from './router.js';

function listQuery(context: RouteContext): { pageSize: string | null; pageToken: string | null; filter: string | null } {
  return { pageSize: context.query.get('pageSize'), pageToken: context.query.get('pageToken'), filter: context.query.get('filter') };
}

const p = (context: RouteContext, i: number): string => context.params[i]!;

export function secretRoutes(secrets: SecretsService, versions: VersionsService): Route[] {
  const base = '/v1/projects/{p}/secrets';
  const version = `${base}/{s}/versions/{v}`;
  const transition = (action: 'enable' | 'disable' | 'destroy', name: string): Route => ({
    method: 'POST',
    pattern: path(`${version}:${action}`),
    name,
    handle: (c) => versions.transition(c.call, p(c, 0), p(c, 1), p(c, 2), action, parseJson(c.body)),
  });
  return [
    { method: 'GET', pattern: path(`${version}:access`), name: 'AccessSecretVersion', handle: (c) => versions.access(c.call, p(c, 0), p(c, 1), p(c, 2)) },
    { method: 'GET', pattern: path(version), name: 'GetSecretVersion', handle: (c) => versions.get(c.call, p(c, 0), p(c, 1), p(c, 2)) },
    transition('enable', 'EnableSecretVersion'),
    transition('disable', 'DisableSecretVersion'),
    transition('destroy', 'DestroySecretVersion'),
    { method: 'GET', pattern: path(`${base}/{s}/versions`), name: 'ListSecretVersions', handle: (c) => versions.list(c.call, p(c, 0), p(c, 1), listQuery(c)) },
    { method: 'POST', pattern: path(`${base}/{s}:addVersion`), name: 'AddSecretVersion', handle: (c) => versions.add(c.call, p(c, 0), p(c, 1), parseJson(c.body)) },
    { method: 'GET', pattern: path(`${base}/{s}:getIamPolicy`), name: 'GetIamPolicy', handle: (c) => secrets.getIamPolicy(c.call, p(c, 0), p(c, 1)) },
    { method: 'POST', pattern: path(`${base}/{s}:getIamPolicy`), name: 'GetIamPolicy', handle: (c) => secrets.getIamPolicy(c.call, p(c, 0), p(c, 1)) },
    { method: 'POST', pattern: path(`${base}/{s}:setIamPolicy`), name: 'SetIamPolicy', handle: (c) => secrets.setIamPolicy(c.call, p(c, 0), p(c, 1), parseJson(c.body)) },
    { method: 'POST', pattern: path(`${base}/{s}:testIamPermissions`), name: 'TestIamPermissions', handle: (c) => secrets.testIamPermissions(c.call, p(c, 0), p(c, 1), parseJson(c.body)) },
    { method: 'GET', pattern: path(`${base}/{s}`), name: 'GetSecret', handle: (c) => secrets.get(c.call, p(c, 0), p(c, 1)) },
    { method: 'PATCH', pattern: path(`${base}/{s}`), name: 'UpdateSecret', handle: (c) => secrets.patch(c.call, p(c, 0), p(c, 1), c.query.get('updateMask') ?? c.query.get('update_mask'), parseJson(c.body)) },
    { method: 'DELETE', pattern: path(`${base}/{s}`), name: 'DeleteSecret', handle: (c) => secrets.delete(c.call, p(c, 0), p(c, 1), c.query.get('etag')) },
    { method: 'GET', pattern: path(base), name: 'ListSecrets', handle: (c) => secrets.list(c.call, p(c, 0), listQuery(c)) },
    { method: 'POST', pattern: path(base), name: 'CreateSecret', handle: (c) => secrets.create(c.call, p(c, 0), c.query.get('secretId') ?? c.query.get('secret_id'), parseJson(c.body)) },
  ];
}
