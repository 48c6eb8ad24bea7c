/**
 * ESO v2's key helpers: jwkPublicKeyPem and jwkPrivateKeyPem (jwk.go: a JWK parsed with jwx,
 * re-encoded with crypto/x509 as PKIX or PKCS#8 PEM), rsaDecrypt (decrypt.go: RSA-OAEP with
 * SHA-1/256/512), and the three-argument htpasswd of ESO's vendored sprig (bcrypt or `{SHA}`).
 *
 * node:crypto imports JWKs and exports the same DER crypto/x509 writes; jwx's parse errors are
 * matched for the common mistakes (not JSON, no or unknown `kty`, missing members).
 *
 * @module
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, type JsonWebKey, type KeyObject } from 'node:crypto';
import { goBytes, goString } from '../fmt/gostring.js';
import { namedType } from '../values/types.js';
import { GoMap } from '../values/value.js';
import { kindWord, unmarshalJson } from './encoding/json-decode.js';
import { defineFunc, FuncError, type FuncDef } from './registry.js';
import { parseAnyPrivateKey } from './crypto/keys.js';
import { decodePem, encodePem } from './crypto/pem.js';
import { bcrypt, shaPassword } from './sprig/crypto.js';

/** ESO's vendored sprig.HashAlgorithm (a named string type). */
export const hashAlgorithmType = namedType('sprig.HashAlgorithm', 'string');

/** The Go type jwx's Raw gives for a key, as %T prints it. */
function rawType(jwk: JsonWebKey, isPrivate: boolean): string {
  const half = isPrivate ? 'PrivateKey' : 'PublicKey';
  if (jwk.kty === 'RSA') return `*rsa.${half}`;
  if (jwk.kty === 'EC') return `*ecdsa.${half}`;
  if (jwk.kty === 'oct') return '[]uint8';
  return jwk.crv === 'X25519' ? `x25519.${half}` : `ed25519.${half}`;
}

/** jwx's key structs and the members each requires, in the order jwx checks them. */
const KEY_KINDS: Readonly<Record<string, { name: string; required: readonly string[] }>> = {
  RSA: { name: 'rsa', required: ['e', 'n'] }, EC: { name: 'ecdsa', required: ['crv', 'x', 'y'] }, OKP: { name: 'okp', required: ['crv', 'x'] }, oct: { name: 'symmetric', required: ['k'] },
};

/** jwx's first pass: the text must be JSON holding an object (or null). */
function jwkObject(text: string): JsonWebKey {
  const decoded = unmarshalJson(text);
  if (decoded.error !== undefined && !(decoded.value instanceof GoMap)) throw new FuncError(`failed to unmarshal JSON into key hint: ${decoded.error}`);
  if (decoded.value !== null && !(decoded.value instanceof GoMap)) {
    throw new FuncError(`failed to unmarshal JSON into key hint: json: cannot unmarshal ${kindWord(decoded.value ?? null)} into Go value of type struct { Kty string "json:\\"kty\\""; D json.RawMessage "json:\\"d\\"" }`);
  }
  return (decoded.value === null ? {} : JSON.parse(text)) as JsonWebKey;
}

/** jwk.ParseKey: the JWK object, or jwx's message for the usual mistakes. */
function parseJwk(text: string): JsonWebKey {
  const jwk = jwkObject(text);
  const kind = KEY_KINDS[jwk.kty ?? ''];
  if (kind === undefined) throw new FuncError(`invalid key type from JSON (${jwk.kty ?? ''})`);
  const isPrivate = typeof jwk.d === 'string';
  const structName = kind.name === 'symmetric' ? '*jwk.symmetricKey' : `*jwk.${kind.name}${isPrivate ? 'PrivateKey' : 'PublicKey'}`;
  for (const member of kind.required) {
    if (typeof (jwk as Record<string, unknown>)[member] !== 'string') throw new FuncError(`failed to unmarshal JSON into key (${structName}): required field ${member} is missing`);
  }
  return jwk;
}

function jwkPem(text: string, wantPrivate: boolean): string {
  const jwk = parseJwk(text);
  const isPrivate = typeof jwk.d === 'string' || jwk.kty === 'oct';
  // crypto/x509 marshals neither raw symmetric keys nor jwx's own X25519 types, and ESO does
  // not convert a private key to its public half (or the other way round).
  if (wantPrivate !== isPrivate || jwk.kty === 'oct' || jwk.crv === 'X25519') {
    throw new FuncError(wantPrivate ? `x509: unknown key type while marshaling PKCS#8: ${rawType(jwk, isPrivate)}` : `x509: unsupported public key type: ${rawType(jwk, isPrivate)}`);
  }
  let key: KeyObject;
  try {
    key = isPrivate ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: jwk, format: 'jwk' });
  } catch (e) {
    throw new FuncError(`failed to create key: ${(e as Error).message}`);
  }
  return wantPrivate ? encodePem('PRIVATE KEY', key.export({ type: 'pkcs8', format: 'der' })) : encodePem('PUBLIC KEY', key.export({ type: 'spki', format: 'der' }));
}

const OAEP_HASHES: Readonly<Record<string, string>> = { SHA1: 'sha1', SHA512: 'sha512' };

function rsaDecrypt(scheme: string, hash: string, input: string, privateKey: string): string {
  if (scheme === 'None') return input;
  if (scheme !== 'RSA-OAEP') throw new FuncError(`decryption scheme ${scheme} is not supported`);
  const { block } = decodePem(goBytes(privateKey));
  if (block === undefined) throw new FuncError('failed to decode PEM block');
  const key = parseAnyPrivateKey(block.bytes);
  if (key === undefined) throw new FuncError('could not parse private key: unable to parse private key type');
  if (key.kind !== 'rsa') throw new FuncError('could not parse RSA private key');
  const bits = key.key!.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) throw new FuncError(`error decrypting data with RSA: crypto/rsa: ${bits}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)`);
  try {
    const out = privateDecrypt({ key: key.key!, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASHES[hash] ?? 'sha256' }, goBytes(input));
    return goString(out);
  } catch {
    throw new FuncError('error decrypting data with RSA: crypto/rsa: decryption error');
  }
}

export const esoKeyFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'jwkPublicKeyPem', params: ['string'], result: 'string', returnsError: true, impl: (_ctx, text) => jwkPem(text, false) }),
  defineFunc({ name: 'jwkPrivateKeyPem', params: ['string'], result: 'string', returnsError: true, impl: (_ctx, text) => jwkPem(text, true) }),
  defineFunc({ name: 'rsaDecrypt', params: ['string', 'string', 'string', 'string'], result: 'string', returnsError: true, impl: (_ctx, ...args) => rsaDecrypt(...args) }),
  defineFunc({
    name: 'htpasswd',
    params: ['string', 'string', hashAlgorithmType],
    result: 'string',
    impl: (ctx, user, password, alg) => {
      if (user.includes(':')) return `invalid username: ${user}`;
      return `${user}:${alg === 'sha' ? shaPassword(password) : bcrypt(ctx, password)}`;
    },
  }),
];
