/**
 * Encryption at rest of version payloads: AES-256-GCM under a key kept in the data directory.
 * The version's resource name is the additional authenticated data, so a ciphertext copied onto
 * another version (or another secret) fails to decrypt instead of yielding the wrong secret.
 *
 * Sealed layout: `0x01 | iv (12) | tag (16) | ciphertext`.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FlotillaError } from '../util/index.js';

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Seals and opens payloads; one per server, built from the data directory's key. */
export interface PayloadCipher {
  seal(plaintext: Uint8Array, resourceName: string): Buffer;
  /** Throws SECRETMANAGER_CIPHERTEXT_INVALID when the blob was altered or belongs to another resource. */
  open(sealed: Uint8Array, resourceName: string): Buffer;
}

/** A cipher over a 32-byte AES-256 key. */
export function createPayloadCipher(key: Uint8Array): PayloadCipher {
  if (key.length !== 32) throw new FlotillaError('SECRETMANAGER_KEY_INVALID', `AES-256 needs a 32-byte key, got ${key.length}`);
  const secretKey = Buffer.from(key);
  return {
    seal(plaintext, resourceName) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
      cipher.setAAD(Buffer.from(resourceName, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, resourceName) {
      const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (blob.length < HEADER_BYTES || blob[0] !== FORMAT_V1) throw cipherError(resourceName);
      const decipher = createDecipheriv('aes-256-gcm', secretKey, blob.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(resourceName, 'utf8'));
      decipher.setAuthTag(blob.subarray(1 + IV_BYTES, HEADER_BYTES));
      try {
        return Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]);
      } catch {
        throw cipherError(resourceName);
      }
    },
  };
}

function cipherError(resourceName: string): FlotillaError {
  return new FlotillaError('SECRETMANAGER_CIPHERTEXT_INVALID', `stored payload of ${resourceName} failed authentication: it was altered, or the encryption key is not the one it was sealed with`);
}
