// `parallax drift --format json`: one object, stable for machines. The engine's report with every
// finding once, at the top level (pairs carry counts, ignored findings and equal fields, and point
// at their findings through `pairId`), plus what decided the exit code. Pure.
import type { DriftReport, Pair } from '@/lib/drift/types';
import type { ReportContext } from './context';

export const DRIFT_JSON_SCHEMA = 'parallax.drift/v1';

export type JsonPair = Omit<Pair, 'findings' | 'notCompared'>;

export interface DriftJson extends Omit<DriftReport, 'pairs'> {
  schema: typeof DRIFT_JSON_SCHEMA;
  failOn: ReportContext['failOn'];
  exitCode: number;
  /** With --against: the saved snapshot compared with (left side of every pair). */
  against?: { file: string; generatedAt: string };
  pairs: JsonPair[];
}

export function driftJson(report: DriftReport, ctx: ReportContext): DriftJson {
  const { pairs, ...rest } = report;
  return {
    schema: DRIFT_JSON_SCHEMA,
    failOn: ctx.failOn,
    exitCode: ctx.exitCode,
    ...(ctx.against ? { against: ctx.against } : {}),
    ...rest,
    pairs: pairs.map(({ findings: _f, notCompared: _n, ...p }) => p),
  };
}

export function formatJson(report: DriftReport, ctx: ReportContext): string {
  return `${JSON.stringify(driftJson(report, ctx), null, 2)}\n`;
}
