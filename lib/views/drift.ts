// What the drift screens render, built from the engine's report (lib/drift) on the server:
//   GET /api/drift          -> DriftPagePayload    (the page: pairs with counts and findings, no equal rows, no hints)
//   GET /api/drift/pair     -> DriftPairPayload    (one pair in full, and both workloads)
//   GET /api/drift/summary  -> DriftSummaryPayload (the overview card; a workload page's pairs)
// Pure; the routes cache them per inventory snapshot and config file version.
import type { Workload } from '@/lib/model';
import type {
  Ambiguous, DriftReport, DriftTotals, Finding, IgnoredFinding, OnlyOn, Pair, PairCounts, PairedBy, Side, SourceRef,
} from '@/lib/drift/types';
import { APP_LABEL } from '@/lib/relations/same-app';
import { platformName, plural } from './format';

/** A parallax.yaml error as the page shows it: `text` is "file:line:col: at: message". */
export interface ConfigErrorView {
  file: string;
  line?: number;
  column?: number;
  at?: string;
  message: string;
  text: string;
}

export interface DriftConfigStatus {
  /** The file read; undefined when there is none and the defaults apply. */
  file?: string;
  errors: ConfigErrorView[];
  /** How many ignore rules and explicit pairs are in force. */
  ignoreRules: number;
  pairRules: number;
  /** The label (Kubernetes) and tag (ECS) that pair apps. */
  pairingLabel: string;
}

/**
 * Why the page looks as it does. no-sources / one-source: nothing can be compared; no-pairs: two
 * sources but no app found on both; no-drift / drift: pairs were compared.
 */
export type DriftStateKind = 'no-sources' | 'one-source' | 'no-pairs' | 'no-drift' | 'drift';

export interface DriftStatus {
  kind: DriftStateKind;
  /** Sources still in their first sync ("Kubernetes kind-demo"): their workloads are not compared yet. */
  syncing: string[];
  /** Pairs that could not be compared at all (a side down, syncing or unreadable). */
  pairsNotCompared: number;
  /** One sentence for the summary and the overview card. */
  headline: string;
}

/** A finding without what the page does not show (both sides: the pair has them; hints: the pair view). */
export type FindingLine = Omit<Finding, 'left' | 'right' | 'hints'>;
export type IgnoredLine = Omit<IgnoredFinding, 'left' | 'right' | 'hints'>;

/** A pair as the page lists it: its findings as lines, without the equal and not-compared rows (the pair view has them). */
export interface PairLine extends Omit<Pair, 'findings' | 'ignored' | 'notCompared' | 'equal'> {
  findings: FindingLine[];
  ignored: IgnoredLine[];
}

export interface DriftPagePayload {
  generatedAt: string;
  mode: DriftReport['mode'];
  sources: SourceRef[];
  sourcePairs: [string, string][];
  pairs: PairLine[];
  onlyOn: OnlyOn[];
  ambiguous: Ambiguous[];
  /** Sources that could not be compared, then the fields of pairs that could not be. */
  notCompared: DriftReport['notCompared'];
  totals: DriftTotals;
  excluded: DriftReport['excluded'];
  config: DriftConfigStatus;
  status: DriftStatus;
}

export interface DriftPairPayload {
  generatedAt: string;
  pair: Pair;
  /** Both workloads as normalized (undefined if one vanished between the report and this read). */
  workloads: { left?: Workload; right?: Workload };
  sources: SourceRef[];
  config: DriftConfigStatus;
}

/** One pair a workload belongs to, seen from that workload: `other` is its counterpart. */
export interface WorkloadPair {
  id: string;
  key: string;
  by: PairedBy;
  /** Which side of the pair this workload is. */
  side: 'left' | 'right';
  other: Side;
  compared: boolean;
  counts: PairCounts;
}

export interface WorkloadDrift {
  pairs: WorkloadPair[];
  onlyOn?: OnlyOn;
  ambiguous?: Ambiguous;
}

export interface DriftSummaryPayload {
  generatedAt: string;
  status: DriftStatus;
  totals: DriftTotals;
  configErrors: number;
  /** With ?workload=<id>: that workload's pairs (none when it is only on one side). */
  workload?: WorkloadDrift;
}

export const findingCount = (t: Pick<DriftTotals, 'critical' | 'warning' | 'info'>) => t.critical + t.warning + t.info;

export const sourceLabel = (s: Pick<SourceRef, 'platform' | 'name'>) => `${platformName(s.platform)} ${s.name}`;

