/**
 * Private keys as Go's crypto/x509 and sprig handle them: parsing PKCS#1, SEC1, PKCS#8 and
 * OpenSSL's traditional DSA layout (sprig's parsePrivateKeyPEM, with its messages), writing
 * them back (sprig's pemBlockForKey), generating them (sprig's genPrivateKey), and signing.
 *
 * Key generation uses the platform's CSPRNG through node:crypto, not the injected random
 * source: Go 1.26 itself ignores the random reader passed to rsa/ecdsa/ed25519 key
 * generation, so generated keys are never reproducible there either.
 *
 * @module
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { children, DerError, expect, integer, intValue, isUniversal, oidText, readTlv, seq, tagMismatch, TAG, type Der } from './der.js';
import { decodePem, encodePem } from './pem.js';

/** A parsed private key. `goType` is what Go's %T prints for it. */
export interface PrivateKey {
  readonly kind: 'rsa' | 'ecdsa' | 'ed25519' | 'x25519' | 'dsa';
  readonly goType: string;
  /** The node key (absent for DSA, which Go cannot sign certificates with anyway). */
  readonly key?: KeyObject;
  /** For DSA: the traditional-format DER sprig writes. */
  readonly dsaDer?: Uint8Array;
}

/** A parse failure; `message` is Go's. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
}

const GO_TYPES = { rsa: '*rsa.PrivateKey', ecdsa: '*ecdsa.PrivateKey', ed25519: 'ed25519.PrivateKey', x25519: '*ecdh.PrivateKey', dsa: '*dsa.PrivateKey' } as const;
/** The curves crypto/x509 accepts, by node's name. */
const CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'secp224r1']);

function seqItems(der: Uint8Array): Der[] | undefined {
  try {
    const d = readTlv(der);
    return isUniversal(d, TAG.sequence) ? children(d.body) : undefined;
  } catch {
    return undefined;
  }
}

/** Shapes Go tries in turn to give its "use ParseXxx instead" hints. */
const looksPkcs1 = (der: Uint8Array): boolean => {
  const s = seqItems(der);
  return s !== undefined && s.length >= 6 && s.slice(0, 6).every((d) => isUniversal(d, TAG.integer));
};
const looksSec1 = (der: Uint8Array): boolean => {
  const s = seqItems(der);
  return s !== undefined && s.length >= 2 && isUniversal(s[0], TAG.integer) && isUniversal(s[1], TAG.octetString);
};
const looksPkcs8 = (der: Uint8Array): boolean => {
  const s = seqItems(der);
  return s !== undefined && s.length >= 3 && isUniversal(s[0], TAG.integer) && isUniversal(s[1], TAG.sequence) && isUniversal(s[2], TAG.octetString);
};

function asn1Failure(der: Uint8Array, structName: string): string {
  if (der.length >= 2 && der[0] !== 0x30) return tagMismatch(der, 16, structName);
  try {
    readTlv(der);
    return tagMismatch(der, 16, structName);
  } catch (e) {
    return (e as Error).message;
  }
}

