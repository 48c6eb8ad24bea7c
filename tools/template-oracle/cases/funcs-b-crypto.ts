// Set B golden cases: sprig's crypto group. Deterministic functions (derivePassword,
// decryptAES of fixed ciphertexts, encrypt/decrypt round trips, key re-encoding by the *WithKey
// functions, every error path) compare exactly; random output (bcrypt salts, generated keys,
// certificates) is compared by shape. Keys and certificates are openssl-generated fixtures.
import { readFileSync } from 'node:fs';
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

const KEYS = {
  rsa1: fixture('rsa-pkcs1.pem'), rsa8: fixture('rsa-pkcs8.pem'), ec: fixture('ec-p256.pem'), ec8: fixture('ec-p256-pkcs8.pem'), ec224: fixture('ec-p224.pem'),
  ec384: fixture('ec-p384.pem'), ed: fixture('ed25519.pem'), x25519: fixture('x25519.pem'), dsa: fixture('dsa.pem'), rsa512: fixture('rsa512-pkcs1.pem'),
  rootCrt: fixture('root-ca.crt'), rootKey: fixture('root-ca.key'), otherKey: fixture('other-root.key'), leafCrt: fixture('leaf.crt'),
};

export const CRYPTO_DATA = JSON.stringify({
  ...KEYS,
  rootCrt64: b64(KEYS.rootCrt), rootKey64: b64(KEYS.rootKey), otherKey64: b64(KEYS.otherKey), leafCrt64: b64(KEYS.leafCrt), ec64: b64(KEYS.ec),
  notPem: 'hello', certAsKey: KEYS.rootCrt, badType: KEYS.ec.replaceAll('EC PRIVATE KEY', 'FOO PRIVATE KEY'),
  ecAsRsa: KEYS.ec.replaceAll('EC PRIVATE KEY', 'RSA PRIVATE KEY'), rsaAsEc: KEYS.rsa1.replaceAll('RSA PRIVATE KEY', 'EC PRIVATE KEY'),
  rsa1As8: KEYS.rsa1.replaceAll('RSA PRIVATE KEY', 'PRIVATE KEY'), ec8AsRsa: KEYS.ec8.replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY'),
  m: { Cert: 'x', Key: 'y' }, i: 5,
});

const PASSWORDS = [
  '{{ derivePassword 1 "long" "password" "user" "example.com" }}', '{{ derivePassword 2 "long" "password" "user" "example.com" }}',
  '{{ derivePassword 1 "maximum" "pässwörd ✓" "üser" "exämple.com" }}', '{{ derivePassword 4294967295 "medium" "p" "u" "s" }}',
  '{{ derivePassword 0 "short" "" "" "" }}', '{{ derivePassword 7 "basic" "correct horse" "alice" "bank" }}', '{{ derivePassword 3 "pin" "1234" "bob" "atm" }}',
  '{{ derivePassword 1 "nope" "p" "u" "s" }}', '{{ derivePassword 1 "" "p" "u" "s" }}', '{{ derivePassword -1 "long" "p" "u" "s" }}', '{{ derivePassword 4294967296 "long" "p" "u" "s" }}',
  '{{ derivePassword .i "long" "p" "u" "s" }}', '{{ derivePassword 1 "long" "p" "u" }}',
];

const AES = [
  '{{ decryptAES "secret" "AQEBAQEBAQEBAQEBAQEBAXoCjNQcq4u5VHgGblBoSFM=" }}', '{{ decryptAES "a-very-long-password-longer-than-thirty-two-bytes" "AgICAgICAgICAgICAgICApqxqMB/Xoss9FSGp7PuURh+QQEmq/bOStMxq2iz+exq" }}',
  '{{ decryptAES "wrong" "AQEBAQEBAQEBAQEBAQEBAXoCjNQcq4u5VHgGblBoSFM=" | len }}', '{{ decryptAES "k" "AwMDAwMDAwMDAwMDAwMDA3TyGBRqQHtKTnCnrmmCyuo=" }}',
  '{{ decryptAES "k" "" }}|{{ encryptAES "k" "" }}|', '{{ decryptAES "k" "abc" }}', '{{ decryptAES "k" "AAAA" }}', '{{ decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAA==" }}',
  '{{ decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }}', '{{ decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }}', '{{ decryptAES "k" "AQEB\\nAQEBAQEBAQEBAQEBAXoCjNQcq4u5VHgGblBoSFM=" }}',
  '{{ decryptAES "k" "QQ=" }}', '{{ decryptAES "k" "QQ==QQ==" }}', '{{ decryptAES "k" "QQ=x" }}', '{{ decryptAES "k" "Q" }}', '{{ decryptAES "k" "A===" }}',
  '{{ decryptAES "pw" (encryptAES "pw" "round trip ✓") }}', '{{ decryptAES "pw" (encryptAES "pw" "0123456789abcdef") }}', '{{ encryptAES "k" "hello" | len }}',
  '{{ decryptAES "" (encryptAES "" "empty password") }}', '{{ encryptAES 1 "x" }}',
];

const HASHES = [
  '{{ bcrypt "x" | len }} {{ printf "%.7s" (bcrypt "x") }}', '{{ bcrypt "" | len }}', `{{ bcrypt "${'a'.repeat(72)}" | len }}`, `{{ bcrypt "${'a'.repeat(73)}" }}`,
  '{{ htpasswd "admin" "pw" | len }} {{ printf "%.13s" (htpasswd "admin" "pw") }}', '{{ htpasswd "a:b" "pw" }}', '{{ htpasswd "" "" | len }}', '{{ htpasswd "a" }}',
];

