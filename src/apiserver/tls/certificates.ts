/**
 * X.509 certificates with node:crypto. Node can generate keys and sign bytes but has no API to
 * issue certificates, so the TBSCertificate is encoded here (tls/der.ts) and signed with
 * `crypto.sign`: ECDSA P-256 with SHA-256, v3 extensions as RFC 5280 and Go's crypto/x509 (the
 * TLS stack of kubectl and client-go) expect them.
 *
 * @module
 */
import { type KeyObject, X509Certificate, createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import * as der from './der.js';

/** A certificate and its private key, both PEM. */
export interface CertificateBundle {
  readonly certPem: string;
  readonly keyPem: string;
}

const ECDSA_WITH_SHA256 = der.sequence(der.oid('1.2.840.10045.4.3.2'));
const OID = {
  commonName: '2.5.4.3', organization: '2.5.4.10', basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17', subjectKeyId: '2.5.29.14', authorityKeyId: '2.5.29.35', serverAuth: '1.3.6.1.5.5.7.3.1',
};

function name(commonName: string, organization?: string): Buffer {
  const rdn = (type: string, value: string): Buffer => der.set(der.sequence(der.oid(type), der.utf8String(value)));
  return der.sequence(...(organization ? [rdn(OID.organization, organization)] : []), rdn(OID.commonName, commonName));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

/** The uncompressed EC point of a P-256 public key, from which key identifiers are derived. */
function publicPoint(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}

function keyId(key: KeyObject): Buffer {
  return createHash('sha1').update(publicPoint(key)).digest();
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const parts = [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  return Buffer.from(parts.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function subjectAltNames(hosts: readonly string[]): Buffer {
  return der.sequence(...hosts.map((h) => (isIP(h) ? der.tlv(0x87, ipBytes(h)) : der.tlv(0x82, Buffer.from(h, 'ascii')))));
}

interface IssueOptions {
  readonly commonName: string;
  readonly organization?: string;
  readonly publicKey: KeyObject;
  readonly issuer: { readonly commonName: string; readonly organization?: string; readonly key: KeyObject; readonly publicKey: KeyObject };
  readonly isCA: boolean;
  /** DNS names and IP addresses of a serving certificate. */
  readonly hosts?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function issue(options: IssueOptions): string {
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const extensions = [
    extension(OID.basicConstraints, true, options.isCA ? der.sequence(der.boolean(true)) : der.sequence()),
    extension(OID.keyUsage, true, der.namedBits(options.isCA ? [0, 5, 6] : [0, 2])),
    ...(options.isCA ? [] : [extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth)))]),
    extension(OID.subjectKeyId, false, der.octetString(keyId(options.publicKey))),
    ...(options.isCA ? [] : [extension(OID.authorityKeyId, false, der.sequence(der.tlv(0x80, keyId(options.issuer.publicKey))))]),
    ...(options.hosts && options.hosts.length > 0 ? [extension(OID.subjectAltName, false, subjectAltNames(options.hosts))] : []),
  ];
  const tbs = der.sequence(
    der.explicit(0, der.integer(Buffer.from([2]))),
    der.integer(serial),
    ECDSA_WITH_SHA256,
    name(options.issuer.commonName, options.issuer.organization),
    der.sequence(der.time(options.notBefore), der.time(options.notAfter)),
    name(options.commonName, options.organization),
    options.publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, options.issuer.key);
  const certificate = der.sequence(tbs, ECDSA_WITH_SHA256, der.bitString(signature));
  const body = certificate.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

const DAY = 24 * 3600 * 1000;

function newKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** A new self-signed certificate authority, valid for ten years from `now`. */
export function createCertificateAuthority(now: Date, commonName = `flotilla-ca@${Math.floor(now.getTime() / 1000)}`): CertificateBundle {
  const { privateKey, publicKey } = newKey();
  const certPem = issue({
    commonName, organization: 'flotilla', publicKey, isCA: true,
    issuer: { commonName, organization: 'flotilla', key: privateKey, publicKey },
    notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + 3650 * DAY),
  });
  return { certPem, keyPem: pem(privateKey) };
}

/** A serving certificate for `hosts` (DNS names and IPs), signed by `ca`, valid for a year from `now`. */
export function createServingCertificate(ca: CertificateBundle, hosts: readonly string[], now: Date): CertificateBundle {
  const caCert = new X509Certificate(ca.certPem);
  const caKey = createPrivateKey(ca.keyPem);
  const subject = Object.fromEntries(caCert.subject.split('\n').map((line) => line.split('=') as [string, string]));
  const { privateKey, publicKey } = newKey();
  const certPem = issue({
    commonName: 'flotilla-apiserver', publicKey, isCA: false, hosts,
    issuer: { commonName: subject.CN ?? '', ...(subject.O ? { organization: subject.O } : {}), key: caKey, publicKey: caCert.publicKey },
    notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + 365 * DAY),
  });
  return { certPem, keyPem: pem(privateKey) };
}
