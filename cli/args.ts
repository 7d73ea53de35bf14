// Command line of `parallax`: commands, options and the usage text. Pure: argv in, a parsed command
// out, or a CliError whose message says what was wrong in one line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Severity } from '@/lib/drift/types';
import { CliError } from './errors';

export const FORMATS = ['table', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const DEFAULT_WIDTH = 80;
export const DEFAULT_FAIL_ON: Severity = 'info';

/** What both reading commands share. */
export interface ReadArgs {
  /** The embedded demo instead of configured sources. */
  demo: boolean;
  /** --source, in the order given (ids or names). */
  sources: string[];
  timeoutMs: number;
  quiet: boolean;
  /** Write the result here instead of stdout. */
  out?: string;
}

export interface SnapshotArgs extends ReadArgs {
  command: 'snapshot';
}

export interface DriftArgs extends ReadArgs {
  command: 'drift';
  format: Format;
  failOn: Severity;
  /** Also exit 1 when a workload is only on one side (in --against: added or removed since). */
  failOnOnlyOn: boolean;
  against?: string;
  config?: string;
  width: number;
}

export type ParsedCommand =
  | SnapshotArgs
  | DriftArgs
  | { command: 'help'; topic?: 'snapshot' | 'drift' }
  | { command: 'version' };

const COMMON_HELP = `  --source S         only this source: its id (k8s/CONTEXT, ecs/PROFILE/REGION)
                     or name
  --demo             the embedded demo (simulators seeded with scenarios/demo)
                     instead of the configured sources
  --timeout SECONDS  give up on sources still in their first sync (default ${DEFAULT_TIMEOUT_SECONDS}):
                     exit 2
  --out FILE         write the result to FILE instead of stdout
  -q, --quiet        no progress on stderr (errors are still printed)`;

export const USAGE: Record<'main' | 'snapshot' | 'drift', string> = {
  main: `usage: parallax <command> [options]

Reads the configured sources once, as the server does (KUBECONFIG, AWS_* and
PARALLAX_* settings, see .env.example), waits for their first sync, prints the
result and exits. Progress goes to stderr, results to stdout.

commands:
  snapshot   the normalized snapshot of the sources, as JSON (secrets as keyed
             hashes, never values)
  drift      the same apps compared across sources, or with a saved snapshot
  help CMD   the options of a command

exit codes: 0 no drift at or above --fail-on, 1 drift, 2 error: kubectl diff's
convention, not Terraform's -detailed-exitcode. See 'parallax drift --help'.`,
  snapshot: `usage: parallax snapshot [--out FILE] [--source S]... [--demo]
                         [--timeout SECONDS] [-q]

Writes the normalized snapshot of the sources as JSON, to compare with later
(parallax drift --against FILE). Secret values never appear in it: only keyed
hashes, made with the persistent key (PARALLAX_HASH_KEY, else the key file
~/.config/parallax/hash-key) so that a later run can compare them.

${COMMON_HELP}

exit codes: 0 written; 2 error (a source down, or still syncing at the timeout:
the snapshot is written all the same, with that source's status in it).`,
  drift: `usage: parallax drift [--format table|json|markdown]
                      [--fail-on info|warning|critical] [--against FILE]
                      [--source A --source B] [--demo] [--config FILE]
                      [--fail-on-only-on] [--width N] [--timeout SECONDS]
                      [--out FILE] [-q]

Pairs the same apps across the sources (parallax.yaml pairs, the
app.kubernetes.io/name label/tag, then equal names) and compares their intent.
With --against, compares each live workload with itself in a saved snapshot:
what changed since.

  --format F         table (default, fits --width columns); json (one object:
                     findings, pairs, onlyOn, notCompared, totals...); markdown
                     (for a pull-request comment)
  --fail-on S        the least severity that makes the exit code 1 (default
                     ${DEFAULT_FAIL_ON}: any finding)
  --against FILE     compare with a snapshot written by 'parallax snapshot'
  --source A         two of them: only these sources, A on the left; with
                     --against, one or more: only these
  --config FILE      pairs and ignore rules (default PARALLAX_CONFIG, else
                     ./parallax.yaml)
  --fail-on-only-on  also exit 1 when a workload is only on one side (with
                     --against: added or removed since the snapshot)
  --width N          table width in columns (default ${DEFAULT_WIDTH})
${COMMON_HELP}

exit codes, as kubectl diff (not Terraform's -detailed-exitcode, where 2 means
changes):
  0  no finding at or above --fail-on
  1  drift: a finding at or above --fail-on
  2  error: a bad option or config file, a source down or still syncing at the
     timeout (the report is printed all the same, the source under "not
     compared"); 2 wins over 1`,
};

const COMMON_OPTIONS = {
  source: { type: 'string', multiple: true },
  demo: { type: 'boolean' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const DRIFT_OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'fail-on-only-on': { type: 'boolean' },
  against: { type: 'string' },
  config: { type: 'string' },
  width: { type: 'string' },
} satisfies ParseArgsConfig['options'];

/** node:util's parse errors, worded as one line that names the command's help. */
function parse<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /'(-[^' ]+)/.exec(err.message)?.[1];
    const help = `(parallax ${command} --help lists the options)`;
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliError(`unknown option ${flag ?? err.message} ${help}`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new CliError(`option ${flag ?? '?'} ${/does not take/.test(err.message) ? 'takes no value' : 'needs a value'} ${help}`);
    }
    throw new CliError(`${err.message.split('.')[0]} ${help}`);
  }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be ${allowed.join(', ')}, not "${value}"`);
}

function positiveNumber(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new CliError(`--${name} must be a number of at least ${min}, not "${value}"`);
  return n;
}

function readArgs(values: { source?: string[]; demo?: boolean; timeout?: string; out?: string; quiet?: boolean }): ReadArgs {
  const empty = (values.source ?? []).find((s) => s.trim() === '');
  if (empty !== undefined) throw new CliError('--source needs a source id or name');
  return {
    demo: values.demo ?? false,
    sources: values.source ?? [],
    timeoutMs: positiveNumber('timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS, 0.001) * 1000,
    quiet: values.quiet ?? false,
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

function noPositionals(command: string, positionals: string[]) {
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}" (parallax ${command} --help lists the options)`);
}

