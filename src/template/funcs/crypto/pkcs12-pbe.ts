/**
 * PKCS#12 password-based encryption and MACs, as go-pkcs12 v0.7 (ESO's library) implements
 * them: the RFC 7292 key derivation, the PKCS#12 PBE ciphers (3DES, RC2-40/128 with SHA-1),
 * PBES2 (PBKDF2 + AES-CBC) and the MAC (HMAC-SHA-1/256/512 or PBMAC1). Messages are
 * go-pkcs12's.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { children, expect, intValue, isUniversal, oid, oidText, octets, readOne, seq, integer, TAG, type Der } from './der.js';
import { rc2CbcDecrypt } from './rc2.js';

/** A go-pkcs12 failure; `message` is its text. */
export class Pkcs12Error extends Error {
  override readonly name = 'Pkcs12Error';
}

export const PKCS12_OID = {
  pbeSha3Des: '1.2.840.113549.1.12.1.3', pbeShaRc2128: '1.2.840.113549.1.12.1.5', pbeShaRc240: '1.2.840.113549.1.12.1.6',
  pbes2: '1.2.840.113549.1.5.13', pbkdf2: '1.2.840.113549.1.5.12', pbmac1: '1.2.840.113549.1.5.14',
  hmacSha1: '1.2.840.113549.2.7', hmacSha256: '1.2.840.113549.2.9', hmacSha512: '1.2.840.113549.2.11',
  aes128: '2.16.840.1.101.3.4.1.2', aes192: '2.16.840.1.101.3.4.1.22', aes256: '2.16.840.1.101.3.4.1.42',
  sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1', sha512: '2.16.840.1.101.3.4.2.3',
} as const;

/** A Go panic inside go-pkcs12 (ESO does not wrap it: it surfaces as the template call's error). */
export class Pkcs12Panic extends Error {
  override readonly name = 'Pkcs12Panic';
}

const notImplemented = (what: string): Pkcs12Error => new Pkcs12Error(`pkcs12: ${what}`);

/** The password as PKCS#12 wants it: UCS-2 big-endian with a two-byte terminator. */
export function bmpPassword(password: string): Uint8Array {
  return Buffer.concat([bmpString(password), Buffer.alloc(2)]);
}

/** UCS-2 big-endian; characters outside the BMP cannot be encoded. */
export function bmpString(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r > 0xffff) throw new Pkcs12Error('pkcs12: string contains characters that cannot be encoded in UCS-2');
    // A lone surrogate is invalid UTF-8 in Go, which ranges over it as U+FFFD.
    const c = r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
    out.push(c >> 8, c & 0xff);
  }
  return Uint8Array.from(out);
}

/** The UTF-8 form of a BMP password (PBES2 and PBMAC1 use UTF-8, go-pkcs12 converts back). */
function utf8Password(bmp: Uint8Array | null): Uint8Array {
  if (bmp === null) return new Uint8Array(0);
  let units = bmp;
  if (units.length >= 2 && units[units.length - 1] === 0 && units[units.length - 2] === 0) units = units.subarray(0, -2);
  let s = '';
  for (let i = 0; i + 1 < units.length; i += 2) s += String.fromCharCode((units[i]! << 8) | units[i + 1]!);
  return Buffer.from(s, 'utf8');
}

const HASHES = { sha1: { u: 20, v: 64 }, sha256: { u: 32, v: 64 }, sha512: { u: 64, v: 128 } } as const;
type HashName = keyof typeof HASHES;

function fillWithRepeats(pattern: Uint8Array, v: number): Buffer {
  if (pattern.length === 0) return Buffer.alloc(0);
  const len = v * Math.ceil(pattern.length / v);
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i++) out[i] = pattern[i % pattern.length]!;
  return out;
}

