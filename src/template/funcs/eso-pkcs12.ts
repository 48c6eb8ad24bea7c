/**
 * ESO v2's PKCS#12 helpers (runtime/template/v2 pkcs12.go): pkcs12key(Pass), pkcs12cert(Pass)
 * read a PKCS#12 file given as a (binary) string; pemToPkcs12(Pass), fullPemToPkcs12(Pass) and
 * pemTruststoreToPKCS12(Pass) write one, base64-encoded, with go-pkcs12's Modern encoder.
 * Salts and IVs come from the injected random source.
 *
 * @module
 */
import { goBytes } from '../fmt/gostring.js';
import { defineFunc, FuncError, type FuncContext, type FuncDef } from './registry.js';
import { DerError } from './crypto/der.js';
import { KeyError, parseAnyPrivateKey, pkcs8Der } from './crypto/keys.js';
import { decodePem, encodePem } from './crypto/pem.js';
import { Pkcs12Panic } from './crypto/pkcs12-pbe.js';
import { CertError, decodeChain, encodePkcs12, encodeTrustStore, Pkcs12Error, type Pkcs12Chain } from './crypto/pkcs12.js';
import { parseCertificate, type Certificate } from './crypto/x509.js';
import { orderChain } from './eso-pem.js';

const NIL_POINTER = 'runtime error: invalid memory address or nil pointer dereference';

/** Runs go-pkcs12's DecodeChain; its errors get ESO's prefix, Go panics surface unwrapped. */
function decode(input: string, password: string, prefix: string): Pkcs12Chain {
  try {
    return decodeChain(goBytes(input), password);
  } catch (e) {
    if (e instanceof Pkcs12Panic) throw new FuncError(e.message);
    if (e instanceof Pkcs12Error || e instanceof CertError || e instanceof DerError || e instanceof KeyError) throw new FuncError(`${prefix}${e.message}`);
    throw e;
  }
}

function pkcs12key(password: string, input: string): string {
  return encodePem('PRIVATE KEY', decode(input, password, 'unable to decode pkcs12 with password: ').keyPkcs8);
}

/** The leaf and CA certificates as PEM, ordered leaf → root when one chain can be built. */
function pkcs12cert(password: string, input: string): string {
  const { leaf, caCerts } = decode(input, password, 'unable to decode pkcs12 certificate with password: ');
  const all = [leaf, ...caCerts].map((c) => encodePem('CERTIFICATE', c.raw)).join('');
  try {
    return orderChain(goBytes(all)).map((c) => encodePem('CERTIFICATE', c.raw)).join('');
  } catch (e) {
    if (e instanceof FuncError) return all;
    throw e;
  }
}

/** Go errors of the writers: crypto/x509's and ESO's texts, unprefixed. */
function plain<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CertError || e instanceof KeyError || e instanceof Pkcs12Error) throw new FuncError(e.message);
    throw e;
  }
}

/** ESO's parseCaCerts: every remaining PEM block must be a certificate; leftover bytes without one panic. */
function caCertificates(data: Uint8Array): Certificate[] {
  const certs: Certificate[] = [];
  for (let rest = data; rest.length > 0;) {
    const { block, rest: next } = decodePem(rest);
    if (block === undefined) throw new FuncError(NIL_POINTER);
    rest = next;
    certs.push(plain(() => parseCertificate(block.bytes)));
  }
  return certs;
}

function toPkcs12(ctx: FuncContext, cert: string, key: string, password: string, withChain: boolean): string {
  const { block, rest } = decodePem(goBytes(cert));
  if (block === undefined) throw new FuncError(NIL_POINTER);
  const leaf = plain(() => parseCertificate(block.bytes));
  const cas = withChain ? caCertificates(rest) : [];
  const keyBlock = decodePem(goBytes(key)).block;
  if (keyBlock === undefined) throw new FuncError(NIL_POINTER);
  const parsed = parseAnyPrivateKey(keyBlock.bytes);
  if (parsed === undefined) throw new FuncError('unable to parse private key type');
  const keyPkcs8 = pkcs8Der(parsed);
  return Buffer.from(plain(() => encodePkcs12(ctx.random, keyPkcs8, leaf, cas, password))).toString('base64');
}

function truststore(ctx: FuncContext, certs: string, password: string): string {
  const cas = caCertificates(goBytes(certs));
  return Buffer.from(plain(() => encodeTrustStore(ctx.random, cas, password))).toString('base64');
}

const S1 = ['string'] as const;
const S2 = ['string', 'string'] as const;
const S3 = ['string', 'string', 'string'] as const;

export const esoPkcs12Funcs: readonly FuncDef[] = [
  defineFunc({ name: 'pkcs12key', params: S1, result: 'string', returnsError: true, impl: (_ctx, input) => pkcs12key('', input) }),
  defineFunc({ name: 'pkcs12keyPass', params: S2, result: 'string', returnsError: true, impl: (_ctx, pass, input) => pkcs12key(pass, input) }),
  defineFunc({ name: 'pkcs12cert', params: S1, result: 'string', returnsError: true, impl: (_ctx, input) => pkcs12cert('', input) }),
  defineFunc({ name: 'pkcs12certPass', params: S2, result: 'string', returnsError: true, impl: (_ctx, pass, input) => pkcs12cert(pass, input) }),
  defineFunc({ name: 'pemToPkcs12', params: S2, result: 'string', returnsError: true, impl: (ctx, cert, key) => toPkcs12(ctx, cert, key, '', false) }),
  defineFunc({ name: 'pemToPkcs12Pass', params: S3, result: 'string', returnsError: true, impl: (ctx, cert, key, pass) => toPkcs12(ctx, cert, key, pass, false) }),
  defineFunc({ name: 'fullPemToPkcs12', params: S2, result: 'string', returnsError: true, impl: (ctx, cert, key) => toPkcs12(ctx, cert, key, '', true) }),
  defineFunc({ name: 'fullPemToPkcs12Pass', params: S3, result: 'string', returnsError: true, impl: (ctx, cert, key, pass) => toPkcs12(ctx, cert, key, pass, true) }),
  defineFunc({ name: 'pemTruststoreToPKCS12', params: S1, result: 'string', returnsError: true, impl: (ctx, certs) => truststore(ctx, certs, '') }),
  defineFunc({ name: 'pemTruststoreToPKCS12Pass', params: S2, result: 'string', returnsError: true, impl: (ctx, certs, pass) => truststore(ctx, certs, pass) }),
];
