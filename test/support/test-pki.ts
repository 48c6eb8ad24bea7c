/**
 * A throwaway certificate authority and server certificate made with the openssl CLI, for tests
 * that run real HTTPS servers (conversion webhooks).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  readonly caPem: string;
  readonly keyPem: string;
  readonly certPem: string;
}

/** A CA and a server certificate for `dnsNames` and `ipAddresses`, signed by it. */
export function createTestPki(openssl: string, options: { dnsNames: readonly string[]; ipAddresses: readonly string[] }): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-pki-'));
  const run = (...args: string[]): void => void execFileSync(openssl, args, { cwd: dir, stdio: 'pipe' });
  try {
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=flotilla-test-ca');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=webhook');
    const san = [...options.dnsNames.map((d) => `DNS:${d}`), ...options.ipAddresses.map((ip) => `IP:${ip}`)].join(',');
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { caPem: read('ca.crt'), keyPem: read('server.key'), certPem: read('server.crt') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
