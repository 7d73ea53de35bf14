// The exit code of `parallax drift`, kubectl diff's convention (kubernetes PR #87437): 0 no
// differences, 1 differences, >1 error. Not Terraform's -detailed-exitcode, where 2 means changes.
import { SEVERITIES, type DriftReport, type NotCompared, type Severity } from '@/lib/drift/types';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_OK } from './errors';

/** At or above the threshold: critical >= warning >= info (SEVERITIES lists them most severe first). */
export const atLeast = (severity: Severity, threshold: Severity): boolean => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

/**
 * Whole sources that could not be compared (down, still syncing, workloads unreadable, in the saved
 * snapshot but not configured now): the report cannot say "no drift" for them.
 */
export function uncomparedSources(report: DriftReport): NotCompared[] {
  return report.notCompared.filter((n) => n.pairId === undefined);
}

export interface ExitPolicy {
  failOn: Severity;
  /** Count workloads only on one side as drift too. */
  failOnOnlyOn?: boolean;
}

/**
 * 2 when a source could not be compared at all (an incomplete answer is an error, and wins over
 * drift, as kubectl diff's >1 does); 1 when a finding is at or above the threshold (or, if asked, a
 * workload is only on one side); else 0. Fields not compared inside a pair (a secret value not
 * readable, a forbidden kind) are listed in the report and never change the code.
 */
export function driftExitCode(report: DriftReport, policy: ExitPolicy): number {
  if (uncomparedSources(report).length > 0) return EXIT_ERROR;
  if (report.findings.some((f) => atLeast(f.severity, policy.failOn))) return EXIT_DRIFT;
  if (policy.failOnOnlyOn && report.onlyOn.length > 0) return EXIT_DRIFT;
  return EXIT_OK;
}
