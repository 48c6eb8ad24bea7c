/**
 * Just enough JWT (RFC 7519) for the JWT-bearer grant and self-signed bearer tokens: decode the
 * compact form, verify RS256 signatures with node:crypto, sign HS256 ID tokens.
 *
 * @module
 */
import { createHmac, createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface JwtHeader {
  readonly alg?: unknown;
  readonly kid?: unknown;
  readonly typ?: unknown;
}

export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly claims: Readonly<Record<string, unknown>>;
  /** `base64url(header).base64url(claims)`, the signed bytes. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a compact JWT without verifying it; undefined when it is not one. */
export function decodeJwt(text: string): DecodedJwt | undefined {
  const parts = text.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return undefined;
  const header = parseSegment(parts[0]!);
  const claims = parseSegment(parts[1]!);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
}

/** Parses a PEM public key once, for repeated verification. */
export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** True when `jwt` is RS256 and its signature verifies under `key`. */
export function verifyRs256(jwt: DecodedJwt, key: KeyObject): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  return verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
}

/** Signs `claims` as an HS256 JWT. */
export function signHs256(claims: Record<string, unknown>, key: Uint8Array): string {
  const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}
