/**
 * Secret material kept in the data directory (the payload encryption key, the token signing key,
 * the admin token): created once with mode 0600, atomically, and read back on every start so a
 * restart keeps ciphertexts readable and issued tokens valid.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { FlotillaError } from '../util/index.js';

/** Writes `content` to `path` with mode 0600 through a temporary file and a rename. */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function readExisting(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Refuses key material that other users can read: a leaked key file defeats encryption at rest. */
function checkPrivate(path: string): void {
  const mode = statSync(path).mode & 0o077;
  if (mode !== 0) {
    throw new FlotillaError('SECRETMANAGER_KEY_FILE_MODE', `${path} is readable by other users (mode ${(statSync(path).mode & 0o777).toString(8)}); run 'chmod 600 ${path}' and start again`);
  }
}

/** Reads a key of exactly `bytes` random bytes from `path`, creating it when absent. */
export function loadOrCreateKey(path: string, bytes: number): Buffer {
  const existing = readExisting(path);
  if (existing) {
    checkPrivate(path);
    if (existing.length !== bytes) {
      throw new FlotillaError('SECRETMANAGER_KEY_FILE_INVALID', `${path} holds ${existing.length} bytes, expected a ${bytes}-byte key; restore it from a backup (without it stored payloads cannot be decrypted)`);
    }
    return existing;
  }
  const key = randomBytes(bytes);
  writePrivateFile(path, key);
  return key;
}

/** Reads a one-line token from `path`, creating a random one when absent. */
export function loadOrCreateToken(path: string, prefix: string): string {
  const existing = readExisting(path);
  if (existing) {
    checkPrivate(path);
    const token = existing.toString('utf8').trim();
    if (token.length >= 32) return token;
    throw new FlotillaError('SECRETMANAGER_TOKEN_FILE_INVALID', `${path} does not hold a token; delete it to have a new one generated`);
  }
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  writePrivateFile(path, `${token}\n`);
  return token;
}