const KEYGEN = [
  '{{ printf "%.31s" (genPrivateKey "ecdsa") }}', '{{ printf "%.28s" (genPrivateKey "ed25519") }}', '{{ genPrivateKey "ed25519" | len }}', '{{ genPrivateKey "RSA" }}',
  '{{ genPrivateKey "x" }}', '{{ genPrivateKey }}',
];

const CERTS = [
  '{{ $c := genCA "my-ca" 365 }}{{ printf "%T %.28s|%.32s" $c $c.Cert $c.Key }}', '{{ $c := genCA "" -1 }}{{ printf "%.28s" $c.Cert }}',
  '{{ $c := genSelfSignedCert "host" (list "10.0.0.1" "::1") (list "a.example.com") 30 }}{{ printf "%.28s|%.32s" $c.Cert $c.Key }}',
  '{{ $c := genSelfSignedCert "host" nil nil 30 }}{{ printf "%.28s" $c.Cert }}', '{{ genSelfSignedCert "h" (list "300.1.1.1") nil 1 }}', '{{ genSelfSignedCert "h" (list 1) nil 1 }}',
  '{{ genSelfSignedCert "h" (list "1.2.3.4" "01.2.3.4") nil 1 }}', '{{ genSelfSignedCert "h" (list "fe80::1%eth0") nil 1 }}', '{{ genSelfSignedCert "h" nil (list "ok" 2.5) 1 }}',
  '{{ genSelfSignedCert "h" nil (list "bücher.example") 1 }}', '{{ genSelfSignedCert "h" (list "::ffff:1.2.3.4" "1::" "::") nil 1 | printf "%T" }}',
  '{{ $ca := genCA "ca" 10 }}{{ $c := genSignedCert "leaf" nil (list "leaf.local") 5 $ca }}{{ printf "%.28s|%.32s" $c.Cert $c.Key }}',
  '{{ genSignedCert "leaf" nil nil 5 .m }}', '{{ genSignedCert "leaf" nil nil 5 (genCAWithKey "ca" 1 .rsa1) | printf "%T" }}',
  '{{ $ca := genCAWithKey "ca" 1 .rsa1 }}{{ genSignedCertWithKey "leaf" nil nil 1 $ca .ec | printf "%T" }}',
  '{{ (genCAWithKey "ca" 1 .rsa1).Key }}', '{{ (genCAWithKey "ca" 1 .rsa8).Key }}', '{{ (genCAWithKey "ca" 1 .ec).Key }}', '{{ (genCAWithKey "ca" 1 .ec8).Key }}',
  '{{ (genCAWithKey "ca" 1 .ed).Key }}', '{{ (genCAWithKey "ca" 1 .ec384).Key }}', '{{ (genSelfSignedCertWithKey "h" nil nil 1 .rsa1).Key }}',
  '{{ genCAWithKey "ca" 1 .ec224 | printf "%T" }}', '{{ genCAWithKey "ca" 1 .x25519 }}', '{{ genCAWithKey "ca" 1 .dsa }}', '{{ genCAWithKey "ca" 1 .rsa512 | printf "%T" }}',
  '{{ genCAWithKey "ca" 1 .notPem }}', '{{ genCAWithKey "ca" 1 .certAsKey }}', '{{ genCAWithKey "ca" 1 .badType }}', '{{ genCAWithKey "ca" 1 .ecAsRsa }}',
  '{{ genCAWithKey "ca" 1 .rsaAsEc }}', '{{ genCAWithKey "ca" 1 .rsa1As8 }}', '{{ genCAWithKey "ca" 1 .ec8AsRsa }}', '{{ genCAWithKey "ca" 1 "-----BEGIN  PRIVATE KEY-----\\n-----END  PRIVATE KEY-----\\n" }}',
  '{{ $ca := buildCustomCert .rootCrt64 .rootKey64 }}{{ eq $ca.Cert .rootCrt }} {{ eq $ca.Key .rootKey }}',
  '{{ $ca := buildCustomCert .rootCrt64 .rootKey64 }}{{ $c := genSignedCertWithKey "leaf" (list "10.9.8.7") nil 3 $ca .ec }}{{ printf "%.28s" $c.Cert }} {{ eq $c.Key .ec }}',
  '{{ $ca := buildCustomCert .rootCrt64 .otherKey64 }}', '{{ buildCustomCert "!!" .rootKey64 }}', '{{ buildCustomCert .rootCrt64 "%%" }}', '{{ buildCustomCert .ec64 .rootKey64 }}',
  '{{ buildCustomCert .rootCrt64 .leafCrt64 }}', '{{ buildCustomCert .rootCrt64 .ec64 | printf "%T" }}',
  '{{ $ca := buildCustomCert .rootCrt64 .rootKey64 }}{{ genSignedCertWithKey "x" nil nil 1 $ca .notPem }}', '{{ $ca := buildCustomCert .rootCrt64 .ec64 }}{{ genSignedCert "x" nil nil 1 $ca }}',
  '{{ genCA "ca" 1 "extra" }}', '{{ genCA 1 1 }}', '{{ genCA "ca" .i }}',
];

export const funcsBCrypto: Suite = {
  name: 'funcs-b-crypto',
  cases: [
    ...group('derivepw', PASSWORDS, { data: CRYPTO_DATA }), ...group('aes', AES), ...group('bcrypt', HASHES),
    ...group('genkey', KEYGEN), ...group('cert', CERTS, { data: CRYPTO_DATA }),
  ],
};
