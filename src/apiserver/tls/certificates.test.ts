import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, createServingCertificate } from './certificates.js';
import { ensureServingPki, servingHosts } from './pki.js';

const NOW = new Date();

test('the CA is self-signed and a CA; the serving certificate chains to it with the requested SANs', () => {
  const ca = createCertificateAuthority(NOW);
  const caCert = new X509Certificate(ca.certPem);
  assert.equal(caCert.ca, true);
  assert.ok(caCert.checkIssued(caCert) && caCert.verify(caCert.publicKey));
  const serving = new X509Certificate(createServingCertificate(ca, servingHosts(['flotilla.example', '10.0.0.7', '::1']), NOW).certPem);
  assert.equal(serving.ca, false);
  assert.ok(serving.checkIssued(caCert) && serving.verify(caCert.publicKey));
  assert.equal(serving.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, DNS:flotilla.example, IP Address:10.0.0.7, IP Address:0:0:0:0:0:0:0:1');
  assert.equal(serving.checkHost('localhost'), 'localhost');
  assert.equal(serving.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(serving.checkHost('other.example'), undefined);
  assert.deepEqual(serving.keyUsage, ['1.3.6.1.5.5.7.3.1']);
});

test('a TLS client that trusts only the CA connects to a server using the serving certificate', async () => {
  const ca = createCertificateAuthority(NOW);
  const serving = createServingCertificate(ca, servingHosts([]), NOW);
  const server = createServer({ cert: serving.certPem, key: serving.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    for (const host of ['127.0.0.1', 'localhost']) {
      const body = await new Promise<string>((resolve, reject) => {
        request({ host, port, ca: ca.certPem, path: '/' }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        }).on('error', reject).end();
      });
      assert.equal(body, 'ok');
    }
  } finally {
    server.close();
  }
});

test('the PKI persists: same CA across restarts, serving certificate re-issued when the hosts change, keys 0600', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-pki-'));
  try {
    const first = ensureServingPki(dir, servingHosts([]), NOW);
    const again = ensureServingPki(dir, servingHosts([]), NOW);
    assert.equal(again.caPem, first.caPem);
    assert.equal(again.certPem, first.certPem);
    const widened = ensureServingPki(dir, servingHosts(['api.example']), NOW);
    assert.equal(widened.caPem, first.caPem);
    assert.notEqual(widened.certPem, first.certPem);
    assert.equal(statSync(join(dir, 'pki', 'ca.key')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'pki', 'apiserver.key')).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, 'pki', 'ca.crt'), 'utf8'), first.caPem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
