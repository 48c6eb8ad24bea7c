/**
 * PKCS#12 (PFX) files as go-pkcs12 v0.7 reads and writes them for ESO: DecodeChain (the first
 * certificate bag is the leaf, later ones the CA chain, exactly one key), Modern.Encode (a
 * PBES2/AES-256 encrypted certificate safe, a shrouded key bag, an HMAC-SHA-256 MAC) and
 * Modern.EncodeTrustStore (Java trust-store attributes, friendly names from the subjects).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { RandomSource } from '../registry.js';
import { children, DerError, expect, tagMismatch, intValue, isUniversal, oid, oidText, octets, readOne, readTlv, seq, set, explicit, integer, tlv, TAG, type Der } from './der.js';
import { KeyError, parsePkcs8, pkcs8Der } from './keys.js';
import { CertError, nameString, parseCertificate, type Certificate } from './x509.js';
import { aesEncrypt, algId, bmpPassword, bmpString, macMatches, computeMac, pbDecrypt, pbes2Key, pbes2Params, Pkcs12Error, PKCS12_OID } from './pkcs12-pbe.js';

const OID = {
  data: '1.2.840.113549.1.7.1', encryptedData: '1.2.840.113549.1.7.6', keyBag: '1.2.840.113549.1.12.10.1.1', shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3', x509Certificate: '1.2.840.113549.1.9.22.1', localKeyId: '1.2.840.113549.1.9.21', friendlyName: '1.2.840.113549.1.9.20',
  javaTrustStore: '2.16.840.1.113894.746875.1.1', anyExtendedKeyUsage: '2.5.29.37.0',
};

/** What DecodeChain returns: the key (as PKCS#8 DER, what ESO re-encodes), the leaf and the CA certificates. */
export interface Pkcs12Chain {
  readonly keyPkcs8: Uint8Array;
  readonly leaf: Certificate;
  readonly caCerts: readonly Certificate[];
}

/** go-pkcs12's unmarshal: exactly one element, nothing after it. */
const unmarshal = (bytes: Uint8Array): Der => readOne(bytes, 'pkcs12: trailing data found');
const fail = (message: string): never => {
  throw new Pkcs12Error(message);
};

/** ContentInfo: its type and the element inside `[0] EXPLICIT` (if any). */
function contentInfo(d: Der): { type: string; content: Uint8Array } {
  const parts = children(expect(d, TAG.sequence, 'pkcs12.contentInfo').body);
  const type = oidText(expect(parts[0], TAG.oid, 'pkcs12.contentInfo'));
  const c = parts[1];
  return { type, content: c !== undefined && c.cls === 2 && c.tag === 0 ? c.body : new Uint8Array(0) };
}

function macData(d: Der | undefined): { alg: ReturnType<typeof algId>; digest: Uint8Array; salt: Uint8Array; iterations: number } | undefined {
  if (d === undefined) return undefined;
  const [digestInfo, salt, iterations] = children(expect(d, TAG.sequence, 'pkcs12.macData').body);
  const [alg, digest] = children(expect(digestInfo, TAG.sequence, 'pkcs12.digestInfo').body);
  return {
    alg: algId(alg!), digest: expect(digest, TAG.octetString, 'pkcs12.digestInfo').body, salt: expect(salt, TAG.octetString, 'pkcs12.macData').body,
    iterations: iterations === undefined ? 1 : Number(intValue(iterations)),
  };
}

const isEmptyPassword = (pw: Uint8Array | null): boolean => pw !== null && pw.length === 2 && pw[0] === 0 && pw[1] === 0;

/** The PFX's version, authenticated-safe content and MacData (getSafeContents' first steps). */
function readPfx(pfxData: Uint8Array): { content: Uint8Array; mac: ReturnType<typeof macData> } {
  let top: Der[];
  try {
    if (pfxData.length >= 2 && pfxData[0] !== 0x30) throw new DerError(tagMismatch(pfxData, 16, 'pfxPdu'));
    top = children(expect(unmarshal(pfxData), TAG.sequence, 'pkcs12.pfxPdu').body);
    if (!isUniversal(top[0], TAG.integer) || !isUniversal(top[1], TAG.sequence)) throw new DerError('asn1: structure error: tags don\'t match pkcs12.pfxPdu');
  } catch (e) {
    throw new Pkcs12Error(`pkcs12: error reading P12 data: ${(e as Error).message}`);
  }
  if (intValue(top[0]) !== 3n) fail("pkcs12: can only decode v3 PFX PDU's");
  const authSafe = contentInfo(top[1]);
  if (authSafe.type !== OID.data) fail('pkcs12: only password-protected PFX is implemented');
  return { content: unmarshal(authSafe.content).body, mac: macData(top[2]) };
}

/** The password the MAC accepts: the given one or, for an empty password, possibly none at all. */
function verifiedPassword(mac: ReturnType<typeof macData>, content: Uint8Array, password: Uint8Array): Uint8Array | null {
  if (mac === undefined) return isEmptyPassword(password) ? password : fail('pkcs12: no MAC in data');
  if (macMatches(mac, content, password)) return password;
  // Some writers MAC an empty password as no bytes at all: go-pkcs12 tries that too.
  if (isEmptyPassword(password) && macMatches(mac, content, null)) return null;
  return fail('pkcs12: decryption password incorrect');
}

