/**
 * Helpers for tests of the embedded secret manager: start one on a temp directory, call it over
 * HTTP, and act as a service account does with a JSON key (sign a JWT, exchange it for a token).
 */
import { sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startSecretManager, type SecretManager, type SecretManagerOptions } from '../../src/secretmanager/index.js';

/** A fresh temp directory. */
export function tempDir(prefix = 'flotilla-sm-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts a secret manager on a fresh directory (or the given one) and stops it after the test. */
export async function startForTest(t: TestContext, options: Partial<SecretManagerOptions> = {}): Promise<SecretManager> {
  const sm = await startSecretManager({ dataDir: tempDir(), port: 0, ...options });
  t.after(() => sm.stop());
  return sm;
}

export interface ApiResponse {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  /** Bearer token; `null` sends no Authorization header. Defaults to the admin token. */
  readonly token?: string | null;
  readonly body?: unknown;
}

/** Calls `path` (relative to the server's base URL, e.g. `v1/projects/p/secrets`). */
export async function api(sm: SecretManager, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const token = options.token === undefined ? sm.adminToken : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, sm.url), {
    method,
    headers,
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON; tests look at `text`
  }
  return { status: response.status, json, text, headers: response.headers };
}

export const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');

/** Creates a secret with one version holding `value` (admin). */
export async function createSecretWithValue(sm: SecretManager, project: string, secretId: string, value: string | Uint8Array): Promise<void> {
  const created = await api(sm, 'POST', `v1/projects/${project}/secrets?secretId=${secretId}`, { body: { replication: { automatic: {} } } });
  if (created.status !== 200) throw new Error(`create ${secretId}: ${created.text}`);
  const added = await api(sm, 'POST', `v1/projects/${project}/secrets/${secretId}:addVersion`, { body: { payload: { data: b64(value) } } });
  if (added.status !== 200) throw new Error(`addVersion ${secretId}: ${added.text}`);
}

/** The fields of a Google service-account JSON key file that clients use. */
export interface KeyFile {
  readonly type: string;
  readonly project_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly client_id: string;
  readonly token_uri: string;
}

/** Creates a service account and a key for it (admin); returns the parsed key file. */
export async function createServiceAccountWithKey(sm: SecretManager, project: string, accountId: string): Promise<KeyFile> {
  const account = await api(sm, 'POST', `v1/projects/${project}/serviceAccounts`, { body: { accountId, serviceAccount: {} } });
  if (account.status !== 200) throw new Error(`create account: ${account.text}`);
  const key = await api(sm, 'POST', `v1/projects/-/serviceAccounts/${account.json.email as string}/keys`, { body: { privateKeyType: 'TYPE_GOOGLE_CREDENTIALS_FILE' } });
  if (key.status !== 200) throw new Error(`create key: ${key.text}`);
  return JSON.parse(Buffer.from(key.json.privateKeyData as string, 'base64').toString('utf8')) as KeyFile;
}

const b64url = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export interface JwtOverrides {
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  /** Key to sign with; defaults to the key file's. */
  readonly privateKey?: string;
}

/** A JWT-bearer assertion signed with the key file's private key, as RFC 7523 clients build it. */
export function signAssertion(key: KeyFile, overrides: JwtOverrides = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: key.private_key_id, ...overrides.header };
  const claims = { iss: key.client_email, scope: 'https://www.googleapis.com/auth/cloud-platform', aud: key.token_uri, iat: now, exp: now + 3600, ...overrides.claims };
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), overrides.privateKey ?? key.private_key).toString('base64url')}`;
}

/** Posts an assertion to the key's token_uri; returns status and parsed body. */
export async function exchange(key: KeyFile, assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(key.token_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An access token for the key's service account, through the token endpoint. */
export async function accessToken(key: KeyFile): Promise<string> {
  const { status, body } = await exchange(key, signAssertion(key));
  if (status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(body)}`);
  return body.access_token as string;
}
