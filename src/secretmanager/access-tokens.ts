/**
 * Access tokens the OAuth endpoint issues to service accounts. They are stateless: an HMAC over
 * the account and the expiry, keyed by a secret kept in the data directory. So a restart keeps
 * every issued token valid (gcloud caches tokens and does not refresh after a 401), and no
 * token is stored anywhere.
 *
 * Format: `ya29.<base64url(claims)>.<base64url(hmac-sha256)>`.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../util/index.js';
import { signHs256 } from './jwt.js';

const PREFIX = 'ya29.';
/** Google's access tokens live one hour. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;

export interface TokenSubject {
  readonly email: string;
  readonly uniqueId: string;
}

export interface AccessTokenClaims extends TokenSubject {
  /** Expiry, seconds since the epoch. */
  readonly expiresAt: number;
}

interface WireClaims {
  readonly s: string;
  readonly u: string;
  readonly e: number;
}

/** Issues and verifies access tokens and ID tokens under one signing key. */
export class TokenIssuer {
  constructor(
    private readonly key: Uint8Array,
    private readonly clock: Clock,
  ) {}

  #mac(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }

  /** A token for `subject`, valid for an hour; `expiresIn` is what the OAuth response reports. */
  issue(subject: TokenSubject): { readonly token: string; readonly expiresIn: number } {
    const now = Math.floor(this.clock.now() / 1000);
    const claims: WireClaims = { s: subject.email, u: subject.uniqueId, e: now + ACCESS_TOKEN_LIFETIME_S };
    const input = `${PREFIX}${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${input}.${this.#mac(input).toString('base64url')}`, expiresIn: ACCESS_TOKEN_LIFETIME_S - 1 };
  }

  /** The claims of a genuine, unexpired token; undefined for anything else. */
  verify(token: string): AccessTokenClaims | undefined {
    if (!token.startsWith(PREFIX)) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot <= PREFIX.length) return undefined;
    const input = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.#mac(input);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(input.slice(PREFIX.length), 'base64url').toString('utf8')) as WireClaims;
    if (claims.e <= Math.floor(this.clock.now() / 1000)) return undefined;
    return { email: claims.s, uniqueId: claims.u, expiresAt: claims.e };
  }

  /**
   * An OpenID ID token, which gcloud asks for (with `target_audience`) when it activates a
   * service account. gcloud only decodes it; it is signed so that it cannot be forged here either.
   */
  idToken(subject: TokenSubject, audience: string, issuer: string): string {
    const now = Math.floor(this.clock.now() / 1000);
    return signHs256(
      { iss: issuer, aud: audience, azp: subject.email, sub: subject.uniqueId, email: subject.email, email_verified: true, iat: now, exp: now + ACCESS_TOKEN_LIFETIME_S },
      this.key,
    );
  }
}
