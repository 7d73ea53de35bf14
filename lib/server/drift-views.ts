// The drift reads: GET /api/drift, /api/drift/pair?id=…, /api/drift/summary[?workload=…]. The engine
// runs once per (inventory snapshot, config file version): the inventory keeps one snapshot object
// per version and the config reader one object per file version, so a WeakMap keyed by the snapshot
// that remembers the config it was computed with holds exactly one report, however many clients
// refetch on a change tick. Every answer is JSON, errors included (never Next's HTML error page).
// The engine reads servedSnapshot(): credentials found in plain env values are masked before the
// comparison (equal values mask alike, so equality survives), so neither a finding's values nor a
// hint's command can carry one.
import { formatConfigError, type ParallaxConfig } from '@/lib/config/parallax-file';
import { computeDrift } from '@/lib/drift';
import type { Snapshot, Workload } from '@/lib/model';
import {
  driftPagePayload, driftPairPayload, driftSummaryPayload, workloadDriftIndex,
  type DriftConfigStatus, type DriftPagePayload, type WorkloadDrift,
} from '@/lib/views/drift';
import { errorResponse, failureResponse, json } from './http';
import { perObject, servedSnapshot, type SnapshotReader } from './views';

/** Memoizes `compute` per snapshot object and config object (a new version of either recomputes). */
function perSnapshotAndConfig<T>(compute: (s: Snapshot, c: ParallaxConfig) => T): (s: Snapshot, c: ParallaxConfig) => T {
  const cache = new WeakMap<Snapshot, { config: ParallaxConfig; value: T }>();
  return (s, c) => {
    const hit = cache.get(s);
    if (hit && hit.config === c) return hit.value;
    const value = compute(s, c);
    cache.set(s, { config: c, value });
    return value;
  };
}


export function configStatus(config: ParallaxConfig): DriftConfigStatus {
  return {
    ...(config.file ? { file: config.file } : {}),
    errors: config.errors.map((e) => ({ ...e, text: formatConfigError(e) })),
    ignoreRules: config.drift.ignore.length,
    pairRules: config.drift.pairs.length,
    pairingLabel: config.drift.pairing.label,
  };
}

export const driftReportOf = perSnapshotAndConfig((s, c) => computeDrift(s, { config: c.drift }));
const pagePayloadOf = perSnapshotAndConfig((s, c): DriftPagePayload => driftPagePayload(driftReportOf(s, c), configStatus(c)));
// Per report (itself cached), so keyed by the report object.
const workloadIndexOf = perObject(workloadDriftIndex);
const workloadsOf = perSnapshotAndConfig((s) => new Map<string, Workload>(s.workloads.map((w) => [w.id, w])));

const versionHeader = (inv: SnapshotReader) => ({ 'x-parallax-version': String(inv.version) });

/** A failure as JSON with its reason (the engine is pure, but a broken snapshot must not become an HTML page). */
export function failure(err: unknown): Response {
  return failureResponse(500, 'drift could not be computed', err);
}

export function driftResponse(inv: SnapshotReader, config: ParallaxConfig): Response {
  try {
    return json(pagePayloadOf(servedSnapshot(inv), config), { headers: versionHeader(inv) });
  } catch (err) {
    return failure(err);
  }
}

/** 400 without `id`; 404 when no pair has it (resolved, unpaired, or a source not synced yet). */
export function driftPairResponse(inv: SnapshotReader, config: ParallaxConfig, url: string): Response {
  const id = new URL(url).searchParams.get('id');
  if (!id) return errorResponse(400, 'missing ?id= (a pair id, as listed by /api/drift: "<left workload id>|<right workload id>")');
  try {
    const snapshot = servedSnapshot(inv);
    const payload = driftPairPayload(driftReportOf(snapshot, config), workloadsOf(snapshot, config), id, configStatus(config));
    const headers = versionHeader(inv);
    if (!payload) return json({ error: `no pair ${id}` }, { status: 404, headers });
    return json(payload, { headers });
  } catch (err) {
    return failure(err);
  }
}

/** Totals and the page's state; with `?workload=<id>` also that workload's pairs, only-on or ambiguous entry. */
export function driftSummaryResponse(inv: SnapshotReader, config: ParallaxConfig, url: string): Response {
  const params = new URL(url).searchParams;
  const workload = params.get('workload');
  if (params.has('workload') && !workload) return errorResponse(400, '?workload= needs a workload id');
  try {
    const report = driftReportOf(servedSnapshot(inv), config);
    const mine: WorkloadDrift | null | undefined = workload ? (workloadIndexOf(report).get(workload) ?? null) : undefined;
    return json(driftSummaryPayload(report, config.errors.length, mine), { headers: versionHeader(inv) });
  } catch (err) {
    return failure(err);
  }
}
