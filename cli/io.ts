// What a command touches outside itself: arguments, environment, working directory, the two
// streams; and the helpers every command shares on top of them.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '@/lib/config/types';
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

export const progressTo = (io: CliIO, quiet: boolean) => (quiet ? () => {} : (line: string) => io.stderr(line));
export const warningTo = (io: CliIO) => (line: string) => io.stderr(`parallax: warning: ${line}`);
