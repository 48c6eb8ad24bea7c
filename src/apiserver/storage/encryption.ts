/**
 * Encryption at rest, as kube-apiserver's `EncryptionConfiguration` (apiserver.config.k8s.io/v1)
 * with the `aesgcm` and `identity` providers: for each listed resource, values are written with
 * the first provider and read with whichever provider their prefix names. An aesgcm value is
 * `k8s:enc:aesgcm:v1:<key name>:` + 12-byte random nonce + AES-256-GCM ciphertext + 16-byte tag,
 * with the storage key as additional authenticated data, so a value copied under another key
 * does not decrypt. Values written before encryption was turned on (no prefix) are read as plain
 * when `identity` is listed, and are re-encrypted on their next write.
 *
 * `flotilla apiserver` keeps the configuration in `<data dir>/encryption-config.yaml` (mode 0600),
 * created at first start with one fresh 32-byte key for `secrets`. Rotating keys works as in
 * kube: add a new key first in the list, restart, rewrite the Secrets, then drop the old key.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../../api/object.js';
import { FlotillaError } from '../../util/index.js';
import { IDENTITY_TRANSFORMER, type TransformerLookup, type ValueTransformer } from './transformer.js';

const AESGCM_PREFIX = 'k8s:enc:aesgcm:v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A configuration that cannot be used, or a value that cannot be decrypted. */
export class EncryptionError extends FlotillaError {}

interface AesKey {
  readonly name: string;
  readonly secret: Buffer;
}

type Provider = { readonly kind: 'aesgcm'; readonly keys: readonly AesKey[] } | { readonly kind: 'identity' };

function encryptGcm(key: AesKey, plaintext: Uint8Array, aad: string): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.secret, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from(`${AESGCM_PREFIX}${key.name}:`, 'utf8'), nonce, body, cipher.getAuthTag()]);
}

function decryptGcm(keys: readonly AesKey[], stored: Buffer, aad: string): Buffer {
  const rest = stored.subarray(AESGCM_PREFIX.length);
  const colon = rest.indexOf(0x3a);
  const name = colon > 0 ? rest.subarray(0, colon).toString('utf8') : '';
  const key = keys.find((k) => k.name === name);
  if (!key) throw new EncryptionError('ENCRYPTION_KEY_UNKNOWN', `value of ${aad} is encrypted with key "${name}", which the encryption configuration does not list`);
  const data = rest.subarray(colon + 1);
  if (data.length < NONCE_BYTES + TAG_BYTES) throw new EncryptionError('ENCRYPTION_CORRUPT', `value of ${aad} is too short to be AES-GCM data`);
  const decipher = createDecipheriv('aes-256-gcm', key.secret, data.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new EncryptionError('ENCRYPTION_CORRUPT', `value of ${aad} failed AES-GCM authentication with key "${name}"`);
  }
}

/** The transformer of one resource's provider list. */
export function providerTransformer(providers: readonly Provider[]): ValueTransformer {
  const write = providers[0];
  if (!write) throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', 'a resource needs at least one provider');
  const gcmKeys = providers.flatMap((p) => (p.kind === 'aesgcm' ? p.keys : []));
  const identityReadable = providers.some((p) => p.kind === 'identity');
  return {
    toStorage: (plaintext, key) => (write.kind === 'identity' ? plaintext : encryptGcm(write.keys[0]!, plaintext, key)),
    fromStorage: (stored, key) => {
      const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      if (bytes.subarray(0, AESGCM_PREFIX.length).toString('utf8') === AESGCM_PREFIX) return decryptGcm(gcmKeys, bytes, key);
      if (identityReadable) return stored;
      throw new EncryptionError('ENCRYPTION_NOT_ENCRYPTED', `value of ${key} is not encrypted and the configuration does not list the identity provider`);
    },
  };
}

function parseKeys(value: unknown, where: string): AesKey[] {
  const keys = isPlainObject(value) && Array.isArray(value.keys) ? value.keys : undefined;
  if (!keys || keys.length === 0) throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', `${where}: aesgcm needs at least one key`);
  return keys.map((k: unknown, i) => {
    const name = isPlainObject(k) && typeof k.name === 'string' ? k.name : '';
    const secret = isPlainObject(k) && typeof k.secret === 'string' ? Buffer.from(k.secret, 'base64') : Buffer.alloc(0);
    if (name === '' || name.includes(':')) throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', `${where}.keys[${i}].name must be a non-empty name without ":"`);
    if (secret.length !== 32) throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', `${where}.keys[${i}].secret must be 32 bytes, base64-encoded (AES-256)`);
    return { name, secret };
  });
}

function parseProvider(value: unknown, where: string): Provider {
  if (isPlainObject(value) && 'aesgcm' in value) return { kind: 'aesgcm', keys: parseKeys(value.aesgcm, `${where}.aesgcm`) };
  if (isPlainObject(value) && 'identity' in value) return { kind: 'identity' };
  const name = isPlainObject(value) ? Object.keys(value)[0] : undefined;
  throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', `${where}: unsupported provider ${JSON.stringify(name ?? value)} (supported: aesgcm, identity)`);
}

/** Parses an EncryptionConfiguration document into a transformer lookup by group-resource. */
export function parseEncryptionConfiguration(text: string): TransformerLookup {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', `encryption configuration is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isPlainObject(doc) || doc.kind !== 'EncryptionConfiguration' || !Array.isArray(doc.resources)) {
    throw new EncryptionError('ENCRYPTION_CONFIG_INVALID', 'expected kind: EncryptionConfiguration with a resources list');
  }
  const byResource = new Map<string, ValueTransformer>();
  doc.resources.forEach((entry: unknown, i) => {
    const resources = isPlainObject(entry) && Array.isArray(entry.resources) ? entry.resources.map(String) : [];
    const providers = isPlainObject(entry) && Array.isArray(entry.providers) ? entry.providers : [];
    const transformer = providerTransformer(providers.map((p: unknown, j) => parseProvider(p, `resources[${i}].providers[${j}]`)));
    for (const resource of resources) if (!byResource.has(resource)) byResource.set(resource, transformer);
  });
  return (groupResource) => byResource.get(groupResource) ?? IDENTITY_TRANSFORMER;
}

/** The EncryptionConfiguration Flotilla writes on first start: one fresh AES-256 key for secrets. */
export function defaultEncryptionConfiguration(): string {
  return [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: EncryptionConfiguration',
    'resources:',
    '  - resources:',
    '      - secrets',
    '    providers:',
    '      - aesgcm:',
    '          keys:',
    `            - name: key-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`,
    `              secret: ${randomBytes(32).toString('base64')}`,
    '      - identity: {}',
    '',
  ].join('\n');
}

/** Loads `path`, creating it (mode 0600) with {@link defaultEncryptionConfiguration} when absent. */
export function loadOrCreateEncryptionConfiguration(path: string): TransformerLookup {
  if (!existsSync(path)) {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, defaultEncryptionConfiguration(), { mode: 0o600 });
    renameSync(tmp, path);
  }
  return parseEncryptionConfiguration(readFileSync(path, 'utf8'));
}
