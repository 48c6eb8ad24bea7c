/**
 * Service-account keys: an RSA-2048 pair generated here, the private half handed to the caller
 * once inside Google's JSON key file shape, the public half kept to verify the JWTs it signs.
 *
 * @module
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const generateRsa = promisify(generateKeyPair);

export interface GeneratedKey {
  /** 40 hex digits, as Google's `private_key_id`. */
  readonly keyId: string;
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as in Google's key files. */
  readonly privateKeyPem: string;
  /** SPKI PEM; the only half this server keeps. */
  readonly publicKeyPem: string;
}

/** Generates a key pair (about 50-200 ms of CPU, off the event loop). */
export async function generateServiceAccountKey(): Promise<GeneratedKey> {
  const { privateKey, publicKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { keyId: randomBytes(20).toString('hex'), privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export interface CredentialsFileOptions {
  readonly projectId: string;
  readonly email: string;
  readonly uniqueId: string;
  readonly key: GeneratedKey;
  /** This server's OAuth endpoint, where clients exchange JWTs for access tokens. */
  readonly tokenUri: string;
}

/**
 * The JSON key file (`TYPE_GOOGLE_CREDENTIALS_FILE`) with Google's fields, in Google's order.
 * `token_uri` points at this server; the other URLs keep Google's values, which clients only
 * use online.
 */
export function credentialsFile(options: CredentialsFileOptions): string {
  const { projectId, email, uniqueId, key, tokenUri } = options;
  const file = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: key.keyId,
    private_key: key.privateKeyPem,
    client_email: email,
    client_id: uniqueId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
    universe_domain: 'googleapis.com',
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
