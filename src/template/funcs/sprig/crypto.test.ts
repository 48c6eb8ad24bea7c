// sprig's crypto group beyond what the Go oracle can pin down (its output is random there):
// bcrypt hashes cross-checked with a Go-made hash, injected randomness making salts, IVs and
// serials repeatable, and generated certificates parsed and chained with node's X509Certificate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { ManualClock } from '../../../util/index.js';
import { int, sliceAny, type GoStruct } from '../../values/value.js';
import { library } from '../registry.js';
import { callError, callFunc, testContext } from '../testkit.js';
import { certFuncs } from './certs.js';
import { cryptoFuncs } from './crypto.js';

const lib = library(cryptoFuncs, certFuncs);
const field = (v: unknown, name: string): string => (v as GoStruct).fields!.get(name) as string;

test('bcrypt: Go-made hashes verify here, ours are $2a$ cost 10 and salted from the injected random source', () => {
  assert.ok(bcryptjs.compareSync('flotilla', '$2a$10$oiYPs08TYtaK9ZbgmDkPh.K5SzNEVe7x5LuIQQp8Qt/Iumey.B04i'));
  const a = callFunc(lib, 'bcrypt', ['s3cret ✓'], testContext({ seed: 7 })) as string;
  assert.match(a, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.ok(bcryptjs.compareSync('s3cret ✓', a));
  assert.equal(callFunc(lib, 'bcrypt', ['s3cret ✓'], testContext({ seed: 7 })), a);
  assert.notEqual(callFunc(lib, 'bcrypt', ['s3cret ✓'], testContext({ seed: 8 })), a);
  const line = callFunc(lib, 'htpasswd', ['admin', 'pw']) as string;
  assert.ok(line.startsWith('admin:') && bcryptjs.compareSync('pw', line.slice(6)));
});

test('encryptAES draws its IV from the injected random source; decryptAES reverses it', () => {
  const one = callFunc(lib, 'encryptAES', ['k', 'hello'], testContext({ seed: 3 })) as string;
  assert.equal(callFunc(lib, 'encryptAES', ['k', 'hello'], testContext({ seed: 3 })), one);
  assert.notEqual(callFunc(lib, 'encryptAES', ['k', 'hello'], testContext({ seed: 4 })), one);
  assert.equal(Buffer.from(one, 'base64').length, 32);
  assert.equal(callFunc(lib, 'decryptAES', ['k', one]), 'hello');
  assert.equal(callError(lib, 'decryptAES', ['k', 'AAAA']), 'runtime error: slice bounds out of range [:16] with capacity 3');
});

test('genCA and genSignedCert: parseable certificates that chain, with the clock and random source injected', () => {
  const now = Date.UTC(2030, 4, 6, 7, 8, 9);
  const ctx = testContext({ nowMs: now, seed: 11 });
  const ca = callFunc(lib, 'genCA', ['Flotilla CA', int(10)], ctx);
  const caCert = new X509Certificate(field(ca, 'Cert'));
  assert.equal(caCert.ca, true);
  assert.equal(caCert.subject, 'CN=Flotilla CA');
  assert.ok(caCert.verify(caCert.publicKey));
  assert.equal(Date.parse(caCert.validFrom), now);
  assert.equal(Date.parse(caCert.validTo), now + 10 * 86_400_000);
  assert.ok(caCert.publicKey.equals(createPublicKey(field(ca, 'Key'))));
  const leaf = callFunc(lib, 'genSignedCert', ['web', sliceAny(['10.0.0.7', '2001:db8::1']), sliceAny(['web.example.com']), int(2), ca], ctx);
  const leafCert = new X509Certificate(field(leaf, 'Cert'));
  assert.equal(leafCert.ca, false);
  assert.ok(leafCert.checkIssued(caCert));
  assert.ok(leafCert.verify(caCert.publicKey));
  assert.equal(leafCert.subjectAltName, 'DNS:web.example.com, IP Address:10.0.0.7, IP Address:2001:DB8:0:0:0:0:0:1');
  assert.match(field(leaf, 'Key'), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  // The serial is 128 random bits from the context's source.
  const again = new X509Certificate(field(callFunc(lib, 'genCA', ['Flotilla CA', int(10)], testContext({ nowMs: now, seed: 11 })), 'Cert'));
  assert.equal(again.serialNumber, caCert.serialNumber);
});

test('genSelfSignedCertWithKey keeps the given key; time comes from the injected clock', () => {
  const key = callFunc(lib, 'genPrivateKey', ['ecdsa']) as string;
  const ctx = { ...testContext(), clock: new ManualClock(Date.UTC(2049, 11, 31, 23, 59, 59)) };
  const cert = callFunc(lib, 'genSelfSignedCertWithKey', ['', null, sliceAny(['only-san.example']), int(1), key], ctx);
  const x = new X509Certificate(field(cert, 'Cert'));
  assert.equal(field(cert, 'Key'), key);
  assert.equal(x.subject ?? '', '');
  assert.equal(x.subjectAltName, 'DNS:only-san.example');
  // NotAfter crosses into 2050, where X.509 switches from UTCTime to GeneralizedTime.
  assert.equal(x.validTo, 'Jan  1 23:59:59 2050 GMT');
});

test('genPrivateKey: sprig key types and sizes (RSA 4096, DSA L2048/N256 in OpenSSL\'s DSA layout)', () => {
  const rsa = createPrivateKey(callFunc(lib, 'genPrivateKey', ['']) as string);
  assert.equal(rsa.asymmetricKeyDetails?.modulusLength, 4096);
  const dsaPem = callFunc(lib, 'genPrivateKey', ['dsa']) as string;
  assert.match(dsaPem, /^-----BEGIN DSA PRIVATE KEY-----\n/);
  assert.deepEqual(createPrivateKey(dsaPem).asymmetricKeyDetails, { modulusLength: 2048, divisorLength: 256 });
  assert.equal(createPrivateKey(callFunc(lib, 'genPrivateKey', ['ed25519']) as string).asymmetricKeyType, 'ed25519');
});
