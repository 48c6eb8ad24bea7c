/**
 * Turning credentials into a user, or a 401: kube-apiserver's authentication filter plus the
 * part of its default RBAC that lets anonymous callers read health and version information
 * (`system:public-info-viewer`). Everything else needs a valid bearer token.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/status.js';
import type { RequestUser } from '../registry/types.js';
import type { Credentials } from './tokens.js';

/** Classifies a request's credentials for the logical cluster it addresses. */
export type Authenticator = (req: IncomingMessage, cluster: string) => Credentials;

/** The user of a server without authentication (in-process tests). */
export const UNAUTHENTICATED_ADMIN: RequestUser = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };

/**
 * A caller-supplied authenticator (client certificates, static tokens in tests): the user a
 * request runs as, or undefined to refuse it with 401. `{ name }` is accepted as a user in the
 * group `system:authenticated`.
 */
export type CustomAuthenticator = (req: IncomingMessage, cluster: string) => RequestUser | { readonly name: string } | undefined;

/** Adapts a {@link CustomAuthenticator}: anything it does not recognise is refused, public paths included. */
export function fromCustom(custom: CustomAuthenticator): Authenticator {
  return (req, cluster) => {
    const found = custom(req, cluster);
    if (!found) return { kind: 'invalid' };
    return { kind: 'user', user: 'username' in found ? found : { username: found.name, groups: ['system:authenticated'] } };
  };
}

/** Treats every request as an admin: for in-process use where the caller is trusted. */
export const allowAll: Authenticator = () => ({ kind: 'user', user: UNAUTHENTICATED_ADMIN });

const ANONYMOUS: RequestUser = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const PUBLIC_PATHS = /^\/(?:healthz|livez|readyz|version)(?:\/.*)?$/;

function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

/**
 * The user a request runs as. An invalid token is always refused; no credentials are admitted
 * only for the public health and version paths.
 * @throws ApiError 401
 */
export function admit(credentials: Credentials, request: { readonly nonResourcePath?: string }): RequestUser {
  if (credentials.kind === 'user') return credentials.user;
  if (credentials.kind === 'anonymous' && request.nonResourcePath !== undefined && PUBLIC_PATHS.test(request.nonResourcePath)) return ANONYMOUS;
  throw unauthorized();
}
