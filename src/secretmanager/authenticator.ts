/**
 * Authentication: turns the `Authorization: Bearer …` header of a call into a {@link Principal},
 * and verifies JWTs signed with service-account keys (for the OAuth endpoint and for clients
 * such as @google-cloud/secret-manager that send a self-signed JWT as the bearer token).
 *
 * Accepted bearers: the admin token; access tokens from {@link TokenIssuer}; self-signed RS256
 * JWTs whose `iss` is a service account and whose signature verifies with one of its keys.
 * Results are cached until expiry; the cache is dropped whenever a service account or key
 * changes, so deleting or disabling an account takes effect at once.
 *
 * @module
 */
import { createHash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { FlotillaError, type Clock } from '../util/index.js';
import { ADMIN, type Principal } from './access.js';
import type { TokenIssuer } from './access-tokens.js';
import { errorInfo, GoogleApiError } from './errors.js';
import type { IamStore, ServiceAccountRow } from './iam-store.js';
import { decodeJwt, publicKeyFromPem, verifyRs256, type DecodedJwt } from './jwt.js';

/** Longest lifetime Google accepts for a JWT assertion (`exp - iat`), in seconds. */
const MAX_JWT_LIFETIME_S = 3600;
/** Clock skew tolerated on `iat`. */
const SKEW_S = 300;
const CACHE_LIMIT = 10_000;

/** An error of the OAuth token endpoint: RFC 6749 `{"error","error_description"}`. */
export class OAuthError extends FlotillaError {
  constructor(
    readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(`OAUTH_${error.toUpperCase()}`, description);
  }
}

const MISSING_CREDENTIALS =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const INVALID_CREDENTIALS =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** Google's 401 answers, word for word, with the ErrorInfo reason Google gives. */
export function unauthenticated(missing: boolean): GoogleApiError {
  return new GoogleApiError('UNAUTHENTICATED', missing ? MISSING_CREDENTIALS : INVALID_CREDENTIALS, [
    errorInfo(missing ? 'CREDENTIALS_MISSING' : 'ACCESS_TOKEN_TYPE_UNSUPPORTED', 'googleapis.com', {}),
  ]);
}

export interface AuthenticatorOptions {
  readonly adminToken: string;
  readonly tokens: TokenIssuer;
  readonly iam: IamStore;
  readonly clock: Clock;
}

export interface AssertionCheck {
  /** Audiences the JWT may name; undefined accepts any (self-signed bearer JWTs). */
  readonly audiences?: readonly string[];
}

interface CacheEntry {
  readonly principal: Principal;
  readonly expiresAtMs: number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export class Authenticator {
  readonly #adminDigest: Buffer;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #keys = new Map<string, KeyObject>();

  constructor(private readonly options: AuthenticatorOptions) {
    this.#adminDigest = digest(options.adminToken);
  }

  /** Forgets cached results; call after any change to service accounts or keys. */
  invalidate(): void {
    this.#cache.clear();
  }

  /** The caller of a request with this Authorization header; throws UNAUTHENTICATED. */
  authenticate(authorization: string | undefined): Principal {
    const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (!match) throw unauthenticated(true);
    const token = match[1]!;
    const cached = this.#cache.get(token);
    if (cached && cached.expiresAtMs > this.options.clock.now()) return cached.principal;
    const entry = this.#resolve(token);
    if (!entry) throw unauthenticated(false);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(token, entry);
    return entry.principal;
  }

  #resolve(token: string): CacheEntry | undefined {
    if (timingSafeEqual(digest(token), this.#adminDigest)) return { principal: ADMIN, expiresAtMs: Number.MAX_SAFE_INTEGER };
    const claims = this.options.tokens.verify(token);
    if (claims) {
      const account = this.options.iam.getServiceAccount(claims.email);
      if (!account || account.disabled || account.unique_id !== claims.uniqueId) return undefined;
      return { principal: principalOf(account), expiresAtMs: claims.expiresAt * 1000 };
    }
    const jwt = decodeJwt(token);
    if (!jwt) return undefined;
    try {
      const account = this.verifyAssertion(jwt, {});
      return { principal: principalOf(account), expiresAtMs: Number(jwt.claims.exp) * 1000 };
    } catch (error) {
      if (error instanceof OAuthError) return undefined;
      throw error;
    }
  }

  #publicKey(keyId: string, pem: string): KeyObject {
    let key = this.#keys.get(keyId);
    if (!key) {
      key = publicKeyFromPem(pem);
      this.#keys.set(keyId, key);
    }
    return key;
  }

  /**
   * Verifies a JWT signed with a service-account key: RS256 signature by one of the account's
   * keys (the one named by `kid` when given), `iss` an existing enabled account, `iat`/`exp` a
   * window of at most an hour around now, and `aud` among `check.audiences` when given.
   * Returns the account; throws {@link OAuthError} with Google's descriptions.
   */
  verifyAssertion(jwt: DecodedJwt, check: AssertionCheck): ServiceAccountRow {
    if (jwt.header.alg !== 'RS256') throw new OAuthError('invalid_grant', 'Invalid JWT: only RS256 signatures are accepted.');
    const account = this.#issuer(jwt.claims.iss);
    this.#checkSignature(jwt, account);
    checkLifetime(jwt.claims, Math.floor(this.options.clock.now() / 1000));
    const { aud } = jwt.claims;
    if (check.audiences && !(typeof aud === 'string' && check.audiences.includes(aud))) {
      throw new OAuthError('invalid_grant', `Invalid JWT: Failed audience check. The right audience is ${check.audiences[0]}`);
    }
    return account;
  }

  #issuer(iss: unknown): ServiceAccountRow {
    const account = typeof iss === 'string' ? this.options.iam.getServiceAccount(iss) : undefined;
    if (!account) throw new OAuthError('invalid_grant', 'Invalid grant: account not found');
    if (account.disabled) throw new OAuthError('invalid_grant', 'Invalid grant: account disabled');
    return account;
  }

  /** Verifies with the key named by `kid`, or with any of the account's keys when there is none. */
  #checkSignature(jwt: DecodedJwt, account: ServiceAccountRow): void {
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    const keys = this.options.iam.listKeys(account.email).filter((k) => !k.disabled && (kid === undefined || k.key_id === kid));
    if (!keys.some((k) => verifyRs256(jwt, this.#publicKey(k.key_id, k.public_key_pem)))) {
      throw new OAuthError('invalid_grant', 'Invalid JWT Signature.');
    }
  }
}

/** `iat` and `exp` must frame a window of at most an hour that contains now (with some skew). */
function checkLifetime(claims: Readonly<Record<string, unknown>>, now: number): void {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || iat > now + SKEW_S || exp <= now || exp - iat > MAX_JWT_LIFETIME_S) {
    throw new OAuthError(
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
}

/** The principal of a service account. */
export function principalOf(account: ServiceAccountRow): Principal {
  return { kind: 'serviceAccount', email: account.email, uniqueId: account.unique_id };
}