/** argv without the node and script paths. */
export function parseCli(argv: readonly string[]): ParsedCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') return { command: 'help' };
  if (command === '--version' || command === 'version') return { command: 'version' };
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    if (topic === 'snapshot' || topic === 'drift') return { command: 'help', topic };
    throw new CliError(`no help for "${topic}": the commands are snapshot and drift`);
  }
  if (command === 'snapshot') {
    const { values, positionals } = parse(command, [...rest], COMMON_OPTIONS);
    if (values.help) return { command: 'help', topic: 'snapshot' };
    noPositionals(command, positionals);
    return { command: 'snapshot', ...readArgs(values) };
  }
  if (command === 'drift') {
    const { values, positionals } = parse(command, [...rest], DRIFT_OPTIONS);
    if (values.help) return { command: 'help', topic: 'drift' };
    noPositionals(command, positionals);
    const read = readArgs(values);
    if (!values.against && read.sources.length !== 0 && read.sources.length !== 2) {
      throw new CliError(`drift across sources compares two: give --source twice (--source A --source B), not ${read.sources.length} time${read.sources.length === 1 ? '' : 's'}`);
    }
    if (new Set(read.sources).size !== read.sources.length) throw new CliError(`--source "${read.sources.find((s, i) => read.sources.indexOf(s) !== i)}" is given twice`);
    return {
      command: 'drift', ...read,
      format: oneOf('format', values.format, FORMATS, 'table'),
      failOn: oneOf('fail-on', values['fail-on'], SEVERITIES, DEFAULT_FAIL_ON),
      failOnOnlyOn: values['fail-on-only-on'] ?? false,
      width: Math.floor(positiveNumber('width', values.width, DEFAULT_WIDTH, 60)),
      ...(values.against !== undefined ? { against: values.against } : {}),
      ...(values.config !== undefined ? { config: values.config } : {}),
    };
  }
  throw new CliError(`unknown command "${command}": the commands are snapshot and drift (parallax --help)`);
}
