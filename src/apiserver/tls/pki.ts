/**
 * The certificate material of `flotilla apiserver`, kept in `<data dir>/pki/`: a CA created at
 * first start (ca.crt, ca.key) and a serving certificate it signs (apiserver.crt,
 * apiserver.key). The CA never changes, so kubeconfigs that embed it keep working across
 * restarts; the serving certificate is re-issued when the requested host names change, when it
 * is close to expiry, or when it no longer chains to the CA. Keys are written mode 0600.
 *
 * @module
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { type CertificateBundle, createCertificateAuthority, createServingCertificate } from './certificates.js';

export interface ServingPki {
  /** PEM of the CA, for kubeconfigs. */
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

function writePrivate(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

function readBundle(certPath: string, keyPath: string): CertificateBundle | undefined {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

/** `localhost`, `127.0.0.1` and the extra names, de-duplicated, in a stable order. */
export function servingHosts(extra: readonly string[]): string[] {
  return [...new Set(['localhost', '127.0.0.1', ...extra.map((h) => h.trim()).filter((h) => h !== '')])];
}

function sanList(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '').split(', ').filter((s) => s !== '').map((s) => s.replace(/^DNS:/, '').replace(/^IP Address:/, '')).sort();
}

function servingStillGood(bundle: CertificateBundle, ca: X509Certificate, hosts: readonly string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(bundle.certPem);
    const wanted = hosts.map((h) => (isIP(h) === 6 ? h.toUpperCase() : h)).sort();
    const current = sanList(cert).map((h) => (isIP(h) === 6 ? h.toUpperCase() : h));
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && JSON.stringify(current) === JSON.stringify(wanted)
      && Date.parse(cert.validTo) - now.getTime() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/** Loads the PKI of `dataDir`, creating what is missing or stale. */
export function ensureServingPki(dataDir: string, hosts: readonly string[], now: Date): ServingPki {
  const dir = join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let ca = readBundle(join(dir, 'ca.crt'), join(dir, 'ca.key'));
  if (!ca) {
    ca = createCertificateAuthority(now);
    writePrivate(join(dir, 'ca.key'), ca.keyPem);
    writePrivate(join(dir, 'ca.crt'), ca.certPem);
  }
  const caCert = new X509Certificate(ca.certPem);
  let serving = readBundle(join(dir, 'apiserver.crt'), join(dir, 'apiserver.key'));
  if (!serving || !servingStillGood(serving, caCert, hosts, now)) {
    serving = createServingCertificate(ca, hosts, now);
    writePrivate(join(dir, 'apiserver.key'), serving.keyPem);
    writePrivate(join(dir, 'apiserver.crt'), serving.certPem);
  }
  return { caPem: ca.certPem, certPem: serving.certPem, keyPem: serving.keyPem };
}
