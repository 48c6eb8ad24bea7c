// Set B golden cases: ESO v2's certificate and key helpers (PKCS#12, PEM filtering and chains,
// SANs, JWK, RSA-OAEP) and its three-argument htpasswd. Binary inputs (PKCS#12 files, OAEP
// ciphertexts) travel as hex through ESO's hexdec. Files written with a random salt are
// compared by length (their DER layout is fixed); one written by Flotilla is read back by Go.
// Fixtures: openssl (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const file = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const text = (name: string): string => file(name).toString('utf8');
const hex = (name: string): string => file(name).toString('hex');
const jwk = JSON.parse(text('jwk.json')) as Record<string, unknown>;
const oaep = JSON.parse(text('oaep.json')) as Record<string, string>;

const DATA = JSON.stringify({
  chainModern: hex('chain-modern.p12'), legacy: hex('chain-legacy-rc2.p12'), nopass: hex('nopass.p12'), nomac: hex('nomac.p12'), disjunct: hex('disjunct-3des.p12'),
  aes128: hex('aes128-sha512.p12'), keyonly: hex('keyonly.p12'), certonly: hex('certonly.p12'), root12: hex('root-modern.p12'), nomaciter: hex('nomaciter.p12'),
  flotilla: hex('flotilla-made.p12'),
  leafCrt: text('leaf.crt'), leafKey: text('leaf.key'), intCrt: text('intermediate-ca.crt'), rootCrt: text('root-ca.crt'), rootKey: text('root-ca.key'),
  rsa1: text('rsa-pkcs1.pem'), rsa8: text('rsa-pkcs8.pem'), ec: text('ec-p256.pem'), ed: text('ed25519.pem'), rsa512: text('rsa512-pkcs8.pem'), encrypted: text('rsa-encrypted.pem'),
  mixed: `junk before\n${text('leaf.key')}${text('leaf.crt')}${text('root-ca.crt')}${text('intermediate-ca.crt')}trailing text\n`,
  chain: text('root-ca.crt') + text('leaf.crt') + text('intermediate-ca.crt'), otherRoot: text('other-root.crt'),
  ...Object.fromEntries(Object.entries(jwk).map(([k, v]) => [`jwk_${k}`, JSON.stringify(v)])),
  ct256: oaep.sha256, ct1: oaep.sha1, ct512: oaep.sha512, ct512bits: oaep.r512, alg: 'sha',
});

const PKCS12_READ = [
  '{{ .chainModern | hexdec | pkcs12certPass "secret" }}', '{{ .chainModern | hexdec | pkcs12keyPass "secret" }}', '{{ .chainModern | hexdec | pkcs12cert }}',
  '{{ .chainModern | hexdec | pkcs12keyPass "wrong" }}', '{{ .legacy | hexdec | pkcs12certPass "secret" }}', '{{ .legacy | hexdec | pkcs12keyPass "secret" }}',
  '{{ .nopass | hexdec | pkcs12key }}', '{{ .nopass | hexdec | pkcs12cert }}', '{{ .nomac | hexdec | pkcs12key }}', '{{ .nomac | hexdec | pkcs12certPass "x" }}',
  '{{ .disjunct | hexdec | pkcs12certPass "secret" }}', '{{ .aes128 | hexdec | pkcs12keyPass "pässwörd" }}', '{{ .aes128 | hexdec | pkcs12certPass "passwörd" }}',
  '{{ .keyonly | hexdec | pkcs12keyPass "secret" }}', '{{ .certonly | hexdec | pkcs12certPass "secret" }}', '{{ .root12 | hexdec | pkcs12certPass "secret" }}',
  '{{ .nomaciter | hexdec | pkcs12certPass "secret" }}', '{{ .flotilla | hexdec | pkcs12certPass "flotilla" }}', '{{ .flotilla | hexdec | pkcs12keyPass "flotilla" }}',
  '{{ "garbage" | pkcs12key }}', '{{ "" | pkcs12cert }}', '{{ "0" | pkcs12key }}', '{{ .chainModern | hexdec | pkcs12keyPass "😀" }}', '{{ .leafCrt | pkcs12cert }}',
  '{{ pkcs12key }}', '{{ pkcs12keyPass "a" "b" "c" }}',
];

