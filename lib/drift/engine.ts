// The drift engine: normalized snapshot(s) in, findings out. Pure: no SDK, no inventory, no I/O, so
// the page, the API and the CLI share it.
//   computeDrift(snapshot)            pairs the same app across live sources (lib/drift/pairing.ts)
//   computeDriftOverTime(saved, live) pairs each workload with itself: what changed since the snapshot
import type { Autoscaler, Snapshot, Source, Workload } from '@/lib/model';
import { Collector, type CompareContext, type SideContext } from './collect';
import { globMatch, DEFAULT_DRIFT_CONFIG, type DriftConfig, type IgnoreRule } from './config';
import { compareContainers } from './containers';
import { hintsFor } from './hints';
import { pairWorkloads, type PairedWorkloads } from './pairing';
import type { Category, DriftReport, Finding, IgnoredFinding, NotCompared, Pair, Severity, Side } from './types';
import { compareWorkloadLevel } from './workload';

export const SEVERITY_OF: Record<Category, Severity> = {
  image: 'critical', command: 'critical', env: 'critical', secret: 'critical', container: 'critical',
  resources: 'warning', ports: 'warning', scale: 'warning', health: 'warning', volumes: 'warning',
  placement: 'info', identity: 'info', security: 'info',
};
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export interface DriftOptions {
  config?: DriftConfig;
  /** Only these two sources (ids or names), the first on the left. */
  sources?: readonly [string, string];
  now?: () => Date;
}

const platformName = (s: Source) => (s.platform === 'ecs' ? 'ECS' : 'Kubernetes');

const uncoveredCache = new WeakMap<Source, ReadonlyMap<string, string>>();

/**
 * Collections (and kinds) a source could not read, with why.
 * Once per source object (snapshots are immutable), not once per pair and per "only on" check.
 */
function uncoveredOf(source: Source): ReadonlyMap<string, string> {
  const hit = uncoveredCache.get(source);
  if (hit) return hit;
  const out = new Map<string, string>();
  for (const c of source.coverage) {
    if (c.state !== 'forbidden' && c.state !== 'error') continue;
    const why = c.message ?? c.state;
    for (const col of c.collections) if (!out.has(col)) out.set(col, why);
    if (!out.has(c.kind)) out.set(c.kind, why);
  }
  uncoveredCache.set(source, out);
  return out;
}

/** Why nothing of this source can be compared, or undefined when it can be. */
function sourceBlocker(source: Source): string | undefined {
  if (source.status === 'down') return `${platformName(source)} ${source.name} is down${source.reason ? `: ${source.reason}` : ''}`;
  if (source.status === 'syncing') return `${platformName(source)} ${source.name}: first sync still running`;
  const why = uncoveredOf(source).get('workloads');
  return why ? `${platformName(source)} ${source.name}: workloads not readable (${why})` : undefined;
}

/** `source` may be missing from an inconsistent snapshot: the workload's source id then stands for its name. */
function sideOf(w: Workload, source: Source | undefined): Side {
  return {
    workloadId: w.id, name: w.name, kind: w.workloadKind, ...(w.groupName ? { group: w.groupName } : {}),
    source: w.source, sourceName: source?.name ?? w.source, platform: w.platform,
  };
}

function ignoredBy(rules: readonly IgnoreRule[], f: Finding): number {
  return rules.findIndex((r) => (r.pair === undefined || [f.key, f.left.name, f.right.name].some((v) => globMatch(r.pair!, v)))
    && (r.container === undefined || (f.container !== undefined && globMatch(r.container, f.container)))
    && globMatch(r.field, f.field));
}

interface PairInput {
  paired: PairedWorkloads;
  left: Source;
  right: Source;
  autoscalers: { left?: Autoscaler; right?: Autoscaler };
  mode: DriftReport['mode'];
  config: DriftConfig;
}

