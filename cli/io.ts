// What a command touches outside itself: arguments, environment, working directory, the two
// streams; and the helpers every command shares on top of them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '@/lib/config/types';
import { loadHashKey } from '@/lib/secrets/hash-key';
import type { SecretHasher } from '@/lib/secrets/hasher';
import { hashKeyOptions } from '@/lib/server/runtime';
import { CliError, oneLine } from './errors';

export interface CliIO {
  /** Arguments after `parallax`. */
  argv: readonly string[];
  env: Env;
  cwd: string;
  /** Home directory for ~/.kube, ~/.aws and ~/.config (default os.homedir()). */
  homeDir?: string;
  /** Results; resolves once written. */
  stdout(text: string): Promise<void>;
  /** One line of progress or error. */
  stderr(line: string): void;
}

/** Results to --out FILE or stdout. */
export async function writeResult(io: CliIO, text: string, out: string | undefined, progress: (line: string) => void): Promise<void> {
  if (out === undefined) return io.stdout(text);
  const file = path.resolve(io.cwd, out);
  try {
    await fs.writeFile(file, text);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${oneLine(e)}`);
  }
  progress(`written to ${file}`);
}

/**
 * The persistent secret hash key, as the server finds it (PARALLAX_HASH_KEY, else the 0600 key file
 * in the config directory, created on first use). Snapshots compare secrets by these hashes across
 * runs, so a key that cannot be used is an error here, not the server's fallback to a per-process key.
 */
export function persistentHasher(io: CliIO): SecretHasher {
  try {
    return loadHashKey(hashKeyOptions(io.env, io.homeDir ?? os.homedir())).hasher;
  } catch (e) {
    throw new CliError(`${oneLine(e)} (secret hashes must be comparable across runs for snapshots)`);
  }
}

export const progressTo = (io: CliIO, quiet: boolean) => (quiet ? () => {} : (line: string) => io.stderr(line));
export const warningTo = (io: CliIO) => (line: string) => io.stderr(`parallax: warning: ${line}`);
