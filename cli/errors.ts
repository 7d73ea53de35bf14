// The CLI's errors: one line for a person, and the exit code (2, as kubectl diff uses >1 for errors).

export const EXIT_OK = 0;
export const EXIT_DRIFT = 1;
export const EXIT_ERROR = 2;

/** An error the CLI reports as one line on stderr (no stack trace), exiting with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_ERROR) {
    super(message);
    this.name = 'CliError';
  }
}

/** The first line of an error's message: SDK and network errors can carry several. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? (e instanceof Error ? e.name : 'unknown error');
}
