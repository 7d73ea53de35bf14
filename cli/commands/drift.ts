// `parallax drift`: reads the sources once, compares (across sources, or --against a saved
// snapshot), prints the report in the asked format and exits 0 / 1 / 2 (cli/exit-code.ts).
import path from 'node:path';
import { formatConfigError, loadParallaxConfig } from '@/lib/config/parallax-file';
import { computeDrift, computeDriftOverTime, type DriftReport } from '@/lib/drift';
import type { Snapshot } from '@/lib/model';
import type { DriftArgs } from '../args';
import { CliError, EXIT_ERROR } from '../errors';
import { atLeast, driftExitCode, uncomparedSources } from '../exit-code';
import type { ReportContext } from '../format/context';
import { formatJson } from '../format/json';
import { formatMarkdown } from '../format/markdown';
import { formatTable } from '../format/table';
import { progressTo, warningTo, writeResult, type CliIO } from '../io';
import { progressLine } from '../progress';
import { findSource, readSnapshotFile, restrictToSources } from '../snapshot-file';

export function formatReport(report: DriftReport, ctx: ReportContext, args: Pick<DriftArgs, 'format' | 'width'>): string {
  switch (args.format) {
    case 'json':
      return formatJson(report, ctx);
    case 'markdown':
      return formatMarkdown(report, ctx);
    default:
      return formatTable(report, ctx, { width: args.width });
  }
}

/** The saved snapshot's sources that --source names (all of them without --source). */
function savedSourceIds(saved: Snapshot, file: string, refs: readonly string[]): Set<string> {
  if (refs.length === 0) return new Set(saved.sources.map((s) => s.id));
  return new Set(refs.map((ref) => {
    const s = findSource(saved, ref);
    if (!s) throw new CliError(`--source "${ref}" is not in ${file}: its sources are ${saved.sources.map((x) => x.id).join(', ') || 'none'}`);
    return s.id;
  }));
}

export async function driftCommand(args: DriftArgs, io: CliIO): Promise<number> {
  const progress = progressTo(io, args.quiet);
  const config = loadParallaxConfig({ env: args.config ? { ...io.env, PARALLAX_CONFIG: args.config } : io.env, cwd: io.cwd });
  if (config.errors.length) {
    for (const e of config.errors) io.stderr(`parallax: ${formatConfigError(e)}`);
    return EXIT_ERROR;
  }
  if (config.file) progress(`config: ${config.file}`);

  const againstFile = args.against ? path.resolve(io.cwd, args.against) : undefined;
  const saved = againstFile ? await readSnapshotFile(againstFile) : undefined;
  const savedIds = saved ? savedSourceIds(saved, args.against!, args.sources) : undefined;
  // Loaded here, after the input is checked: the Kubernetes client and the AWS SDK take a second to load.
  const { readSourcesOnce, persistentHasher } = await import('../read-sources');
  const read = await readSourcesOnce({
    env: io.env, demo: args.demo || io.env.PARALLAX_DEMO === '1',
    // Over time, only the snapshot's sources are read; one it has that is not configured now is
    // the engine's "not configured now", reported like a source that is down.
    select: savedIds ? [...savedIds] : args.sources, strict: !savedIds,
    timeoutMs: args.timeoutMs, progress, warn: warningTo(io), ...(io.homeDir ? { homeDir: io.homeDir } : {}),
    ...(saved ? { hasher: persistentHasher(io) } : {}),
  });

  // Said first: whatever comes next (a report, or too few sources to compare), this is why.
  for (const s of read.stillSyncing) {
    io.stderr(`parallax: timed out after ${args.timeoutMs / 1000} s waiting for the first sync of ${progressLine(s)}`);
  }

  let report: DriftReport;
  if (saved && savedIds) {
    report = computeDriftOverTime(restrictToSources(saved, savedIds), read.snapshot, { config: config.drift });
  } else {
    if (read.snapshot.sources.length < 2) {
      throw new CliError(`drift compares two sources or more, and only one is configured: ${read.snapshot.sources.map(progressLine).join('; ')} (--against FILE compares one with a saved snapshot)`);
    }
    const only = args.sources.length === 2 ? { sources: [args.sources[0], args.sources[1]] as const } : {};
    report = computeDrift(read.snapshot, { config: config.drift, ...only });
  }

  const exitCode = driftExitCode(report, args);
  const ctx: ReportContext = {
    failOn: args.failOn, exitCode,
    ...(saved && againstFile ? { against: { file: args.against!, generatedAt: saved.generatedAt } } : {}),
  };
  await writeResult(io, formatReport(report, ctx, args), args.out, progress);

  for (const n of uncomparedSources(report)) io.stderr(`parallax: not compared: ${n.reason}`);
  const counted = report.findings.filter((f) => atLeast(f.severity, args.failOn)).length;
  progress(`parallax: ${counted} finding${counted === 1 ? '' : 's'} at or above ${args.failOn}, ${report.onlyOn.length} only on one side: exit ${exitCode}`);
  return exitCode;
}