function fromNode(der: Uint8Array, type: 'pkcs1' | 'pkcs8' | 'sec1', fail: (m: string) => never): PrivateKey {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type });
  } catch {
    return fail('x509: invalid private key');
  }
  const t = key.asymmetricKeyType;
  if (t === 'rsa') return { kind: 'rsa', goType: GO_TYPES.rsa, key };
  if (t === 'ec') {
    if (!CURVES.has(String(key.asymmetricKeyDetails?.namedCurve))) return fail('x509: unknown elliptic curve');
    return { kind: 'ecdsa', goType: GO_TYPES.ecdsa, key };
  }
  if (t === 'ed25519' || t === 'x25519') return { kind: t, goType: GO_TYPES[t], key };
  return fail(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${t ?? '?'}`);
}

/** x509.ParsePKCS1PrivateKey. */
export function parsePkcs1(der: Uint8Array): PrivateKey {
  if (!looksPkcs1(der)) {
    if (looksSec1(der)) throw new KeyError('x509: failed to parse private key (use ParseECPrivateKey instead for this key format)');
    if (looksPkcs8(der)) throw new KeyError('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
    throw new KeyError(asn1Failure(der, 'x509.pkcs1PrivateKey'));
  }
  return fromNode(der, 'pkcs1', (m) => {
    throw new KeyError(m);
  });
}

/** x509.ParseECPrivateKey. */
export function parseSec1(der: Uint8Array): PrivateKey {
  if (!looksSec1(der)) {
    if (looksPkcs8(der)) throw new KeyError('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
    if (looksPkcs1(der)) throw new KeyError('x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)');
    throw new KeyError(`x509: failed to parse EC private key: ${asn1Failure(der, 'x509.ecPrivateKey')}`);
  }
  return fromNode(der, 'sec1', (m) => {
    throw new KeyError(m);
  });
}

/** The algorithms x509.ParsePKCS8PrivateKey knows: RSA, ECDSA, Ed25519, X25519. */
const PKCS8_ALGORITHMS = new Set(['1.2.840.113549.1.1.1', '1.2.840.10045.2.1', '1.3.101.112', '1.3.101.110']);

/** x509.ParsePKCS8PrivateKey. */
export function parsePkcs8(der: Uint8Array): PrivateKey {
  if (!looksPkcs8(der)) {
    if (looksSec1(der)) throw new KeyError('x509: failed to parse private key (use ParseECPrivateKey instead for this key format)');
    if (looksPkcs1(der)) throw new KeyError('x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)');
    throw new KeyError(asn1Failure(der, 'x509.pkcs8'));
  }
  const alg = children(seqItems(der)![1]!.body)[0];
  const algOid = alg === undefined ? '' : oidText(alg);
  if (!PKCS8_ALGORITHMS.has(algOid)) throw new KeyError(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${algOid}`);
  return fromNode(der, 'pkcs8', (m) => {
    throw new KeyError(m);
  });
}

/** ESO's parsePrivateKey: PKCS#1, then PKCS#8, then SEC1; undefined when none parses. */
export function parseAnyPrivateKey(der: Uint8Array): PrivateKey | undefined {
  for (const parse of [parsePkcs1, parsePkcs8, parseSec1]) {
    try {
      return parse(der);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
    }
  }
  return undefined;
}

/** sprig's DSAKeyFormat (version, p, q, g, y, x), parsed as encoding/asn1 would (extra elements allowed). */
function parseDsa(der: Uint8Array): PrivateKey {
  try {
    const d = expect(readTlv(der), TAG.sequence, 'sprig.DSAKeyFormat');
    const items = children(d.body);
    for (let i = 0; i < 6; i++) intValue(expect(items[i], TAG.integer, 'sprig.DSAKeyFormat'));
    return { kind: 'dsa', goType: GO_TYPES.dsa, dsaDer: d.raw };
  } catch (e) {
    if (e instanceof DerError) throw new KeyError(e.message);
    throw e;
  }
}

/** sprig's parsePrivateKeyPEM, with its error messages. */
export function parseKeyPem(text: Uint8Array): PrivateKey {
  const { block } = decodePem(text);
  if (block === undefined) throw new KeyError('no PEM data in input');
  const wrap = (prefix: string, run: () => PrivateKey): PrivateKey => {
    try {
      return run();
    } catch (e) {
      if (e instanceof KeyError) throw new KeyError(`${prefix}${e.message}`);
      throw e;
    }
  };
  if (block.type === 'PRIVATE KEY') return wrap('decoding PEM as PKCS#8: ', () => parsePkcs8(block.bytes));
  if (!block.type.endsWith(' PRIVATE KEY')) throw new KeyError(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -12)) {
    case 'RSA': return wrap('parsing RSA private key from PEM: ', () => parsePkcs1(block.bytes));
    case 'EC': return wrap('parsing EC private key from PEM: ', () => parseSec1(block.bytes));
    case 'DSA': return wrap('parsing DSA private key from PEM: ', () => parseDsa(block.bytes));
    default: throw new KeyError(`invalid private key type ${block.type}`);
  }
}

/** x509.MarshalPKCS8PrivateKey (node writes the same layout Go does for these key types). */
export function pkcs8Der(k: PrivateKey): Uint8Array {
  if (k.key === undefined) throw new KeyError(`x509: unknown key type while marshaling PKCS#8: ${k.goType}`);
  return k.key.export({ type: 'pkcs8', format: 'der' });
}