function comparePair(p: PairInput): Pair {
  const { paired, left, right } = p;
  const id = `${paired.left.id}|${paired.right.id}`;
  const ls: SideContext = { w: paired.left, source: left, label: p.mode === 'time' ? `the snapshot` : `${platformName(left)} ${left.name}`, uncovered: uncoveredOf(left) };
  const rs: SideContext = { w: paired.right, source: right, label: p.mode === 'time' ? `${platformName(right)} ${right.name} now` : `${platformName(right)} ${right.name}`, uncovered: uncoveredOf(right) };
  const sides = { left: sideOf(paired.left, left), right: sideOf(paired.right, right) };
  const col = new Collector();
  const blocker = sourceBlocker(left) ?? sourceBlocker(right)
    ?? [ls, rs].map((s) => (s.w.template.containers.length === 0 && s.w.template.ref ? `${s.label}: template ${s.w.template.ref} could not be read` : undefined)).find(Boolean);
  if (blocker) {
    col.skip(undefined, '*', blocker);
  } else {
    const ctx: CompareContext = {
      left: ls, right: rs, crossPlatform: left.platform !== right.platform,
      autoscalers: p.autoscalers,
    };
    compareWorkloadLevel(col, ctx);
    compareContainers(col, ctx);
  }
  const findings: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const d of col.differences) {
    const f: Finding = {
      id: `${id}#${d.container ?? '-'}#${d.field}`, pairId: id, key: paired.key, left: sides.left, right: sides.right,
      ...(d.container !== undefined ? { container: d.container } : {}),
      field: d.field, category: d.category, severity: d.severity ?? SEVERITY_OF[d.category],
      leftValue: d.leftValue, rightValue: d.rightValue, message: d.message,
      hints: hintsFor(d.change, { w: paired.left, source: left }, { w: paired.right, source: right }, p.mode),
    };
    const rule = ignoredBy(p.config.ignore, f);
    if (rule >= 0) ignored.push({ ...f, ignoredBy: { rule, ...(p.config.ignore[rule].reason ? { reason: p.config.ignore[rule].reason } : {}) } });
    else findings.push(f);
  }
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const notCompared: NotCompared[] = col.skipped.map((s) => ({ pairId: id, key: paired.key, ...s }));
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  return {
    id, key: paired.key, by: paired.by, ...sides, compared: !blocker,
    counts: { critical: count('critical'), warning: count('warning'), info: count('info'), ignored: ignored.length, notCompared: notCompared.length, equal: col.equal.length },
    findings, ignored, notCompared, equal: col.equal,
  };
}

function report(mode: DriftReport['mode'], sources: readonly Source[], pairs: Pair[], rest: Pick<DriftReport, 'onlyOn' | 'ambiguous' | 'sourcePairs' | 'excluded'> & { sourceNotCompared: NotCompared[] }, now: () => Date): DriftReport {
  const findings = pairs.flatMap((p) => p.findings).sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const notCompared = [...rest.sourceNotCompared, ...pairs.flatMap((p) => p.notCompared)];
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  return {
    generatedAt: now().toISOString(), mode,
    sources: sources.map((s) => ({ id: s.id, name: s.name, platform: s.platform, status: s.status })),
    sourcePairs: rest.sourcePairs, pairs, findings, onlyOn: rest.onlyOn, ambiguous: rest.ambiguous, notCompared,
    totals: {
      pairs: pairs.length, pairsWithDrift: pairs.filter((p) => p.findings.length > 0).length,
      critical: count('critical'), warning: count('warning'), info: count('info'),
      ignored: pairs.reduce((n, p) => n + p.ignored.length, 0), notCompared: notCompared.length,
      onlyOn: rest.onlyOn.length, ambiguous: rest.ambiguous.length,
    },
    excluded: rest.excluded,
  };
}

function autoscalersByTarget(s: Snapshot): Map<string, Autoscaler> {
  return new Map(s.autoscalers.filter((a) => a.target).map((a) => [a.target!, a]));
}

