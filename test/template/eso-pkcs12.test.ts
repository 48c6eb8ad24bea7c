// ESO's PKCS#12 writers beyond the golden cases (their output is random in Go): files written
// here read back through our own pkcs12cert/pkcs12key, and through OpenSSL, the reference
// reader; trust stores carry Java's trust attribute and the subject as friendly name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/util/index.js';
import { Template, makeRoot, parseGoJson, profileLibrary } from '../../src/template/index.js';
import { seededRandom } from '../../src/template/funcs/registry.js';
import { requireTool, which } from '../support/external-tools.js';

const fixtures = new URL('../../tools/template-oracle/cases/fixtures/', import.meta.url);
const pem = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');
const DATA = JSON.stringify({ leaf: pem('leaf.crt'), key: pem('leaf.key'), int: pem('intermediate-ca.crt'), root: pem('root-ca.crt') });

function render(template: string, seed = 1): string {
  const t = Template.parse(template, { funcs: profileLibrary('eso'), missingKey: 'error' });
  return t.execute(makeRoot('stringmap', parseGoJson(DATA)), { clock: new ManualClock(0), random: seededRandom(seed) });
}

test('fullPemToPkcs12Pass reads back through pkcs12certPass / pkcs12keyPass (binary string in between)', () => {
  // b64dec belongs to the string functions; hexdec carries the bytes here instead.
  const hex = Buffer.from(render('{{ fullPemToPkcs12Pass (print .leaf .int .root) .key "s3cret" }}'), 'base64').toString('hex');
  const chain = render(`{{ "${hex}" | hexdec | pkcs12certPass "s3cret" }}`);
  assert.equal(chain, pem('leaf.crt') + pem('intermediate-ca.crt') + pem('root-ca.crt'));
  const key = render(`{{ "${hex}" | hexdec | pkcs12keyPass "s3cret" }}`);
  assert.match(key, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.throws(() => render(`{{ "${hex}" | hexdec | pkcs12keyPass "wrong" }}`), /pkcs12: decryption password incorrect/);
});

test('salts and IVs come from the injected random source', () => {
  const a = render('{{ pemToPkcs12 .leaf .key }}', 5);
  assert.equal(render('{{ pemToPkcs12 .leaf .key }}', 5), a);
  assert.notEqual(render('{{ pemToPkcs12 .leaf .key }}', 6), a);
});

test('OpenSSL reads the key stores and trust stores written here', (t) => {
  const openssl = requireTool(t, 'openssl', which('openssl'));
  if (openssl === undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-p12-'));
  const keystore = join(dir, 'keystore.p12');
  writeFileSync(keystore, Buffer.from(render('{{ fullPemToPkcs12Pass (print .leaf .int) .key "pw" }}'), 'base64'));
  const dump = execFileSync(openssl, ['pkcs12', '-in', keystore, '-passin', 'pass:pw', '-nodes'], { encoding: 'utf8' });
  assert.equal((dump.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length, 2);
  assert.match(dump, /-----BEGIN PRIVATE KEY-----/);
  assert.match(dump, /localKeyID: /);
  const truststore = join(dir, 'truststore.p12');
  writeFileSync(truststore, Buffer.from(render('{{ pemTruststoreToPKCS12Pass (print .root .int) "changeit" }}'), 'base64'));
  const info = execFileSync(openssl, ['pkcs12', '-in', truststore, '-passin', 'pass:changeit', '-nokeys', '-info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(info, /friendlyName: CN=Flotilla Test Root/);
  assert.match(info, /friendlyName: CN=Flotilla Test Intermediate/);
  // OpenSSL 3.0 prints the Java trust attribute by OID; newer versions name it.
  assert.match(info, /2\.16\.840\.1\.113894\.746875\.1\.1: <Unsupported tag 6>|Trusted key usage \(Oracle\): Any Extended Key Usage \(2\.5\.29\.37\.0\)/);
});
