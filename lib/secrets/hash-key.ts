// The persistent key behind secret hashes, so that hashes stay comparable across runs (a snapshot
// saved today against the live sources tomorrow). Never written into a snapshot or a response.
//   PARALLAX_HASH_KEY   any string of 16+ characters (the key is its SHA-256): for teams and CI
//                       that must compare hashes made on several machines
//   else                <config dir>/parallax/hash-key, 32 random bytes (hex) created on first use
//                       with mode 0600 in a 0700 directory; refused when group or others can read it,
//                       as ssh refuses an exposed private key
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '@/lib/config/types';
import { createSecretHasher, type SecretHasher } from './hasher';

export interface HashKeyOptions {
  env: Env;
  /** XDG config home; default $XDG_CONFIG_HOME or ~/.config. */
  configDir?: string;
  /** Key bytes for a new key file (tests pass fixed bytes). */
  random?: (n: number) => Buffer;
}

export interface LoadedHashKey {
  hasher: SecretHasher;
  /** Where the key came from, for the start-up log: "PARALLAX_HASH_KEY" or the file's path. */
  from: string;
}

export class HashKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HashKeyError';
  }
}

export function hashKeyPath(opts: Pick<HashKeyOptions, 'env' | 'configDir'>): string {
  const dir = opts.configDir ?? (opts.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'));
  return path.join(dir, 'parallax', 'hash-key');
}

export function loadHashKey(opts: HashKeyOptions): LoadedHashKey {
  const fromEnv = opts.env.PARALLAX_HASH_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 16) throw new HashKeyError('PARALLAX_HASH_KEY must be at least 16 characters (use a random string, e.g. `openssl rand -hex 32`)');
    return { hasher: createSecretHasher(createHash('sha256').update(fromEnv).digest()), from: 'PARALLAX_HASH_KEY' };
  }
  const file = hashKeyPath(opts);
  return { hasher: createSecretHasher(readOrCreateKeyFile(file, opts.random ?? randomBytes)), from: file };
}

function readOrCreateKeyFile(file: string, random: (n: number) => Buffer): Buffer {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new HashKeyError(`${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}): run chmod 600 ${file}`);
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (e instanceof HashKeyError) throw e;
      throw new HashKeyError(`cannot read the secret hash key ${file}: ${(e as Error).message}`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const hex = random(32).toString('hex');
    try {
      // "wx": two processes starting at once must not overwrite each other's new key.
      fs.writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
      text = hex;
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw new HashKeyError(`cannot create the secret hash key ${file}: ${(w as Error).message}`);
      text = fs.readFileSync(file, 'utf8');
    }
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new HashKeyError(`${file} is not a key Parallax wrote (64 hex characters expected): delete it to make a new one`);
  return Buffer.from(hex, 'hex');
}
