// Cross-check with Google's own client library (@google-cloud/secret-manager 6, REST mode):
// it authenticates with a self-signed JWT from the key file, parses our responses, checks
// CRC32C, and maps our errors to gRPC codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { crc32c } from '../../src/secretmanager/index.js';
import { api, createServiceAccountWithKey, startForTest, tempDir } from '../support/secretmanager.js';

const GRPC_CODES: Record<number, string> = { 5: 'NOT_FOUND', 7: 'PERMISSION_DENIED', 9: 'FAILED_PRECONDITION' };

/**
 * The canonical status of an SDK error. gax 5 in REST mode surfaces gaxios' HTTP error (`code` is
 * the HTTP status, the message is the response body: Google's JSON error) instead of a
 * gRPC-coded GoogleError; accept both forms.
 */
function statusOf(error: unknown): string | undefined {
  const e = error as { code?: number; message?: string };
  if (typeof e.code === 'number' && GRPC_CODES[e.code]) return GRPC_CODES[e.code];
  try {
    return (JSON.parse(e.message ?? '') as { error?: { status?: string } }).error?.status;
  } catch {
    return undefined;
  }
}

test('the official SDK in REST mode drives secrets and versions with a service-account key', async (t) => {
  const sm = await startForTest(t);
  const admin = await createServiceAccountWithKey(sm, 'my-project', 'sdk-admin');
  const reader = await createServiceAccountWithKey(sm, 'my-project', 'sdk-reader');
  const granted = await api(sm, 'POST', 'v1/projects/my-project:setIamPolicy', {
    body: { policy: { bindings: [{ role: 'roles/secretmanager.admin', members: [`serviceAccount:${admin.client_email}`] }] } },
  });
  assert.equal(granted.status, 200, granted.text);
  const keys = tempDir();
  const client = (key: object, name: string): SecretManagerServiceClient => {
    const keyFilename = join(keys, `${name}.json`);
    writeFileSync(keyFilename, JSON.stringify(key));
    return new SecretManagerServiceClient({ apiEndpoint: '127.0.0.1', port: sm.port, protocol: 'http', fallback: true, keyFilename });
  };
  const sdk = client(admin, 'admin');
  t.after(() => sdk.close());

  const [secret] = await sdk.createSecret({ parent: 'projects/my-project', secretId: 'sdk-secret', secret: { replication: { automatic: {} }, labels: { team: 'a' } } });
  assert.match(secret.name!, /^projects\/\d{12}\/secrets\/sdk-secret$/);
  assert.deepEqual(secret.labels, { team: 'a' });
  const data = Buffer.from([0, 1, 2, 250, 251, 255]);
  const [version] = await sdk.addSecretVersion({ parent: 'projects/my-project/secrets/sdk-secret', payload: { data, dataCrc32c: crc32c(data) } });
  assert.match(version.name!, /\/versions\/1$/);
  assert.equal(version.clientSpecifiedPayloadChecksum, true);
  const [accessed] = await sdk.accessSecretVersion({ name: 'projects/my-project/secrets/sdk-secret/versions/latest' });
  assert.deepEqual(Buffer.from(accessed.payload!.data as Uint8Array), data);
  assert.equal(Number(accessed.payload!.dataCrc32c), crc32c(data));
  assert.equal(accessed.name, version.name);

  const [listed] = await sdk.listSecrets({ parent: 'projects/my-project', filter: 'labels.team=a' });
  assert.deepEqual(listed.map((s) => s.name), [secret.name]);
  const [versions] = await sdk.listSecretVersions({ parent: secret.name!, filter: 'state:ENABLED' });
  assert.deepEqual(versions.map((v) => v.name), [version.name]);
  const [disabled] = await sdk.disableSecretVersion({ name: version.name! });
  assert.equal(disabled.state, 'DISABLED');
  await assert.rejects(sdk.accessSecretVersion({ name: `${secret.name!}/versions/latest` }), (e: Error) => statusOf(e) === 'FAILED_PRECONDITION' && /DISABLED state/.test(e.message));

  const readerSdk = client(reader, 'reader');
  t.after(() => readerSdk.close());
  await assert.rejects(readerSdk.accessSecretVersion({ name: `${secret.name!}/versions/1` }), (e) => statusOf(e) === 'PERMISSION_DENIED');

  await sdk.deleteSecret({ name: secret.name! });
  await assert.rejects(sdk.getSecret({ name: secret.name! }), (e) => statusOf(e) === 'NOT_FOUND');
});