/** RFC 7292 appendix B.2 key derivation (ID 1 key, 2 IV, 3 MAC key). */
export function pkcs12Kdf(hash: HashName, salt: Uint8Array, password: Uint8Array | null, iterations: number, id: number, size: number): Buffer {
  const { u, v } = HASHES[hash];
  const d = Buffer.alloc(v, id);
  const i = Buffer.concat([fillWithRepeats(salt, v), fillWithRepeats(password ?? new Uint8Array(0), v)]);
  const out: Buffer[] = [];
  for (let n = 0; n * u < size; n++) {
    let a = createHash(hash).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(hash).update(a).digest();
    out.push(a);
    if ((n + 1) * u >= size) break;
    // I_j = (I_j + B + 1) mod 2^v for each v-byte block of I, with B = A repeated to v bytes.
    const b = fillWithRepeats(a, v);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = i[j + k]! + b[k]! + carry;
        i[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, size);
}

/** An AlgorithmIdentifier: its OID and raw parameters element (if any). */
export interface AlgId {
  readonly oid: string;
  readonly params?: Der;
}

export function algId(d: Der): AlgId {
  const parts = children(expect(d, TAG.sequence, 'pkix.AlgorithmIdentifier').body);
  return { oid: oidText(expect(parts[0], TAG.oid, 'pkix.AlgorithmIdentifier')), params: parts[1] };
}

interface Cipher { readonly name: 'des-ede3-cbc' | 'rc2' | 'aes'; readonly key: Uint8Array; readonly iv: Uint8Array; readonly block: number; readonly rc2Bits?: number }

function pkcs12Cipher(alg: AlgId, password: Uint8Array | null): Cipher {
  const params = children(expect(alg.params, TAG.sequence, 'pkcs12.pbeParams').body);
  const salt = expect(params[0], TAG.octetString, 'pkcs12.pbeParams').body;
  const iterations = Number(intValue(expect(params[1], TAG.integer, 'pkcs12.pbeParams')));
  const keyLen = alg.oid === PKCS12_OID.pbeSha3Des ? 24 : alg.oid === PKCS12_OID.pbeShaRc2128 ? 16 : 5;
  const key = pkcs12Kdf('sha1', salt, password, iterations, 1, keyLen);
  const iv = pkcs12Kdf('sha1', salt, password, iterations, 2, 8);
  return alg.oid === PKCS12_OID.pbeSha3Des ? { name: 'des-ede3-cbc', key, iv, block: 8 } : { name: 'rc2', key, iv, block: 8, rc2Bits: keyLen * 8 };
}

const PRFS: Readonly<Record<string, string>> = { [PKCS12_OID.hmacSha256]: 'sha256', [PKCS12_OID.hmacSha512]: 'sha512', [PKCS12_OID.hmacSha1]: 'sha1' };
const AES_KEYS: Readonly<Record<string, number>> = { [PKCS12_OID.aes256]: 32, [PKCS12_OID.aes192]: 24, [PKCS12_OID.aes128]: 16 };

/** PBKDF2-params: salt (must be an OCTET STRING), iterations, optional key length and PRF. */
function pbkdf2Params(kdf: AlgId, what: string): { salt: Uint8Array; iterations: number; keyLength: number; prf: string } {
  if (kdf.oid !== PKCS12_OID.pbkdf2) throw notImplemented(`${what} ${kdf.oid} is not supported`);
  const p = children(expect(kdf.params, TAG.sequence, 'pkcs12.pbkdf2Params').body);
  if (!isUniversal(p[0], TAG.octetString)) throw notImplemented(what.startsWith('PBMAC1') ? 'only octet string salts are supported for PBMAC1/PBKDF2' : 'only octet string salts are supported for pbes2/pbkdf2');
  const iterations = Number(intValue(expect(p[1], TAG.integer, 'pkcs12.pbkdf2Params')));
  const rest = p.slice(2);
  const keyLength = isUniversal(rest[0], TAG.integer) ? Number(intValue(rest.shift()!)) : 0;
  const prfOid = rest[0] === undefined ? undefined : algId(rest[0]).oid;
  const prf = prfOid === undefined ? 'sha1' : PRFS[prfOid];
  if (prf === undefined) throw notImplemented(`${what.startsWith('PBMAC1') ? 'PBMAC1 PRF' : 'pbes2 prf'} ${prfOid!} is not supported`);
  return { salt: p[0].body, iterations, keyLength, prf };
}

function pbes2Cipher(alg: AlgId, password: Uint8Array | null): Cipher {
  const p = children(expect(alg.params, TAG.sequence, 'pkcs12.pbes2Params').body);
  const kdf = pbkdf2Params(algId(p[0]!), 'pbes2 kdf algorithm');
  const scheme = algId(p[1]!);
  const keyLen = AES_KEYS[scheme.oid];
  if (keyLen === undefined) throw notImplemented(`pbes2 algorithm ${scheme.oid} is not supported`);
  const key = pbkdf2Sync(utf8Password(password), kdf.salt, kdf.iterations, keyLen, kdf.prf);
  return { name: 'aes', key, iv: scheme.params?.body ?? new Uint8Array(0), block: 16 };
}

function cipherFor(alg: AlgId, password: Uint8Array | null): Cipher {
  if (alg.oid === PKCS12_OID.pbes2) return pbes2Cipher(alg, password);
  if (alg.oid === PKCS12_OID.pbeSha3Des || alg.oid === PKCS12_OID.pbeShaRc2128 || alg.oid === PKCS12_OID.pbeShaRc240) return pkcs12Cipher(alg, password);
  throw notImplemented(`pbe algorithm ${alg.oid} is not supported`);
}

/** go-pkcs12's pbDecrypt: decrypts and checks the PKCS#7 padding. */
export function pbDecrypt(alg: AlgId, encrypted: Uint8Array, password: Uint8Array | null): Uint8Array {
  const c = cipherFor(alg, password);
  if (c.iv.length !== c.block) throw new Pkcs12Panic('cipher.NewCBCDecrypter: IV length must equal block size');
  if (encrypted.length === 0) throw new Pkcs12Error('pkcs12: empty encrypted data');
  if (encrypted.length % c.block !== 0) throw new Pkcs12Error('pkcs12: input is not a multiple of the block size');
  let plain: Uint8Array;
  if (c.name === 'rc2') plain = rc2CbcDecrypt(c.key, c.rc2Bits!, c.iv, encrypted);
  else {
    const d = createDecipheriv(c.name === 'aes' ? `aes-${c.key.length * 8}-cbc` : c.name, c.key, c.iv).setAutoPadding(false);
    plain = Buffer.concat([d.update(encrypted), d.final()]);
  }
  const pad = plain[plain.length - 1]!;
  if (pad === 0 || pad > c.block || plain.length < pad) throw new Pkcs12Error('pkcs12: decryption error, incorrect padding');
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) throw new Pkcs12Error('pkcs12: decryption error, incorrect padding');
  return plain.subarray(0, plain.length - pad);
}