/** go-pkcs12's getSafeContents: verifies the MAC, decrypts the safes, returns their bags and the password that worked. */
function safeBags(pfxData: Uint8Array, password: Uint8Array, min: number, max: number): { bags: Der[]; password: Uint8Array | null } {
  const { content, mac } = readPfx(pfxData);
  const pw = verifiedPassword(mac, content, password);
  const safes = children(expect(unmarshal(content), TAG.sequence, '[]pkcs12.contentInfo').body);
  if (safes.length < min || safes.length > max) {
    fail(min === max ? `pkcs12: expected exactly ${min} items in the authenticated safe, but this file has ${safes.length}`
      : `pkcs12: expected between ${min} and ${max} items in the authenticated safe, but this file has ${safes.length}`);
  }
  const bags: Der[] = [];
  for (const safe of safes) bags.push(...children(expect(unmarshal(safeData(contentInfo(safe), pw)), TAG.sequence, '[]pkcs12.safeBag').body));
  return { bags, password: pw };
}

/** The SafeContents bytes of one authenticated-safe entry (plain, or decrypted). */
function safeData(ci: { type: string; content: Uint8Array }, pw: Uint8Array | null): Uint8Array {
  if (ci.type === OID.data) return expect(unmarshal(ci.content), TAG.octetString, '[]uint8').body;
  if (ci.type !== OID.encryptedData) return fail('pkcs12: only data and encryptedData content types are supported in authenticated safe');
  const [version, info] = children(expect(unmarshal(ci.content), TAG.sequence, 'pkcs12.encryptedData').body);
  if (intValue(expect(version, TAG.integer, 'pkcs12.encryptedData')) !== 0n) fail('pkcs12: only version 0 of EncryptedData is supported');
  const [, alg, encrypted] = children(expect(info, TAG.sequence, 'pkcs12.encryptedContentInfo').body);
  const data = encrypted !== undefined && encrypted.cls === 2 && encrypted.tag === 0 ? encrypted.body : new Uint8Array(0);
  return pbDecrypt(algId(alg!), data, pw);
}

function bagParts(bag: Der): { id: string; value: Uint8Array } {
  const [id, value] = children(expect(bag, TAG.sequence, 'pkcs12.safeBag').body);
  return { id: oidText(expect(id, TAG.oid, 'pkcs12.safeBag')), value: value?.body ?? new Uint8Array(0) };
}

/** A cert bag's certificates (x509.ParseCertificates: concatenated DER). */
function bagCertificates(value: Uint8Array): Certificate[] {
  let certType: string;
  let data: Uint8Array;
  try {
    const [id, inner] = children(expect(unmarshal(value), TAG.sequence, 'pkcs12.certBag').body);
    certType = oidText(expect(id, TAG.oid, 'pkcs12.certBag'));
    data = expect(readOne(inner!.body), TAG.octetString, 'pkcs12.certBag').body;
  } catch (e) {
    throw new Pkcs12Error(`pkcs12: error decoding cert bag: ${(e as Error).message}`);
  }
  if (certType !== OID.x509Certificate) fail('pkcs12: only X509 certificates are supported in cert bags');
  const certs: Certificate[] = [];
  for (let at = 0; at < data.length;) {
    const d = readTlv(data, at);
    certs.push(parseCertificate(d.raw));
    at += d.raw.length;
  }
  return certs;
}

function shroudedKey(value: Uint8Array, pw: Uint8Array | null): Uint8Array {
  let alg: ReturnType<typeof algId>;
  let encrypted: Uint8Array;
  try {
    const [a, e] = children(expect(unmarshal(value), TAG.sequence, 'pkcs12.encryptedPrivateKeyInfo').body);
    alg = algId(a!);
    encrypted = expect(e, TAG.octetString, 'pkcs12.encryptedPrivateKeyInfo').body;
  } catch (e) {
    throw new Pkcs12Error(`pkcs12: error decoding PKCS#8 shrouded key bag: ${(e as Error).message}`);
  }
  let plain: Uint8Array;
  try {
    plain = pbDecrypt(alg, encrypted, pw);
  } catch (e) {
    if (e instanceof Pkcs12Error || e instanceof DerError) throw new Pkcs12Error(`pkcs12: error decrypting PKCS#8 shrouded key bag: ${e.message}`);
    throw e;
  }
  try {
    unmarshal(plain);
  } catch (e) {
    throw new Pkcs12Error(`pkcs12: error unmarshaling decrypted private key: ${(e as Error).message}`);
  }
  return keyFromPkcs8(plain, 'pkcs12: error parsing PKCS#8 private key: ');
}

function keyFromPkcs8(der: Uint8Array, prefix: string): Uint8Array {
  try {
    return pkcs8Der(parsePkcs8(der));
  } catch (e) {
    if (e instanceof KeyError) throw new Pkcs12Error(`${prefix}${e.message}`);
    throw e;
  }
}

