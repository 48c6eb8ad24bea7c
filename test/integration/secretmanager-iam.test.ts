// The IAM subset, the OAuth JWT-bearer endpoint and authorization, against the real server:
// a service account is denied without a binding and allowed with one, using a token obtained by
// signing a JWT with its own key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startSecretManager } from '../../src/secretmanager/index.js';
import { accessToken, api, b64, createSecretWithValue, createServiceAccountWithKey, exchange, signAssertion, startForTest, tempDir } from '../support/secretmanager.js';

const P = 'v1/projects/my-project';
const EMAIL = 'external-secrets@my-project.iam.gserviceaccount.com';
const ACCESSOR = 'roles/secretmanager.secretAccessor';

async function bind(sm: Parameters<typeof api>[0], secret: string, role: string, member = `serviceAccount:${EMAIL}`): Promise<void> {
  const current = await api(sm, 'GET', `${P}/secrets/${secret}:getIamPolicy?options.requestedPolicyVersion=3`);
  const bindings = [...((current.json.bindings as unknown[]) ?? []), { role, members: [member] }];
  const set = await api(sm, 'POST', `${P}/secrets/${secret}:setIamPolicy`, { body: { policy: { bindings, etag: current.json.etag } } });
  assert.equal(set.status, 200, set.text);
}

test('service accounts: create, get by email or unique ID, list, delete', async (t) => {
  const sm = await startForTest(t);
  const created = await api(sm, 'POST', `${P}/serviceAccounts`, { body: { accountId: 'external-secrets', serviceAccount: { displayName: 'ESO' } } });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.name, `projects/my-project/serviceAccounts/${EMAIL}`);
  assert.equal(created.json.email, EMAIL);
  assert.equal(created.json.projectId, 'my-project');
  assert.equal(created.json.displayName, 'ESO');
  assert.match(created.json.uniqueId as string, /^1\d{20}$/);
  const duplicate = await api(sm, 'POST', `${P}/serviceAccounts`, { body: { accountId: 'external-secrets' } });
  assert.deepEqual(duplicate.json, { error: { code: 409, message: 'Service account external-secrets already exists within project projects/my-project.', status: 'ALREADY_EXISTS' } });
  const invalid = await api(sm, 'POST', `${P}/serviceAccounts`, { body: { accountId: 'X' } });
  assert.equal((invalid.json.error as { status: string }).status, 'INVALID_ARGUMENT');
  assert.deepEqual((await api(sm, 'GET', `v1/projects/-/serviceAccounts/${EMAIL}`)).json, created.json);
  assert.deepEqual((await api(sm, 'GET', `v1/projects/-/serviceAccounts/${created.json.uniqueId as string}`)).json, created.json);
  assert.deepEqual((await api(sm, 'GET', `${P}/serviceAccounts`)).json, { accounts: [created.json] });
  assert.equal((await api(sm, 'DELETE', `${P}/serviceAccounts/${EMAIL}`)).status, 200);
  const gone = await api(sm, 'GET', `${P}/serviceAccounts/${EMAIL}`);
  assert.deepEqual(gone.json, { error: { code: 404, message: 'Unknown service account', status: 'NOT_FOUND' } });
});

