/**
 * The OAuth 2.0 token endpoint for the JWT-bearer grant (RFC 7523), where a service account's
 * key file (`token_uri`) sends clients. The assertion must be signed by one of the account's
 * keys, name it as issuer, be addressed to this endpoint (or to Google's, which gcloud hard-codes
 * as audience) and live at most an hour. Returns an access token, or an ID token when the
 * assertion asks for `target_audience` (gcloud does both on `auth activate-service-account`).
 *
 * @module
 */
import type { TokenIssuer } from './access-tokens.js';
import { principalOf, OAuthError, type Authenticator } from './authenticator.js';
import { decodeJwt } from './jwt.js';
import type { Call } from './service-context.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Audiences Google's endpoint accepts, besides this server's own token URI. */
const GOOGLE_TOKEN_AUDIENCES = ['https://oauth2.googleapis.com/token', 'https://www.googleapis.com/oauth2/v4/token', 'https://accounts.google.com/o/oauth2/token'];

export interface OAuthServiceOptions {
  readonly authenticator: Authenticator;
  readonly tokens: TokenIssuer;
  readonly tokenUri: () => string;
}

export type TokenResponse =
  | { readonly access_token: string; readonly expires_in: number; readonly token_type: 'Bearer' }
  | { readonly id_token: string };

export class OAuthService {
  constructor(private readonly options: OAuthServiceOptions) {}

  /** Exchanges a form (`grant_type`, `assertion`) for a token; throws {@link OAuthError}. */
  exchange(call: Call, form: URLSearchParams): TokenResponse {
    const grantType = form.get('grant_type');
    if (grantType !== JWT_BEARER_GRANT) throw new OAuthError('unsupported_grant_type', `Invalid grant_type: ${(grantType ?? '').slice(0, 100)}`);
    const jwt = decodeJwt(form.get('assertion') ?? '');
    if (!jwt) throw new OAuthError('invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
    if (typeof jwt.claims.iss === 'string') {
      call.audit.principal = `serviceAccount:${jwt.claims.iss.slice(0, 200)}`;
      call.audit.resource = `projects/-/serviceAccounts/${jwt.claims.iss.slice(0, 200)}`;
    }
    const account = this.options.authenticator.verifyAssertion(jwt, { audiences: [this.options.tokenUri(), ...GOOGLE_TOKEN_AUDIENCES] });
    call.audit.project = account.project;
    const subject = principalOf(account);
    if (subject.kind !== 'serviceAccount') throw new OAuthError('invalid_grant', 'Invalid grant: account not found');
    const audience = jwt.claims.target_audience;
    if (typeof audience === 'string' && audience.length > 0) {
      call.audit.method = 'GenerateIdToken';
      return { id_token: this.options.tokens.idToken(subject, audience, 'https://accounts.google.com') };
    }
    if (typeof jwt.claims.scope !== 'string' || jwt.claims.scope.trim() === '') {
      throw new OAuthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    const { token, expiresIn } = this.options.tokens.issue(subject);
    return { access_token: token, expires_in: expiresIn, token_type: 'Bearer' };
  }
}
