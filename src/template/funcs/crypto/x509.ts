/**
 * The parts of Go's crypto/x509 that sprig's certificate functions and ESO's PEM helpers use:
 * CreateCertificate for the templates sprig builds (same field order, extensions, key
 * identifiers and string types as Go 1.26), and ParseCertificate for the fields they read
 * (raw subject, key identifiers, subject alternative names).
 *
 * @module
 */
import { createHash, X509Certificate } from 'node:crypto';
import { bitString, bool, children, explicit, integer, isUniversal, nullValue, octets, oid, oidText, readTlv, seq, set, TAG, tlv, unsignedInteger, type Der } from './der.js';
import { ipString, to4 } from './netip.js';
import { KeyError, signatureAlgorithm, signWith, spkiDer, type PrivateKey } from './keys.js';

/** The fields of a parsed certificate that the template functions read. */
export interface Certificate {
  readonly raw: Uint8Array;
  readonly rawSubject: Uint8Array;
  readonly spki: Uint8Array;
  /** Empty when absent (Go's nil compares equal to empty). */
  readonly subjectKeyId: Uint8Array;
  readonly authorityKeyId: Uint8Array;
  readonly dnsNames: readonly string[];
  readonly emailAddresses: readonly string[];
  readonly ipAddresses: readonly Uint8Array[];
  readonly uris: readonly string[];
}

/** A certificate that does not parse; the message is Go's. */
export class CertError extends Error {
  override readonly name = 'CertError';
}

const OID = {
  commonName: '2.5.4.3', subjectKeyId: '2.5.29.14', keyUsage: '2.5.29.15', subjectAltName: '2.5.29.17', basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35', extKeyUsage: '2.5.29.37', serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2',
};

const EMPTY: Uint8Array = new Uint8Array(0);
const utf8 = new TextEncoder();

function parseSans(value: Uint8Array, c: { dns: string[]; email: string[]; ip: Uint8Array[]; uri: string[] }): void {
  for (const name of children(readTlv(value).body)) {
    if (name.cls !== 2) continue;
    const text = Buffer.from(name.body).toString('latin1');
    if (name.tag === 1) c.email.push(text);
    else if (name.tag === 2) c.dns.push(text);
    else if (name.tag === 6) c.uri.push(text);
    else if (name.tag === 7) {
      if (name.body.length !== 4 && name.body.length !== 16) throw new CertError(`x509: cannot parse IP address of length ${name.body.length}`);
      c.ip.push(name.body);
    }
  }
}

/** The outer SEQUENCE of a certificate that OpenSSL (node) also accepts, or Go's error. */
function certificateElement(der: Uint8Array): Der {
  let outer: Der;
  try {
    outer = readTlv(der);
    if (!isUniversal(outer, TAG.sequence)) throw new CertError('x509: malformed certificate');
    if (!isUniversal(children(outer.body)[0], TAG.sequence)) throw new CertError('x509: malformed tbs certificate');
    new X509Certificate(Buffer.from(outer.raw));
  } catch (e) {
    throw e instanceof CertError ? e : new CertError('x509: malformed certificate');
  }
  if (outer.raw.length !== der.length) throw new CertError('x509: trailing data');
  return outer;
}

/** x509.ParseCertificate for the fields above. */
export function parseCertificate(der: Uint8Array): Certificate {
  const outer = certificateElement(der);
  const tbs = children(children(outer.body)[0]!.body);
  const fields = tbs[0]!.cls === 2 && tbs[0]!.tag === 0 ? tbs.slice(1) : tbs;
  const [, , , , subject, spki] = fields;
  const exts = fields.find((f) => f.cls === 2 && f.tag === 3);
  const sans = { dns: [] as string[], email: [] as string[], ip: [] as Uint8Array[], uri: [] as string[] };
  const ids = { ski: EMPTY, aki: EMPTY };
  for (const ext of exts === undefined ? [] : children(readTlv(exts.body).body)) {
    const parts = children(ext.body);
    const id = oidText(parts[0]!);
    const value = parts[parts.length - 1]!.body;
    if (id === OID.subjectKeyId) ids.ski = readTlv(value).body;
    else if (id === OID.authorityKeyId) ids.aki = children(readTlv(value).body).find((d) => d.cls === 2 && d.tag === 0)?.body ?? EMPTY;
    else if (id === OID.subjectAltName) parseSans(value, sans);
  }
  return {
    raw: outer.raw, rawSubject: subject!.raw, spki: spki!.raw, subjectKeyId: ids.ski, authorityKeyId: ids.aki,
    dnsNames: sans.dns, emailAddresses: sans.email, ipAddresses: sans.ip, uris: sans.uri,
  };
}

