// `parallax`: the command line (bin/parallax.mjs runs it through tsx). `runCli` does the work on an
// injected CliIO (tests call it in-process); `main` binds it to the process and exits with its code.
// The commands are imported when run: help, version and usage errors answer without loading the
// Kubernetes client and the AWS SDK (about a second of start-up).
import fs from 'node:fs';
import path from 'node:path';
import { parseCli, USAGE } from './args';
import { CliError, EXIT_ERROR, EXIT_OK, oneLine } from './errors';
import type { CliIO } from './io';
import { PROJECT_ROOT } from './root';

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function runCli(io: CliIO): Promise<number> {
  try {
    const cmd = parseCli(io.argv);
    switch (cmd.command) {
      case 'help':
        await io.stdout(`${USAGE[cmd.topic ?? 'main']}\n`);
        return EXIT_OK;
      case 'version':
        await io.stdout(`parallax ${version()}\n`);
        return EXIT_OK;
      case 'snapshot':
        return await (await import('./commands/snapshot')).snapshotCommand(cmd, io);
      case 'drift':
        return await (await import('./commands/drift')).driftCommand(cmd, io);
    }
  } catch (e) {
    // One line, no stack trace: a person reads it in a terminal or a CI log. PARALLAX_DEBUG=1 adds the stack.
    io.stderr(`parallax: ${e instanceof CliError ? e.message : oneLine(e)}`);
    if (io.env.PARALLAX_DEBUG === '1' && e instanceof Error && e.stack) io.stderr(e.stack);
    return e instanceof CliError ? e.exitCode : EXIT_ERROR;
  }
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => {
      // A reader that went away (`parallax drift | head`) is not an error of ours.
      if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err);
      else resolve();
    });
  });
}

export async function main(): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: writeStdout,
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  // Exit now: sockets the stopped sources left (keep-alive agents, watches being torn down) must not
  // keep a CI step waiting. Output has been flushed by then.
  process.exit(code);
}