test('keys: Google JSON key file with token_uri pointing here; only the public half is kept', async (t) => {
  const sm = await startForTest(t);
  await api(sm, 'POST', `${P}/serviceAccounts`, { body: { accountId: 'external-secrets' } });
  const key = await api(sm, 'POST', `v1/projects/-/serviceAccounts/${EMAIL}/keys`, { body: { privateKeyType: 'TYPE_GOOGLE_CREDENTIALS_FILE' } });
  assert.equal(key.status, 200, key.text);
  assert.equal(key.json.privateKeyType, 'TYPE_GOOGLE_CREDENTIALS_FILE');
  assert.equal(key.json.keyAlgorithm, 'KEY_ALG_RSA_2048');
  assert.equal(key.json.validBeforeTime, '9999-12-31T23:59:59Z');
  const file = JSON.parse(Buffer.from(key.json.privateKeyData as string, 'base64').toString('utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(file), [
    'type', 'project_id', 'private_key_id', 'private_key', 'client_email', 'client_id', 'auth_uri', 'token_uri',
    'auth_provider_x509_cert_url', 'client_x509_cert_url', 'universe_domain',
  ]);
  assert.equal(file.type, 'service_account');
  assert.equal(file.client_email, EMAIL);
  assert.equal(file.token_uri, sm.tokenUri);
  assert.match(file.private_key_id!, /^[0-9a-f]{40}$/);
  assert.match(file.private_key!, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.equal(key.json.name, `projects/my-project/serviceAccounts/${EMAIL}/keys/${file.private_key_id}`);
  const listed = await api(sm, 'GET', `v1/projects/-/serviceAccounts/${EMAIL}/keys`);
  assert.equal((listed.json.keys as unknown[]).length, 1);
  assert.equal(JSON.stringify(listed.json).includes('PRIVATE'), false);
  const publicKey = await api(sm, 'GET', `v1/projects/-/serviceAccounts/${EMAIL}/keys/${file.private_key_id}?publicKeyType=TYPE_RAW_PUBLIC_KEY`);
  assert.match(Buffer.from(publicKey.json.publicKeyData as string, 'base64').toString(), /BEGIN PUBLIC KEY/);
  const rows = await import('../../src/secretmanager/index.js').then(({ openDatabase }) => {
    const db = openDatabase(`${sm.dataDir}/secretmanager.db`, { readonly: true });
    try {
      return db.prepare('SELECT public_key_pem FROM service_account_keys').all() as Array<{ public_key_pem: string }>;
    } finally {
      db.close();
    }
  });
  assert.equal(rows.length, 1);
  assert.match(rows[0]!.public_key_pem, /^-----BEGIN PUBLIC KEY-----/);
});

test('token endpoint: the JWT-bearer grant checks signature, issuer, audience and lifetime', async (t) => {
  const sm = await startForTest(t);
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  const ok = await exchange(key, signAssertion(key));
  assert.equal(ok.status, 200);
  assert.equal(ok.body.token_type, 'Bearer');
  assert.equal(ok.body.expires_in, 3599);
  assert.match(ok.body.access_token as string, /^ya29\./);
  // gcloud signs for Google's audience even when token_uri points elsewhere.
  assert.equal((await exchange(key, signAssertion(key, { claims: { aud: 'https://oauth2.googleapis.com/token' } }))).status, 200);
  // Without kid the server tries the account's keys.
  assert.equal((await exchange(key, signAssertion(key, { header: { kid: undefined } }))).status, 200);

  const now = Math.floor(Date.now() / 1000);
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const lifetime = 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['forged signature', 'Invalid JWT Signature.', { privateKey: other }],
    ['expired', lifetime, { claims: { iat: now - 7200, exp: now - 3600 } }],
    ['too long', lifetime, { claims: { iat: now, exp: now + 7200 } }],
    ['issued in the future', lifetime, { claims: { iat: now + 3600, exp: now + 4000 } }],
    ['unknown account', 'Invalid grant: account not found', { claims: { iss: 'nobody@my-project.iam.gserviceaccount.com' } }],
    ['wrong audience', `Invalid JWT: Failed audience check. The right audience is ${sm.tokenUri}`, { claims: { aud: 'https://example.com/token' } }],
  ];
  for (const [what, description, overrides] of cases) {
    const refused = await exchange(key, signAssertion(key, overrides));
    assert.equal(refused.status, 400, what);
    assert.deepEqual(refused.body, { error: 'invalid_grant', error_description: description }, what);
  }
  const noScope = await exchange(key, signAssertion(key, { claims: { scope: undefined } }));
  assert.equal(noScope.body.error, 'invalid_scope');
  const idToken = await exchange(key, signAssertion(key, { claims: { scope: undefined, target_audience: '32555940559.apps.googleusercontent.com' } }));
  assert.equal(idToken.status, 200);
  const claims = JSON.parse(Buffer.from((idToken.body.id_token as string).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  assert.equal(claims.email, key.client_email);
  assert.equal(claims.aud, '32555940559.apps.googleusercontent.com');
  const wrongGrant = await fetch(key.token_uri, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
  assert.deepEqual(await wrongGrant.json(), { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: client_credentials' });
});

test('a service account without a binding is denied; with secretAccessor on the secret it reads it', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 'yoursecret', '{"password":"yoursecret"}');
  await createSecretWithValue(sm, 'my-project', 'other', 'not-for-eso');
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  const token = await accessToken(key);
  const number = (await api(sm, 'GET', 'v1/projects/my-project')).json.projectNumber as string;

  const denied = await api(sm, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token });
  assert.equal(denied.status, 403);
  assert.deepEqual(denied.json, {
    error: {
      code: 403,
      message: "Permission 'secretmanager.versions.access' denied for resource 'projects/my-project/secrets/yoursecret/versions/latest' (or it may not exist).",
      status: 'PERMISSION_DENIED',
      details: [{
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'IAM_PERMISSION_DENIED',
        domain: 'iam.googleapis.com',
        metadata: { permission: 'secretmanager.versions.access', resource: 'projects/my-project/secrets/yoursecret/versions/latest' },
      }],
    },
  });
  const nonexistent = await api(sm, 'GET', `${P}/secrets/nosuch/versions/latest:access`, { token });
  assert.equal(nonexistent.status, 403, 'a caller without access cannot tell missing secrets from forbidden ones');

  await bind(sm, 'yoursecret', ACCESSOR);
  const allowed = await api(sm, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token });
  assert.equal(allowed.status, 200, allowed.text);
  assert.equal(Buffer.from((allowed.json.payload as { data: string }).data, 'base64').toString(), '{"password":"yoursecret"}');
  assert.equal(allowed.json.name, `projects/${number}/secrets/yoursecret/versions/1`);
  assert.equal((await api(sm, 'GET', `${P}/secrets/other/versions/latest:access`, { token })).status, 403, 'the binding is on one secret only');
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret`, { token })).status, 403, 'secretAccessor does not include secrets.get');
  assert.equal((await api(sm, 'POST', `${P}/secrets/yoursecret:addVersion`, { token, body: { payload: { data: b64('x') } } })).status, 403);
  assert.equal((await api(sm, 'GET', `${P}/secrets`, { token })).status, 403);
  const held = await api(sm, 'POST', `${P}/secrets/yoursecret:testIamPermissions`, { token, body: { permissions: ['secretmanager.versions.access', 'secretmanager.versions.add'] } });
  assert.deepEqual(held.json, { permissions: ['secretmanager.versions.access'] });
});

test('a project-level binding (gcloud projects add-iam-policy-binding) covers every secret', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 'a', 'A');
  await createSecretWithValue(sm, 'my-project', 'b', 'B');
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  const token = await accessToken(key);
  const policy = await api(sm, 'POST', 'v1/projects/my-project:getIamPolicy', { body: { options: { requestedPolicyVersion: 3 } } });
  assert.deepEqual(policy.json, { version: 1, etag: 'ACAB' });
  const set = await api(sm, 'POST', 'v1/projects/my-project:setIamPolicy', {
    body: { policy: { etag: 'ACAB', bindings: [{ role: 'roles/secretmanager.viewer', members: [`serviceAccount:${EMAIL}`] }, { role: ACCESSOR, members: [`serviceAccount:${EMAIL}`] }] } },
  });
  assert.equal(set.status, 200, set.text);
  for (const secret of ['a', 'b']) assert.equal((await api(sm, 'GET', `${P}/secrets/${secret}/versions/latest:access`, { token })).status, 200);
  assert.equal((await api(sm, 'GET', `${P}/secrets`, { token })).status, 200, 'viewer lists secrets');
  assert.equal((await api(sm, 'GET', 'v1/projects/other-project/secrets/a/versions/latest:access', { token })).status, 403, 'not in another project');
  const stale = await api(sm, 'POST', 'v1/projects/my-project:setIamPolicy', { body: { policy: { etag: 'ACAB', bindings: [] } } });
  assert.equal(stale.status, 409);
  assert.equal((stale.json.error as { status: string }).status, 'ABORTED');
  const badRole = await api(sm, 'POST', `${P}/secrets/a:setIamPolicy`, { body: { policy: { bindings: [{ role: 'roles/owner', members: [`serviceAccount:${EMAIL}`] }] } } });
  assert.deepEqual(badRole.json, { error: { code: 400, message: 'Role roles/owner is not supported for this resource.', status: 'INVALID_ARGUMENT' } });
  const ghost = await api(sm, 'POST', `${P}/secrets/a:setIamPolicy`, { body: { policy: { bindings: [{ role: ACCESSOR, members: ['serviceAccount:ghost@my-project.iam.gserviceaccount.com'] }] } } });
  assert.deepEqual(ghost.json, { error: { code: 400, message: 'Service account ghost@my-project.iam.gserviceaccount.com does not exist.', status: 'INVALID_ARGUMENT' } });
  assert.equal((await api(sm, 'POST', 'v1/projects/my-project:setIamPolicy', { token, body: { policy: { bindings: [] } } })).status, 403, 'the account cannot grant itself more');
});

test('self-signed JWTs (the client libraries) are bearer tokens; deleting or disabling the account revokes', async (t) => {
  const sm = await startForTest(t);
  await createSecretWithValue(sm, 'my-project', 'yoursecret', 'v1');
  const key = await createServiceAccountWithKey(sm, 'my-project', 'external-secrets');
  await bind(sm, 'yoursecret', ACCESSOR);
  const selfSigned = signAssertion(key, { claims: { aud: undefined, sub: key.client_email } });
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token: selfSigned })).status, 200);
  const token = await accessToken(key);
  assert.equal((await api(sm, 'POST', `v1/projects/-/serviceAccounts/${EMAIL}:disable`)).status, 200);
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token })).status, 401);
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token: selfSigned })).status, 401);
  assert.equal((await exchange(key, signAssertion(key))).body.error_description, 'Invalid grant: account disabled');
  assert.equal((await api(sm, 'POST', `v1/projects/-/serviceAccounts/${EMAIL}:enable`)).status, 200);
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token })).status, 200);
  assert.equal((await api(sm, 'DELETE', `v1/projects/-/serviceAccounts/${EMAIL}`)).status, 200);
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token })).status, 401);
  // An account created again under the same email is a new identity: old tokens stay dead.
  await api(sm, 'POST', `${P}/serviceAccounts`, { body: { accountId: 'external-secrets' } });
  assert.equal((await api(sm, 'GET', `${P}/secrets/yoursecret/versions/1:access`, { token })).status, 401);
});

test('a restart on the same directory keeps payloads readable and issued tokens valid; one server per directory', async () => {
  const dataDir = tempDir();
  const first = await startSecretManager({ dataDir, port: 0 });
  await createSecretWithValue(first, 'my-project', 'yoursecret', 'survives-restart');
  const key = await createServiceAccountWithKey(first, 'my-project', 'external-secrets');
  await bind(first, 'yoursecret', ACCESSOR);
  const token = await accessToken(key);
  await assert.rejects(startSecretManager({ dataDir, port: 0 }), { code: 'SECRETMANAGER_DATA_DIR_LOCKED' });
  await first.stop();
  const second = await startSecretManager({ dataDir, port: 0 });
  try {
    assert.equal(second.adminToken, first.adminToken);
    const read = await api(second, 'GET', `${P}/secrets/yoursecret/versions/latest:access`, { token });
    assert.equal(read.status, 200, read.text);
    assert.equal(Buffer.from((read.json.payload as { data: string }).data, 'base64').toString(), 'survives-restart');
  } finally {
    await second.stop();
  }
});
