/**
 * sprig's certificate functions (crypto.go): genCA, genCAWithKey, genSelfSignedCert,
 * genSelfSignedCertWithKey, genSignedCert, genSignedCertWithKey, buildCustomCert. They return
 * sprig's `certificate` struct, whose `.Cert` and `.Key` fields templates read; the signed
 * variants take such a struct as the CA.
 *
 * Serial numbers come from the injected random source and validity from the injected clock;
 * generated keys come from node:crypto (see ../crypto/keys.ts).
 *
 * @module
 */
import { utf8Bytes } from '../../fmt/strconv.js';
import { formatValue } from '../../fmt/print.js';
import { structType, T } from '../../values/types.js';
import { GoSlice, GoStruct, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncContext, type FuncDef } from '../registry.js';
import { decodeBase64, decodePem, encodePem } from '../crypto/pem.js';
import { generateRsa2048, keyPem, KeyError, parseKeyPem, type PrivateKey } from '../crypto/keys.js';
import { parseIP } from '../crypto/netip.js';
import { CertError, createCertificate, parseCertificate, type Certificate } from '../crypto/x509.js';

/** sprig's `certificate` struct: `{Cert, Key string}`. */
export const certificateType = structType('sprig.certificate', [{ name: 'Cert', type: T.string }, { name: 'Key', type: T.string }]);

const NS_PER_DAY = 86_400_000_000_000n;

function certificate(cert: string, key: string): GoStruct {
  return new GoStruct(certificateType, new Map<string, GoAny>([['Cert', cert], ['Key', key]]));
}

const field = (c: unknown, name: string): string => ((c as GoStruct).fields?.get(name) as string | undefined) ?? '';

/** sprig's getNetIPs and getAlternateDNSStrs: the list items must be strings (and IPs must parse). */
function sans(ips: GoSlice, dns: GoSlice): { ipAddresses: Uint8Array[]; dnsNames: string[] } {
  const ipAddresses: Uint8Array[] = [];
  for (const ip of ips.items ?? []) {
    if (typeof ip !== 'string') throw new FuncError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIP(ip);
    if (parsed === undefined) throw new FuncError(`error parsing ip: ${ip}`);
    ipAddresses.push(parsed);
  }
  const dnsNames: string[] = [];
  for (const name of dns.items ?? []) {
    if (typeof name !== 'string') throw new FuncError(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    dnsNames.push(name);
  }
  return { ipAddresses, dnsNames };
}

interface Request {
  readonly cn: string;
  readonly days: number;
  readonly ips?: GoSlice;
  readonly dns?: GoSlice;
  readonly isCA?: boolean;
}

/** getBaseCertTemplate + getCertAndKey: the signed certificate and the subject key, as PEM. */
function issue(ctx: FuncContext, req: Request, subjectKey: PrivateKey, parent?: { cert: Certificate; key: PrivateKey }): GoStruct {
  const names = sans(req.ips ?? new GoSlice(T.sliceAny, null), req.dns ?? new GoSlice(T.sliceAny, null));
  const now = ctx.clock.now();
  const validNs = BigInt.asIntN(64, BigInt(req.days) * NS_PER_DAY);
  const template = {
    serial: ctx.random.fill(new Uint8Array(16)), commonName: req.cn, ...names,
    notBeforeMs: now, notAfterMs: now + Number(validNs / 1_000_000n), isCA: req.isCA ?? false,
  };
  let der: Uint8Array;
  try {
    der = createCertificate(template, subjectKey, parent?.cert, parent?.key ?? subjectKey);
  } catch (e) {
    if (e instanceof KeyError) throw new FuncError(`error creating certificate: ${e.message}`);
    throw e;
  }
  return certificate(encodePem('CERTIFICATE', der), keyPem(subjectKey));
}

/** Runs a key/certificate parser, turning its failure into sprig's message. */
function orFail<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof KeyError || e instanceof CertError) throw new FuncError(`${prefix}${e.message}`);
    throw e;
  }
}