/** sprig's pemBlockForKey: PKCS#1 for RSA, SEC1 for EC, the DSA layout, PKCS#8 otherwise. */
export function keyPem(k: PrivateKey): string {
  if (k.kind === 'rsa') return encodePem('RSA PRIVATE KEY', k.key!.export({ type: 'pkcs1', format: 'der' }));
  if (k.kind === 'ecdsa') return encodePem('EC PRIVATE KEY', k.key!.export({ type: 'sec1', format: 'der' }));
  if (k.kind === 'dsa') return encodePem('DSA PRIVATE KEY', k.dsaDer!);
  return encodePem('PRIVATE KEY', pkcs8Der(k));
}

/** The public key as SubjectPublicKeyInfo DER. */
export function spkiDer(k: PrivateKey): Uint8Array {
  if (k.key === undefined) throw new KeyError(`x509: unsupported public key type: *dsa.PublicKey`);
  return createPublicKey(k.key).export({ type: 'spki', format: 'der' });
}

/** A DSA key in sprig's layout: node generates it (PKCS#8), we rewrite it as version, p, q, g, y, x. */
function generateDsa(): PrivateKey {
  const { privateKey, publicKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  const p8 = children(readTlv(privateKey.export({ type: 'pkcs8', format: 'der' })).body);
  const params = children(children(p8[1]!.body)[1]!.body);
  const x = readTlv(p8[2]!.body);
  const spki = children(readTlv(publicKey.export({ type: 'spki', format: 'der' })).body);
  const y = readTlv(spki[1]!.body.subarray(1));
  const dsaDer = seq(integer(0), params[0]!.raw, params[1]!.raw, params[2]!.raw, y.raw, x.raw);
  return { kind: 'dsa', goType: GO_TYPES.dsa, dsaDer };
}

/** sprig's generatePrivateKey: the PEM text, or sprig's message for an unknown type. */
export function generateKeyPem(type: string): string {
  switch (type) {
    case '':
    case 'rsa': return keyPem({ kind: 'rsa', goType: GO_TYPES.rsa, key: generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey });
    case 'dsa': return keyPem(generateDsa());
    case 'ecdsa': return keyPem({ kind: 'ecdsa', goType: GO_TYPES.ecdsa, key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
    case 'ed25519': return keyPem({ kind: 'ed25519', goType: GO_TYPES.ed25519, key: generateKeyPairSync('ed25519').privateKey });
    default: return `Unknown type ${type}`;
  }
}

/** An RSA-2048 key, what sprig's genCA/genSelfSignedCert/genSignedCert create. */
export function generateRsa2048(): PrivateKey {
  return { kind: 'rsa', goType: GO_TYPES.rsa, key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
}

const SIG_ALGS: Readonly<Record<string, { oid: string; hash: string | null; nullParams: boolean }>> = {
  rsa: { oid: '1.2.840.113549.1.1.11', hash: 'sha256', nullParams: true },
  prime256v1: { oid: '1.2.840.10045.4.3.2', hash: 'sha256', nullParams: false },
  secp224r1: { oid: '1.2.840.10045.4.3.2', hash: 'sha256', nullParams: false },
  secp384r1: { oid: '1.2.840.10045.4.3.3', hash: 'sha384', nullParams: false },
  secp521r1: { oid: '1.2.840.10045.4.3.4', hash: 'sha512', nullParams: false },
  ed25519: { oid: '1.3.101.112', hash: null, nullParams: false },
};

/** x509's signingParamsForKey: the signature algorithm Go picks for a key, or its error. */
export function signatureAlgorithm(k: PrivateKey): { oid: string; hash: string | null; nullParams: boolean } {
  if (k.kind === 'dsa' || k.kind === 'x25519') throw new KeyError('x509: certificate private key does not implement crypto.Signer');
  const name = k.kind === 'ecdsa' ? String(k.key!.asymmetricKeyDetails?.namedCurve) : k.kind;
  const alg = SIG_ALGS[name];
  if (alg === undefined) throw new KeyError('x509: unsupported elliptic curve');
  return alg;
}

/** Signs `data` as Go's signTBS does (PKCS#1 v1.5 for RSA, ASN.1 ECDSA, pure Ed25519). */
export function signWith(k: PrivateKey, data: Uint8Array): Uint8Array {
  const bits = k.kind === 'rsa' ? (k.key!.asymmetricKeyDetails?.modulusLength ?? 0) : 0;
  // Go 1.24+ refuses to sign with RSA keys under 1024 bits (GODEBUG rsa1024min).
  if (k.kind === 'rsa' && bits < 1024) throw new KeyError(`crypto/rsa: ${bits}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)`);
  return sign(signatureAlgorithm(k).hash, data, k.key!);
}