const PKCS12_WRITE = [
  '{{ pemToPkcs12 .leafCrt .leafKey | len }}', '{{ pemToPkcs12Pass .leafCrt .leafKey "pw" | len }}', '{{ fullPemToPkcs12 (print .leafCrt .intCrt .rootCrt) .leafKey | len }}',
  '{{ fullPemToPkcs12Pass (print .leafCrt .intCrt) .leafKey "pw" | len }}', '{{ pemToPkcs12 .rootCrt .rootKey | len }}', '{{ pemToPkcs12 .rootCrt .rsa1 | len }}',
  '{{ pemTruststoreToPKCS12 (print .rootCrt .intCrt) | len }}', '{{ pemTruststoreToPKCS12Pass .rootCrt "changeit" | len }}', '{{ pemTruststoreToPKCS12 "" | len }}',
  '{{ pemToPkcs12 "nope" .leafKey }}', '{{ pemToPkcs12 .leafCrt "nope" }}', '{{ pemToPkcs12 .leafCrt .leafCrt }}', '{{ pemToPkcs12 .leafKey .leafKey }}',
  '{{ fullPemToPkcs12 (print .leafCrt "\\n\\n") .leafKey }}', '{{ fullPemToPkcs12 (print .leafCrt .leafKey) .leafKey }}', '{{ pemTruststoreToPKCS12 "junk" }}',
  '{{ pemTruststoreToPKCS12 .leafKey }}', '{{ pemToPkcs12Pass .leafCrt .leafKey "😀" }}', '{{ pemToPkcs12 .leafCrt .ed | len }}', '{{ pemToPkcs12 .leafCrt .encrypted }}',
];

const PEM = [
  '{{ filterPEM "CERTIFICATE" .mixed }}', '{{ filterPEM "private key" .mixed }}', '{{ filterPEM "PUBLIC KEY" .mixed }}', '{{ filterPEM "CERTIFICATE" "only junk" }}',
  '{{ filterPEM "CERTIFICATE" "" }}|', '{{ filterPEM "X" .leafCrt }}|', '{{ filterPEM "X" (print .leafCrt "tail") }}', '{{ filterPEM "rsa private key" .encrypted }}',
  '{{ filterPEM "CERTIFICATE" (print "-----BEGIN CERTIFICATE-----\\n!!\\n-----END CERTIFICATE-----\\n" .rootCrt) }}',
  '{{ filterCertChain "leaf" .chain }}', '{{ filterCertChain "intermediate" .chain }}', '{{ filterCertChain "root" .chain }}', '{{ filterCertChain "other" .chain }}|',
  '{{ filterCertChain "leaf" .rootCrt }}|{{ filterCertChain "root" .rootCrt }}|{{ filterCertChain "intermediate" .rootCrt }}|', '{{ filterCertChain "root" (print .leafCrt .intCrt) }}|',
  '{{ filterCertChain "intermediate" (print .leafCrt .intCrt) }}', '{{ filterCertChain "leaf" (print .rootCrt .otherRoot) }}', '{{ filterCertChain "leaf" "" }}',
  '{{ filterCertChain "leaf" .leafKey }}', '{{ filterCertChain "leaf" (print .leafCrt .leafCrt) }}',
  '{{ certSANs .leafCrt }}', '{{ certSANs .rootCrt }} {{ len (certSANs .rootCrt) }}', '{{ certSANs (print "noise " .leafCrt) | len }}', '{{ certSANs "nope" }}',
  '{{ certSANs .leafKey }}', '{{ range certSANs .leafCrt }}[{{ . }}]{{ end }}', '{{ printf "%T" (certSANs .leafCrt) }}',
];