/** go-pkcs12's DecodeChain. Throws Pkcs12Error, CertError or DerError with Go's messages. */
export function decodeChain(pfx: Uint8Array, password: string): Pkcs12Chain {
  const { bags, password: pw } = safeBags(pfx, bmpPassword(password), 1, 2);
  let leaf: Certificate | undefined;
  const caCerts: Certificate[] = [];
  let key: Uint8Array | undefined;
  for (const bag of bags) {
    const { id, value } = bagParts(bag);
    if (id === OID.certBag) {
      const certs = bagCertificates(value);
      if (certs.length !== 1) fail('pkcs12: expected exactly one certificate in the certBag');
      if (leaf === undefined) leaf = certs[0];
      else caCerts.push(certs[0]!);
    } else if (id === OID.keyBag || id === OID.shroudedKeyBag) {
      if (key !== undefined) fail('pkcs12: expected exactly one key bag');
      key = id === OID.keyBag ? keyFromPkcs8(value, '') : shroudedKey(value, pw);
    }
  }
  if (leaf === undefined) return fail('pkcs12: certificate missing');
  if (key === undefined) return fail('pkcs12: private key missing');
  return { keyPkcs8: key, leaf, caCerts };
}

// --- writing (Modern2023: PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC, 2048 iterations, 16-byte salts) ---

const ITERATIONS = 2048;
const attribute = (id: string, ...values: Uint8Array[]): Uint8Array => seq(oid(id), set(...values));
const certBag = (der: Uint8Array, attrs: Uint8Array[] | undefined): Uint8Array =>
  seq(oid(OID.certBag), explicit(0, seq(oid(OID.x509Certificate), explicit(0, octets(der)))), ...(attrs === undefined ? [] : [set(...attrs)]));

/** An encryptedData ContentInfo holding `bags`, encrypted under the password. */
function encryptedSafe(random: RandomSource, bags: Uint8Array[], pw: Uint8Array): Uint8Array {
  const salt = random.fill(new Uint8Array(16));
  const iv = random.fill(new Uint8Array(16));
  const encrypted = aesEncrypt(pbes2Key(pw, salt, ITERATIONS), iv, seq(...bags));
  const info = seq(oid(OID.data), seq(oid(PKCS12_OID.pbes2), pbes2Params(salt, iv, ITERATIONS)), tlv(0x80, encrypted));
  return seq(oid(OID.encryptedData), explicit(0, seq(integer(0), info)));
}

/** The PFX around an authenticated safe, with go-pkcs12's HMAC-SHA-256 MAC. */
function pfx(random: RandomSource, safes: Uint8Array[], pw: Uint8Array): Uint8Array {
  const authSafe = seq(...safes);
  const salt = random.fill(new Uint8Array(16));
  const digest = computeMac({ alg: { oid: PKCS12_OID.sha256 }, digest: new Uint8Array(0), salt, iterations: ITERATIONS }, authSafe, pw);
  const mac = seq(seq(seq(oid(PKCS12_OID.sha256)), octets(digest)), octets(salt), integer(ITERATIONS));
  return seq(integer(3), seq(oid(OID.data), explicit(0, octets(authSafe))), mac);
}

/** Modern.Encode(key, leaf, caCerts, password). */
export function encodePkcs12(random: RandomSource, keyPkcs8: Uint8Array, leaf: Certificate, caCerts: readonly Certificate[], password: string): Uint8Array {
  const pw = bmpPassword(password);
  const localKeyId = attribute(OID.localKeyId, octets(createHash('sha1').update(leaf.raw).digest()));
  const keySalt = random.fill(new Uint8Array(16));
  const keyIv = random.fill(new Uint8Array(16));
  const shrouded = seq(seq(oid(PKCS12_OID.pbes2), pbes2Params(keySalt, keyIv, ITERATIONS)), octets(aesEncrypt(pbes2Key(pw, keySalt, ITERATIONS), keyIv, keyPkcs8)));
  const keyBag = seq(oid(OID.shroudedKeyBag), explicit(0, shrouded), set(localKeyId));
  // go-pkcs12 gives CA bags an empty (not absent) attribute set.
  const certSafe = encryptedSafe(random, [certBag(leaf.raw, [localKeyId]), ...caCerts.map((c) => certBag(c.raw, []))], pw);
  const keySafe = seq(oid(OID.data), explicit(0, octets(seq(keyBag))));
  return pfx(random, [certSafe, keySafe], pw);
}

/** Modern.EncodeTrustStore(certs, password): certificates trusted for any purpose, named by subject. */
export function encodeTrustStore(random: RandomSource, certs: readonly Certificate[], password: string): Uint8Array {
  const pw = bmpPassword(password);
  const trusted = attribute(OID.javaTrustStore, oid(OID.anyExtendedKeyUsage));
  const bags = certs.map((c) => certBag(c.raw, [trusted, attribute(OID.friendlyName, tlv(0x1e, bmpString(nameString(c.rawSubject))))]));
  return pfx(random, [encryptedSafe(random, bags, pw)], pw);
}

export { CertError, Pkcs12Error };
