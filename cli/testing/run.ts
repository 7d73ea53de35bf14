// Running the real `parallax` (node_modules/.bin/parallax, as `npx parallax` does) in a child process
// with an environment of the test's making: its own HOME, config and state directories, and none of
// the developer's KUBECONFIG, AWS_* or PARALLAX_* settings, so that tests never read or write the
// user's files and are not steered by their clusters.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../root';

export const PARALLAX_BIN = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'parallax');

/** A child's environment (NodeJS.ProcessEnv insists on NODE_ENV, which the CLI does not use). */
export type ChildEnv = Record<string, string | undefined>;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface IsolatedDirs {
  root: string;
  home: string;
  config: string;
  state: string;
}

const made: string[] = [];

/** Removes every directory isolatedDirs made in this test file (call it in afterAll). */
export function removeIsolatedDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function isolatedDirs(prefix = 'parallax-cli-test-'): IsolatedDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(root);
  const dirs = { root, home: path.join(root, 'home'), config: path.join(root, 'config'), state: path.join(root, 'state') };
  for (const d of [dirs.home, dirs.config, dirs.state]) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

/** PATH and TMPDIR (tsx keeps its compile cache there) from this process; the rest from the test. */
export function isolatedEnv(dirs: IsolatedDirs, extra: Record<string, string> = {}): ChildEnv {
  return {
    PATH: process.env.PATH,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    PARALLAX_STATE_DIR: dirs.state,
    ...extra,
  };
}

export function runParallax(args: string[], opts: { env: ChildEnv; cwd?: string; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(PARALLAX_BIN, args, { env: opts.env as NodeJS.ProcessEnv, cwd: opts.cwd ?? PROJECT_ROOT, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** For assertion messages: what the CLI said. */
export const said = (r: CliRun) => `exit ${r.code}\n--- stderr\n${r.stderr}\n--- stdout\n${r.stdout.slice(0, 4000)}`;