const pemKey = (privPEM: string): PrivateKey => orFail('parsing private key: ', () => parseKeyPem(utf8Bytes(privPEM)));

/** The CA of genSignedCert*: its certificate (parsed) and key, with sprig's messages. */
function signer(ca: unknown): { cert: Certificate; key: PrivateKey } {
  const { block } = decodePem(utf8Bytes(field(ca, 'Cert')));
  if (block === undefined) throw new FuncError('unable to decode certificate');
  const cert = orFail('error parsing certificate: decodedSignerCert.Bytes: ', () => parseCertificate(block.bytes));
  const key = orFail('error parsing private key: ', () => parseKeyPem(utf8Bytes(field(ca, 'Key'))));
  return { cert, key };
}

/**
 * The generated-key variants check the CA and the names before generating the RSA key: Go
 * generates it first and then fails the same way, so only the wasted work differs.
 */
function withNewKey(ctx: FuncContext, req: Request, parent?: unknown): GoStruct {
  const ca = parent === undefined ? undefined : signer(parent);
  sans(req.ips ?? new GoSlice(T.sliceAny, null), req.dns ?? new GoSlice(T.sliceAny, null));
  return issue(ctx, req, generateRsa2048(), ca);
}

/** sprig's buildCustomCertificate: checks a base64 PEM certificate and key, returns them as text. */
function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  const cert = decodeBase64(utf8Bytes(b64cert));
  if (cert.error !== undefined) throw new FuncError('unable to decode base64 certificate');
  const key = decodeBase64(utf8Bytes(b64key));
  if (key.error !== undefined) throw new FuncError('unable to decode base64 private key');
  const { block } = decodePem(cert.bytes);
  if (block === undefined) throw new FuncError('unable to decode certificate');
  orFail('error parsing certificate: decodedCert.Bytes: ', () => parseCertificate(block.bytes));
  orFail('error parsing private key: ', () => parseKeyPem(key.bytes));
  const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
  return certificate(text(cert.bytes), text(key.bytes));
}

const IPS_DNS = ['string', '[]interface {}', '[]interface {}', 'int'] as const;

export const certFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'buildCustomCert', params: ['string', 'string'], result: certificateType, returnsError: true, impl: (_ctx, c, k) => buildCustomCert(c, k) }),
  defineFunc({ name: 'genCA', params: ['string', 'int'], result: certificateType, returnsError: true, impl: (ctx, cn, days) => withNewKey(ctx, { cn, days, isCA: true }) }),
  defineFunc({
    name: 'genCAWithKey',
    params: ['string', 'int', 'string'],
    result: certificateType,
    returnsError: true,
    impl: (ctx, cn, days, key) => issue(ctx, { cn, days, isCA: true }, pemKey(key)),
  }),
  defineFunc({ name: 'genSelfSignedCert', params: IPS_DNS, result: certificateType, returnsError: true, impl: (ctx, cn, ips, dns, days) => withNewKey(ctx, { cn, days, ips, dns }) }),
  defineFunc({
    name: 'genSelfSignedCertWithKey',
    params: [...IPS_DNS, 'string'],
    result: certificateType,
    returnsError: true,
    impl: (ctx, cn, ips, dns, days, key) => issue(ctx, { cn, days, ips, dns }, pemKey(key)),
  }),
  defineFunc({
    name: 'genSignedCert',
    params: [...IPS_DNS, certificateType],
    result: certificateType,
    returnsError: true,
    impl: (ctx, cn, ips, dns, days, ca) => withNewKey(ctx, { cn, days, ips, dns }, ca),
  }),
  defineFunc({
    name: 'genSignedCertWithKey',
    params: [...IPS_DNS, certificateType, 'string'],
    result: certificateType,
    returnsError: true,
    impl: (ctx, cn, ips, dns, days, ca, key) => {
      const subjectKey = pemKey(key);
      return issue(ctx, { cn, days, ips, dns }, subjectKey, signer(ca));
    },
  }),
];