/** The string forms certSANs lists: DNS names, IP addresses, email addresses, URIs. */
export function subjectAltNames(c: Certificate): string[] {
  return [...c.dnsNames, ...c.ipAddresses.map(ipString), ...c.emailAddresses, ...c.uris];
}

const isPrintable = (s: string): boolean => /^[a-zA-Z0-9'()+,\-./:=? ]*$/.test(s);

/** pkix.Name{CommonName: cn} as Go marshals it (no RDN at all for an empty name). */
export function nameDer(cn: string): Uint8Array {
  if (cn === '') return seq();
  const value = isPrintable(cn) ? tlv(0x13, utf8.encode(cn)) : tlv(0x0c, utf8.encode(cn));
  return seq(set(seq(oid(OID.commonName), value)));
}

/** asn1's time encoding: UTCTime for 1950..2049, GeneralizedTime otherwise (UTC, whole seconds). */
function timeDer(ms: number): Uint8Array {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new KeyError('asn1: structure error: cannot represent time as GeneralizedTime');
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return tlv(0x17, utf8.encode(`${p2(year % 100)}${rest}`));
  return tlv(0x18, utf8.encode(`${String(year).padStart(4, '0')}${rest}`));
}

/** What sprig's getBaseCertTemplate (plus the CA overrides) describes. */
export interface CertTemplate {
  readonly serial: Uint8Array;
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly Uint8Array[];
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly isCA: boolean;
}

function keyUsageExt(isCA: boolean): Uint8Array {
  // digitalSignature | keyEncipherment (| keyCertSign), bits reversed as Go writes them.
  const ext = isCA ? bitString(Uint8Array.of(0xa4), 2) : bitString(Uint8Array.of(0xa0), 5);
  return seq(oid(OID.keyUsage), bool(true), octets(ext));
}

function sanExt(t: CertTemplate, critical: boolean): Uint8Array {
  const names: Uint8Array[] = [];
  for (const dns of t.dnsNames) {
    if ([...dns].some((c) => c.codePointAt(0)! > 0x7f)) throw new KeyError(`x509: ${JSON.stringify(dns)} cannot be encoded as an IA5String`);
    names.push(tlv(0x82, utf8.encode(dns)));
  }
  for (const ip of t.ipAddresses) names.push(tlv(0x87, to4(ip) ?? ip));
  return seq(oid(OID.subjectAltName), ...(critical ? [bool(true)] : []), octets(seq(...names)));
}

/** buildCertExtensions' order: key usage, extended key usage, basic constraints, SKI, AKI, SAN. */
function extensions(t: CertTemplate, subjectKeyId: Uint8Array, authorityKeyId: Uint8Array): Uint8Array[] {
  const exts = [keyUsageExt(t.isCA), seq(oid(OID.extKeyUsage), octets(seq(oid(OID.serverAuth), oid(OID.clientAuth))))];
  exts.push(seq(oid(OID.basicConstraints), bool(true), octets(t.isCA ? seq(bool(true)) : seq())));
  if (subjectKeyId.length > 0) exts.push(seq(oid(OID.subjectKeyId), octets(octets(subjectKeyId))));
  if (authorityKeyId.length > 0) exts.push(seq(oid(OID.authorityKeyId), octets(seq(tlv(0x80, authorityKeyId)))));
  if (t.dnsNames.length > 0 || t.ipAddresses.length > 0) exts.push(sanExt(t, t.commonName === ''));
  return exts;
}

/**
 * x509.CreateCertificate(template, parent, pub(subjectKey), signerKey): DER of the signed
 * certificate. `parent` is undefined for a self-signed certificate.
 */
export function createCertificate(t: CertTemplate, subjectKey: PrivateKey, parent: Certificate | undefined, signerKey: PrivateKey): Uint8Array {
  const alg = signatureAlgorithm(signerKey);
  const spki = spkiDer(subjectKey);
  const subject = nameDer(t.commonName);
  const issuer = parent?.rawSubject ?? subject;
  const keyBits = readTlv(children(readTlv(spki).body)[1]!.raw).body.subarray(1);
  let authorityKeyId = EMPTY;
  if (parent !== undefined && Buffer.compare(issuer, subject) !== 0 && parent.subjectKeyId.length > 0) authorityKeyId = parent.subjectKeyId;
  const subjectKeyId = t.isCA ? createHash('sha256').update(keyBits).digest().subarray(0, 20) : EMPTY;
  if (parent !== undefined && Buffer.compare(spkiDer(signerKey), parent.spki) !== 0) throw new KeyError("x509: provided PrivateKey doesn't match parent's PublicKey");
  const exts = extensions(t, subjectKeyId, authorityKeyId);
  const algId = alg.nullParams ? seq(oid(alg.oid), nullValue()) : seq(oid(alg.oid));
  const tbs = seq(
    explicit(0, integer(2)), unsignedInteger(t.serial), algId, issuer, seq(timeDer(t.notBeforeMs), timeDer(t.notAfterMs)), subject, spki,
    explicit(3, seq(...exts)),
  );
  return seq(tbs, algId, bitString(signWith(signerKey, tbs)));
}

const NAME_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['2.5.4.6', 'C'], ['2.5.4.8', 'ST'], ['2.5.4.7', 'L'], ['2.5.4.9', 'STREET'], ['2.5.4.17', 'POSTALCODE'], ['2.5.4.10', 'O'], ['2.5.4.11', 'OU'],
];
const SINGLE_FIELDS: ReadonlyArray<readonly [string, string]> = [['2.5.4.3', 'CN'], ['2.5.4.5', 'SERIALNUMBER']];
const STRING_TAGS = new Set([TAG.utf8String, TAG.printableString, TAG.ia5String, 20, 26, 28, TAG.bmpString]);