/** The page's state and its one-line explanation. */
export function driftStatus(report: Pick<DriftReport, 'sources' | 'pairs' | 'totals' | 'onlyOn' | 'ambiguous'>): DriftStatus {
  const syncing = report.sources.filter((s) => s.status === 'syncing').map(sourceLabel);
  const pairsNotCompared = report.pairs.filter((p) => !p.compared).length;
  const compared = report.pairs.length - pairsNotCompared;
  const totals = report.totals;
  const waiting = syncing.length ? `First sync running (${syncing.join(', ')}): ` : '';
  let kind: DriftStateKind;
  let headline: string;
  if (report.sources.length === 0) {
    kind = 'no-sources';
    headline = 'No sources: configure a Kubernetes context or an ECS region (see the README) to compare them.';
  } else if (report.sources.length === 1) {
    kind = 'one-source';
    headline = `One source only (${sourceLabel(report.sources[0])}): drift needs two.`;
  } else if (report.pairs.length === 0) {
    kind = 'no-pairs';
    headline = syncing.length ? `First sync running (${syncing.join(', ')}): pairs show once both sides are read.`
      : `No app found on two sources: ${plural(report.onlyOn.length, 'workload')} only on one side, ${report.ambiguous.length} ambiguous.`;
  } else if (findingCount(totals) === 0) {
    kind = 'no-drift';
    headline = compared === 0 ? `${waiting}${plural(report.pairs.length, 'pair')} found, none could be compared${waiting ? ' yet' : ''}.`
      : `No drift: ${plural(compared, 'pair')} compared, all equal in intent${totals.ignored ? ` (${totals.ignored} ignored by parallax.yaml)` : ''}.`;
  } else {
    kind = 'drift';
    const severities = (['critical', 'warning', 'info'] as const).filter((s) => totals[s] > 0).map((s) => `${totals[s]} ${s}`).join(', ');
    headline = `${plural(findingCount(totals), 'finding')} on ${plural(totals.pairsWithDrift, 'pair')} (${severities}).`;
  }
  return { kind, syncing, pairsNotCompared, headline };
}

const stripFinding = ({ left: _l, right: _r, hints: _h, ...rest }: Finding): FindingLine => rest;
const stripIgnored = ({ left: _l, right: _r, hints: _h, ...rest }: IgnoredFinding): IgnoredLine => rest;

/** The page's report: every pair with its findings, without equal rows and hints (the pair view has those). */
export function driftPagePayload(report: DriftReport, config: DriftConfigStatus): DriftPagePayload {
  return {
    generatedAt: report.generatedAt,
    mode: report.mode,
    sources: report.sources,
    sourcePairs: report.sourcePairs,
    pairs: report.pairs.map((p) => ({
      id: p.id, key: p.key, by: p.by, left: p.left, right: p.right, compared: p.compared, counts: p.counts,
      findings: p.findings.map(stripFinding), ignored: p.ignored.map(stripIgnored),
    })),
    onlyOn: report.onlyOn,
    ambiguous: report.ambiguous,
    notCompared: report.notCompared,
    totals: report.totals,
    excluded: report.excluded,
    config,
    status: driftStatus(report),
  };
}

/** One pair in full, with both workloads; undefined for an unknown pair id. */
export function driftPairPayload(report: DriftReport, workloads: ReadonlyMap<string, Workload>, pairId: string, config: DriftConfigStatus): DriftPairPayload | undefined {
  const pair = report.pairs.find((p) => p.id === pairId);
  if (!pair) return undefined;
  return {
    generatedAt: report.generatedAt,
    pair,
    workloads: { left: workloads.get(pair.left.workloadId), right: workloads.get(pair.right.workloadId) },
    sources: report.sources.filter((s) => s.id === pair.left.source || s.id === pair.right.source),
    config,
  };
}

/** Workload id -> its pairs, only-on and ambiguous entries: one pass per report. */
export function workloadDriftIndex(report: DriftReport): Map<string, WorkloadDrift> {
  const byWorkload = new Map<string, WorkloadDrift>();
  const entry = (id: string) => {
    let drift = byWorkload.get(id);
    if (!drift) byWorkload.set(id, (drift = { pairs: [] }));
    return drift;
  };
  for (const pair of report.pairs) {
    for (const side of ['left', 'right'] as const) {
      const other = side === 'left' ? pair.right : pair.left;
      entry(pair[side].workloadId).pairs.push({ id: pair.id, key: pair.key, by: pair.by, side, other, compared: pair.compared, counts: pair.counts });
    }
  }
  for (const onlyOn of report.onlyOn) entry(onlyOn.side.workloadId).onlyOn ??= onlyOn;
  for (const ambiguous of report.ambiguous) entry(ambiguous.side.workloadId).ambiguous ??= ambiguous;
  return byWorkload;
}

export function driftSummaryPayload(report: DriftReport, configErrors: number, workload?: WorkloadDrift | null): DriftSummaryPayload {
  return {
    generatedAt: report.generatedAt,
    status: driftStatus(report),
    totals: report.totals,
    configErrors,
    ...(workload !== undefined ? { workload: workload ?? { pairs: [] } } : {}),
  };
}

/** Route of a pair's side-by-side view; with a finding id, its anchor. */
export function pairHref(pairId: string, findingId?: string): string {
  return `/drift/pair?id=${encodeURIComponent(pairId)}${findingId ? `#${encodeURIComponent(findingId)}` : ''}`;
}

/** "paired by app.kubernetes.io/name" and friends; a name match is a guess and says so. */
export function pairedByText(by: PairedBy, label = APP_LABEL): string {
  switch (by) {
    case 'config': return 'paired by parallax.yaml';
    case 'label': return `paired by ${label}`;
    case 'name': return 'paired by equal names (a guess: pin it in parallax.yaml)';
    case 'id': return 'the same workload over time';
  }
}
