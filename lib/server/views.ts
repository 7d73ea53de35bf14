// The page-shaped reads: GET /api/overview and GET /api/workload?id=…. Both are computed from the
// inventory's snapshot and cached per snapshot object. The inventory returns the same snapshot
// object for as long as its version does not change, so a WeakMap keyed by it holds exactly one
// computation per version, however many clients refetch on a change tick (the stream sends up to
// 4 a second), and lets the old one go with the old snapshot.
//
// Every route reads the inventory through servedSnapshot(): the snapshot with credentials found in
// plain env and config values masked (lib/security/mask.ts). Masking is cached per collection array
// (an unchanged collection is the same array across versions: lib/inventory/collections.ts) and
// returns the same array when there is nothing to mask, so a masked collection keeps its identity
// as long as the inventory's does, and caches keyed on collections (snapshot-response.ts) hold.
import type { Config, Snapshot, Workload } from '@/lib/model';
import { maskConfigs, maskWorkloads } from '@/lib/security/mask';
import { overviewPayload, type OverviewPayload } from '@/lib/views/overview';
import { relatedIndex, workloadDetail, type RelatedIndex } from '@/lib/views/related';
import { errorResponse, json } from './http';

/** What the handlers need of the inventory (lib/inventory/store.ts), so tests can pass a stub. */
export interface SnapshotReader {
  snapshot(): Snapshot;
  readonly version: number;
}

/** One computation per input object (a snapshot, a report): kept as long as the object is. */
export function perObject<K extends object, T>(compute: (k: K) => T): (k: K) => T {
  const cache = new WeakMap<K, T>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = compute(k)));
    return v;
  };
}
const perSnapshot = <T>(compute: (s: Snapshot) => T) => perObject<Snapshot, T>(compute);

const maskedWorkloads = perObject<Workload[], Workload[]>((w) => maskWorkloads(w));
const maskedConfigs = perObject<Config[], Config[]>((c) => maskConfigs(c));
const maskedOf: (s: Snapshot) => Snapshot = perSnapshot((s) => {
  const workloads = maskedWorkloads(s.workloads);
  const configs = maskedConfigs(s.configs);
  return workloads === s.workloads && configs === s.configs ? s : { ...s, workloads, configs };
});

/** The inventory's snapshot as the API may serve it (credentials in plain values masked). */
export function servedSnapshot(inv: SnapshotReader): Snapshot {
  return maskedOf(inv.snapshot());
}

export const overviewOf: (s: Snapshot) => OverviewPayload = perSnapshot(overviewPayload);
export const relatedIndexOf: (s: Snapshot) => RelatedIndex = perSnapshot(relatedIndex);

const versionHeader = (inv: SnapshotReader) => ({ 'x-parallax-version': String(inv.version) });

export function overviewResponse(inv: SnapshotReader): Response {
  const headers = versionHeader(inv);
  return json(overviewOf(servedSnapshot(inv)), { headers });
}

/** 400 without `id`; 404 when no workload has it (deleted, or its source not synced yet). */
export function workloadResponse(inv: SnapshotReader, url: string): Response {
  const id = new URL(url).searchParams.get('id');
  if (!id) return errorResponse(400, 'missing ?id= (a workload id, as listed by /api/snapshot?collections=workloads)');
  const headers = versionHeader(inv);
  const detail = workloadDetail(relatedIndexOf(servedSnapshot(inv)), id);
  if (!detail) return json({ error: `no workload ${id}` }, { status: 404, headers });
  return json(detail, { headers });
}