function attributeText(v: Der): string | undefined {
  if (v.cls !== 0 || !STRING_TAGS.has(v.tag)) return undefined;
  if (v.tag === TAG.bmpString) return Buffer.from(v.body).swap16().toString('utf16le');
  return Buffer.from(v.body).toString(v.tag === 20 ? 'latin1' : 'utf8');
}

function escapeDN(value: string): string {
  let out = '';
  const bytes = Buffer.byteLength(value);
  let at = 0;
  for (const c of value) {
    const last = at === bytes - 1;
    const escape = ',+"\\<>;'.includes(c) || (c === ' ' && (at === 0 || last)) || (c === '#' && at === 0);
    out += escape ? `\\${c}` : c;
    at += Buffer.byteLength(c);
  }
  return out;
}

/**
 * pkix.Name.String() of a raw subject: non-standard attributes (as `OID=#hex`), then C, ST, L,
 * STREET, POSTALCODE, O, OU, CN, SERIALNUMBER, all in reverse, comma-separated, RFC 2253 escaping.
 */
export function nameString(rawSubject: Uint8Array): string {
  const standard = new Map<string, string[]>();
  const rdns: string[] = [];
  const isSingle = (id: string): boolean => SINGLE_FIELDS.some(([o]) => o === id);
  for (const rdn of children(readTlv(rawSubject).body)) {
    for (const atv of children(rdn.body)) {
      const [type, value] = children(atv.body);
      const id = oidText(type!);
      const text = attributeText(value!);
      if (text === undefined) continue;
      if (NAME_FIELDS.some(([o]) => o === id) || isSingle(id)) standard.set(id, [...(isSingle(id) ? [] : standard.get(id) ?? []), text]);
      else rdns.push(`${id}=#${Buffer.from(isPrintable(text) ? tlv(0x13, utf8.encode(text)) : tlv(0x0c, utf8.encode(text))).toString('hex')}`);
    }
  }
  for (const [id, name] of [...NAME_FIELDS, ...SINGLE_FIELDS]) for (const v of standard.get(id) ?? []) rdns.push(`${name}=${escapeDN(v)}`);
  return rdns.reverse().join(',');
}
