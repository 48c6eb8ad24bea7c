/**
 * sprig's crypto group apart from certificates (crypto.go): bcrypt, htpasswd, derivePassword
 * (the Master Password algorithm), genPrivateKey, encryptAES, decryptAES. Salts and IVs come
 * from the injected random source.
 *
 * bcryptjs computes bcrypt: it is the well-kept, dependency-free implementation of the same
 * algorithm (`$2a$`, cost 10, as golang.org/x/crypto/bcrypt writes).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { utf8Bytes } from '../../fmt/strconv.js';
import { goString } from '../../fmt/gostring.js';
import { defineFunc, FuncError, type FuncContext, type FuncDef } from '../registry.js';
import { decodeBase64 } from '../crypto/pem.js';
import { generateKeyPem } from '../crypto/keys.js';

/** golang.org/x/crypto/bcrypt.GenerateFromPassword(input, DefaultCost), or sprig's failure text. */
export function bcrypt(ctx: FuncContext, input: string): string {
  const bytes = utf8Bytes(input);
  if (bytes.length > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  const salt = `$2a$10$${bcryptjs.encodeBase64(ctx.random.fill(new Uint8Array(16)), 16)}`;
  return bcryptjs.hashSync(input, salt);
}

/** ESO's vendored htpasswd's `{SHA}` form: base64 of the SHA-1 digest. */
export const shaPassword = (password: string): string => `{SHA}${createHash('sha1').update(password, 'utf8').digest('base64')}`;

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARACTERS: Readonly<Record<string, string>> = {
  V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz', A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789', o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};
const SEED = utf8Bytes('com.lyndir.masterpassword');

function lengthPrefixed(text: string): Buffer {
  const bytes = utf8Bytes(text);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** sprig's derivePassword (Master Password: scrypt N=32768 r=8 p=2, then HMAC-SHA-256 of the site). */
export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = Object.hasOwn(TEMPLATES, passwordType) ? TEMPLATES[passwordType]! : undefined;
  if (templates === undefined) return `cannot find password template ${passwordType}`;
  const key = scryptSync(utf8Bytes(password), Buffer.concat([SEED, lengthPrefixed(user)]), 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  const seed = createHmac('sha256', key).update(Buffer.concat([SEED, lengthPrefixed(site), count])).digest();
  const template = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = CHARACTERS[template[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

/** sprig's AES key: the password's bytes in a zeroed 32-byte buffer (truncated when longer). */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8Bytes(password)).copy(key, 0, 0, 32);
  return key;
}

/** sprig's encryptAES: base64 of IV ‖ AES-256-CBC(PKCS#7-padded plaintext). */
export function encryptAES(ctx: FuncContext, password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = Buffer.from(ctx.random.fill(new Uint8Array(16)));
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([iv, cipher.update(utf8Bytes(plaintext)), cipher.final()]).toString('base64');
}

/**
 * sprig's decryptAES. Go slices without checks, so short or ragged input panics; the panics
 * read as Go's runtime errors. The padding is stripped by its last byte, unverified.
 */
export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const { bytes: crypt, error } = decodeBase64(utf8Bytes(crypt64));
  if (error !== undefined) throw new FuncError(error);
  if (crypt.length < 16) throw new FuncError(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new FuncError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new FuncError('runtime error: index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new FuncError(`runtime error: slice bounds out of range [:${end}]`);
  return goString(plain.subarray(0, end));
}

export const cryptoFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'bcrypt', params: ['string'], result: 'string', impl: (ctx, input) => bcrypt(ctx, input) }),
  defineFunc({
    name: 'htpasswd',
    params: ['string', 'string'],
    result: 'string',
    impl: (ctx, user, password) => (user.includes(':') ? `invalid username: ${user}` : `${user}:${bcrypt(ctx, password)}`),
  }),
  defineFunc({ name: 'derivePassword', params: ['uint32', 'string', 'string', 'string', 'string'], result: 'string', impl: (_ctx, ...args) => derivePassword(...args) }),
  defineFunc({ name: 'genPrivateKey', params: ['string'], result: 'string', impl: (_ctx, type) => generateKeyPem(type) }),
  defineFunc({ name: 'encryptAES', params: ['string', 'string'], result: 'string', returnsError: true, impl: (ctx, password, text) => encryptAES(ctx, password, text) }),
  defineFunc({ name: 'decryptAES', params: ['string', 'string'], result: 'string', returnsError: true, impl: (_ctx, password, text) => decryptAES(password, text) }),
];
