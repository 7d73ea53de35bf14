// Keyed hashes of secret values: comparable within one server process (same value -> same hash),
// never reversible, and useless outside the process because the key is random and never leaves it.
import { createHmac, randomBytes } from 'node:crypto';

const KEY = randomBytes(32);

/** HMAC-SHA256 of a secret value, hex, prefixed with the algorithm. */
export function secretHash(value: Buffer | string): string {
  return `hmac-sha256:${createHmac('sha256', KEY).update(value).digest('hex')}`;
}

/** Hash of a Secret `data` entry (base64 on the wire): hashes the decoded bytes, then wipes them. */
export function secretHashOfBase64(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  try {
    return secretHash(bytes);
  } finally {
    bytes.fill(0);
  }
}