/** AES-256-CBC with PKCS#7 padding (go-pkcs12's Modern encoder). */
export function aesEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

/** PBES2 AlgorithmIdentifier parameters as go-pkcs12 writes them (PBKDF2-HMAC-SHA-256, AES-256-CBC). */
export function pbes2Params(salt: Uint8Array, iv: Uint8Array, iterations: number): Uint8Array {
  const kdf = seq(oid(PKCS12_OID.pbkdf2), seq(octets(salt), integer(iterations), seq(oid(PKCS12_OID.hmacSha256))));
  return seq(kdf, seq(oid(PKCS12_OID.aes256), octets(iv)));
}

/** The PBES2 AES-256 key for a BMP password. */
export function pbes2Key(password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  return pbkdf2Sync(utf8Password(password), salt, iterations, 32, 'sha256');
}

const MAC_HASHES: Readonly<Record<string, HashName>> = { [PKCS12_OID.sha1]: 'sha1', [PKCS12_OID.sha256]: 'sha256', [PKCS12_OID.sha512]: 'sha512' };

/** MacData as read from the PFX. */
export interface MacData { readonly alg: AlgId; readonly digest: Uint8Array; readonly salt: Uint8Array; readonly iterations: number }

function pbmac1(alg: AlgId, message: Uint8Array, password: Uint8Array | null): Buffer {
  let p: Der[];
  try {
    p = children(readOne(alg.params?.raw ?? new Uint8Array(0)).body);
  } catch (e) {
    throw new Pkcs12Error(`error decoding PBMAC1 parameters: ${(e as Error).message}`);
  }
  const kdf = pbkdf2Params(algId(p[0]!), 'PBMAC1 KDF algorithm');
  const macOid = algId(p[1]!).oid;
  const mac = PRFS[macOid];
  if (mac === undefined) throw notImplemented(`PBMAC1 MAC algorithm ${macOid} is not supported`);
  if (kdf.keyLength <= 0) throw new Pkcs12Error('pkcs12: PBMAC1 requires explicit KeyLength parameter in PBKDF2 parameters');
  const key = pbkdf2Sync(utf8Password(password), kdf.salt, kdf.iterations, kdf.keyLength, kdf.prf);
  return createHmac(mac, key).update(message).digest();
}

/** go-pkcs12's doMac. */
export function computeMac(mac: MacData, message: Uint8Array, password: Uint8Array | null): Buffer {
  if (mac.alg.oid === PKCS12_OID.pbmac1) return pbmac1(mac.alg, message, password);
  const hash = MAC_HASHES[mac.alg.oid];
  if (hash === undefined) throw notImplemented(`MAC digest algorithm not supported: ${mac.alg.oid}`);
  const key = pkcs12Kdf(hash, mac.salt, password, mac.iterations, 3, HASHES[hash].u);
  return createHmac(hash, key).update(message).digest();
}

/** True when the MAC matches (constant time). */
export function macMatches(mac: MacData, message: Uint8Array, password: Uint8Array | null): boolean {
  const want = computeMac(mac, message, password);
  return want.length === mac.digest.length && timingSafeEqual(want, mac.digest);
}
