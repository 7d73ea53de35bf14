// Keyed hashes of secret values (HMAC-SHA256). A hash tells whether two values are equal without
// revealing either: comparable only between hashes made with the same key, never reversible without
// it. The key's fingerprint travels inside every hash, so a comparison across keys (a snapshot saved
// under another key) is detected and reported as "not compared" instead of "different".
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface SecretHasher {
  /** Fingerprint of the key (not the key): 12 hex characters of a domain-separated SHA-256. */
  readonly keyId: string;
  /** `hmac-sha256:<keyId>:<hex>`. */
  hash(value: string | Uint8Array): string;
}

export function createSecretHasher(key: Uint8Array): SecretHasher {
  if (key.length < 16) throw new Error('a secret hash key needs at least 16 bytes');
  const k = Buffer.from(key);
  const keyId = createHash('sha256').update('parallax secret hash key id\0').update(k).digest('hex').slice(0, 12);
  return {
    keyId,
    hash: (value) => `hmac-sha256:${keyId}:${createHmac('sha256', k).update(value).digest('hex')}`,
  };
}

/** Hash of a base64-encoded value (a Kubernetes Secret `data` entry): decodes, hashes, wipes the bytes. */
export function hashBase64(hasher: SecretHasher, b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  try {
    return hasher.hash(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** The key id inside a hash made by a SecretHasher, or undefined for anything else. */
export function hashKeyId(hash: string): string | undefined {
  const m = /^hmac-sha256:([0-9a-f]{12}):[0-9a-f]{64}$/.exec(hash);
  return m?.[1];
}

/**
 * A hasher with a random key that lives as long as the process: the fallback when no persistent key
 * was configured (unit tests, code paths that never compare across processes).
 */
export const processHasher: SecretHasher = createSecretHasher(randomBytes(32));
