/**
 * The seam for encryption at rest (kube-apiserver's `value.Transformer`): every stored value of
 * a group-resource passes through its transformer on the way to and from the store. Part 1
 * installs the identity for everything; part 2 installs AES-GCM for `secrets`, writing kube's
 * `k8s:enc:aesgcm:v1:<key>:` prefix format, and keeps reading plain values written before.
 *
 * @module
 */

export interface ValueTransformer {
  /** Bytes to store for this plaintext. `key` is the storage key (kube uses it as authenticated data). */
  toStorage(plaintext: Uint8Array, key: string): Uint8Array;
  /** Plaintext of stored bytes. Throws when they cannot be decrypted. */
  fromStorage(stored: Uint8Array, key: string): Uint8Array;
}

export const IDENTITY_TRANSFORMER: ValueTransformer = {
  toStorage: (plaintext) => plaintext,
  fromStorage: (stored) => stored,
};

/** Chooses the transformer for a group-resource (`secrets`, `widgets.example.com`). */
export type TransformerLookup = (groupResource: string) => ValueTransformer;

export const identityTransformers: TransformerLookup = () => IDENTITY_TRANSFORMER;