/** Drift between the same applications on the live sources of one snapshot. */
export function computeDrift(snapshot: Snapshot, opts: DriftOptions = {}): DriftReport {
  const config = opts.config ?? DEFAULT_DRIFT_CONFIG;
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const pairing = pairWorkloads({ workloads: snapshot.workloads, sources: snapshot.sources, config, ...(opts.sources ? { only: opts.sources } : {}) });
  const autoscalers = autoscalersByTarget(snapshot);
  const pairs: Pair[] = [];
  const onlyOn: DriftReport['onlyOn'] = [];
  const sourceNotCompared: NotCompared[] = [];
  for (const sp of pairing.sourcePairs) {
    for (const paired of sp.pairs) {
      pairs.push(comparePair({ paired, left: sp.left, right: sp.right, autoscalers: { left: autoscalers.get(paired.left.id), right: autoscalers.get(paired.right.id) }, mode: 'sources', config }));
    }
    for (const u of sp.unpaired) {
      const missing = u.missingFrom;
      // "Only on" is only said when the other source could be read: else it may well be there.
      const blocker = sourceBlocker(missing);
      if (blocker) continue;
      onlyOn.push({ side: sideOf(u.workload, sources.get(u.workload.source)), missingFrom: { source: missing.id, sourceName: missing.name, platform: missing.platform } });
    }
    for (const s of [sp.left, sp.right]) {
      const blocker = sourceBlocker(s);
      if (blocker && !sourceNotCompared.some((n) => n.source === s.id)) sourceNotCompared.push({ source: s.id, reason: blocker });
    }
  }
  const ambiguous = pairing.sourcePairs.flatMap((sp) => sp.ambiguous.map((a) => ({
    side: sideOf(a.workload, sources.get(a.workload.source)),
    candidates: a.candidates.map((c) => sideOf(c, sources.get(c.source))),
    howToPair: a.howToPair,
  })));
  return report('sources', snapshot.sources, pairs, {
    onlyOn, ambiguous, sourceNotCompared,
    sourcePairs: pairing.sourcePairs.map((sp) => [sp.left.id, sp.right.id] as [string, string]),
    excluded: { count: pairing.excluded, reason: 'workloads in Kubernetes system namespaces (kube-system, kube-public, kube-node-lease); set pairing.includeSystemNamespaces in parallax.yaml to include them' },
  }, opts.now ?? (() => new Date()));
}

/** What changed since a saved snapshot: each live workload against itself in the snapshot (same id). */
export function computeDriftOverTime(saved: Snapshot, live: Snapshot, opts: Omit<DriftOptions, 'sources'> = {}): DriftReport {
  const config = opts.config ?? DEFAULT_DRIFT_CONFIG;
  const savedSources = new Map(saved.sources.map((s) => [s.id, s]));
  const liveSources = new Map(live.sources.map((s) => [s.id, s]));
  const savedAutoscalers = autoscalersByTarget(saved);
  const liveAutoscalers = autoscalersByTarget(live);
  const liveById = new Map(live.workloads.map((w) => [w.id, w]));
  const savedById = new Map(saved.workloads.map((w) => [w.id, w]));
  const pairs: Pair[] = [];
  const onlyOn: DriftReport['onlyOn'] = [];
  for (const before of saved.workloads) {
    const now = liveById.get(before.id);
    const savedSource = savedSources.get(before.source);
    const liveSource = liveSources.get(before.source);
    if (!savedSource || !liveSource) continue;
    if (!now) {
      if (!sourceBlocker(liveSource)) onlyOn.push({ side: sideOf(before, savedSource), missingFrom: { source: liveSource.id, sourceName: `${liveSource.name} now`, platform: liveSource.platform } });
      continue;
    }
    pairs.push(comparePair({
      paired: { key: before.labels[config.pairing.label] ?? before.name, by: 'id', left: before, right: now }, left: savedSource, right: liveSource,
      autoscalers: { left: savedAutoscalers.get(before.id), right: liveAutoscalers.get(now.id) }, mode: 'time', config,
    }));
  }
  for (const w of live.workloads) {
    if (savedById.has(w.id) || !savedSources.has(w.source)) continue;
    onlyOn.push({ side: sideOf(w, liveSources.get(w.source)), missingFrom: { source: w.source, sourceName: `${savedSources.get(w.source)!.name} in the snapshot`, platform: w.platform } });
  }
  const sourceNotCompared: NotCompared[] = [];
  for (const s of saved.sources) if (!liveSources.has(s.id)) sourceNotCompared.push({ source: s.id, reason: `${platformName(s)} ${s.name} is in the snapshot but not configured now` });
  for (const s of live.sources) {
    const blocker = savedSources.has(s.id) ? sourceBlocker(s) : `${platformName(s)} ${s.name} is configured now but not in the snapshot`;
    if (blocker) sourceNotCompared.push({ source: s.id, reason: blocker });
  }
  return report('time', live.sources, pairs, {
    onlyOn, ambiguous: [], sourceNotCompared,
    sourcePairs: saved.sources.filter((s) => liveSources.has(s.id)).map((s) => [s.id, s.id] as [string, string]),
    excluded: { count: 0, reason: '' },
  }, opts.now ?? (() => new Date()));
}