const KEYS = [
  '{{ jwkPublicKeyPem .jwk_rsaPub }}', '{{ jwkPublicKeyPem .jwk_ecPub }}', '{{ jwkPublicKeyPem .jwk_ec384Pub }}', '{{ jwkPublicKeyPem .jwk_edPub }}', '{{ jwkPublicKeyPem .jwk_xPub }}',
  '{{ jwkPrivateKeyPem .jwk_rsaPriv }}', '{{ jwkPrivateKeyPem .jwk_ecPriv }}', '{{ jwkPrivateKeyPem .jwk_edPriv }}', '{{ jwkPrivateKeyPem .jwk_xPriv }}',
  '{{ jwkPublicKeyPem .jwk_rsaPriv }}', '{{ jwkPublicKeyPem .jwk_ecPriv }}', '{{ jwkPrivateKeyPem .jwk_rsaPub }}', '{{ jwkPrivateKeyPem .jwk_edPub }}',
  '{{ jwkPublicKeyPem .jwk_oct }}', '{{ jwkPrivateKeyPem .jwk_oct }}', '{{ jwkPublicKeyPem "not json" }}', '{{ jwkPublicKeyPem "{}" }}', '{{ jwkPublicKeyPem "{\\"kty\\":\\"XYZ\\"}" }}',
  '{{ jwkPublicKeyPem "{\\"kty\\":\\"RSA\\"}" }}', '{{ jwkPublicKeyPem "[1]" }}', '{{ jwkPublicKeyPem "{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\"}" }}',
  '{{ rsaDecrypt "RSA-OAEP" "SHA256" (hexdec .ct256) .rsa8 }}', '{{ rsaDecrypt "RSA-OAEP" "SHA1" (hexdec .ct1) .rsa1 }}', '{{ rsaDecrypt "RSA-OAEP" "SHA512" (hexdec .ct512) .rsa8 }}',
  '{{ rsaDecrypt "RSA-OAEP" "None" (hexdec .ct256) .rsa8 }}', '{{ rsaDecrypt "RSA-OAEP" "md5" (hexdec .ct256) .rsa8 }}', '{{ rsaDecrypt "RSA-OAEP" "SHA1" (hexdec .ct256) .rsa8 }}',
  '{{ rsaDecrypt "None" "x" "plain text" "no key" }}', '{{ rsaDecrypt "RSA-PKCS1" "SHA256" "x" .rsa8 }}', '{{ rsaDecrypt "RSA-OAEP" "SHA256" "x" "nope" }}',
  '{{ rsaDecrypt "RSA-OAEP" "SHA256" "x" .ec }}', '{{ rsaDecrypt "RSA-OAEP" "SHA256" "x" .leafCrt }}', '{{ rsaDecrypt "RSA-OAEP" "SHA1" (hexdec .ct512bits) .rsa512 }}',
  '{{ rsaDecrypt "RSA-OAEP" "SHA256" "short" .rsa8 }}',
  '{{ htpasswd "user" "pass" "sha" }}', '{{ htpasswd "user" "pass" "bcrypt" | len }}', '{{ htpasswd "us:er" "pass" "sha" }}', '{{ htpasswd "user" "pass" }}',
  '{{ htpasswd "user" "pass" .alg }}', '{{ htpasswd "user" "" "sha" }}', '{{ htpasswd "u" "p" "" | len }}',
  '{{ hexdec "ff" }}|{{ hexdec "ff" | len }}|{{ hexdec "e282" }}|{{ hexdec "41ff42" | printf "%q" }}|{{ hexdec "c3a9" | len }}|{{ hexdec "ffe9" | toJson }}|{{ printf "%x" (hexdec "00ff10") }}',
];

export const funcsBEsoCerts: Suite = {
  name: 'funcs-b-eso-certs',
  cases: [...group('pkcs12r', PKCS12_READ), ...group('pkcs12w', PKCS12_WRITE), ...group('esopem', PEM), ...group('esokey', KEYS)]
    .map((c) => ({ ...c, funcs: 'eso' as const, root: 'stringmap' as const, data: DATA })),
};
