// GET /api/table?table=instances&q=…&sort=-age&offset=0&limit=200[&platform=ecs&source=…]: one window
// of a table, filtered, sorted and faceted on the server (lib/views/table.ts, lib/views/tables.ts),
// so that a page at 50,000 pods downloads the rows it shows (and the totals and facet counts), not
// every pod. Read from servedSnapshot (credentials masked); the answer carries the inventory version.
import type { ParallaxConfig } from '@/lib/config/parallax-file';
import type { DriftReport } from '@/lib/drift';
import { readTableState } from '@/lib/views/url-state';
import { isTableName, TABLES, tableEngine, tableFacetKeys, type PairKeys, type TablePayload } from '@/lib/views/tables';
import { pairKeys, PAIR_SORT } from '@/lib/views/workloads';
import { driftReportOf } from './drift-views';
import { errorResponse, json } from './http';
import { perObject, servedSnapshot, type SnapshotReader } from './views';

/** The drift engine's pairs by workload id, once per report (itself cached per snapshot and config). */
const pairKeysOf: (r: DriftReport) => PairKeys = perObject((r) => pairKeys(r.pairs));

export const PAGE_MAX = 1_000;
export const PAGE_DEFAULT = 200;

function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number | string {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : `?${name}=${raw} (a whole number from 0 to ${max})`;
}

/** `driftConfig` (parallax.yaml) is read only when the workloads table groups by pair (?sort=pair). */
export function tableResponse(inv: SnapshotReader, url: string, driftConfig?: () => ParallaxConfig): Response {
  const params = new URL(url).searchParams;
  const table = params.get('table');
  if (!isTableName(table)) return errorResponse(400, `${table ? `unknown ?table=${table}` : 'missing ?table='}; known: ${TABLES.join(', ')}`);
  const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(params, 'limit', PAGE_DEFAULT, PAGE_MAX);
  if (typeof offset === 'string') return errorResponse(400, offset);
  if (typeof limit === 'string') return errorResponse(400, limit);
  if ((params.get('q') ?? '').length > 500) return errorResponse(400, '?q= is longer than 500 characters');
  const version = inv.version;
  const snapshot = servedSnapshot(inv);
  const state = readTableState(params, tableFacetKeys(table));
  // Grouping workloads by pair sorts by the drift engine's pairs, the same the drift page shows.
  const pairs = table === 'workloads' && state.sort?.id === PAIR_SORT && driftConfig ? pairKeysOf(driftReportOf(snapshot, driftConfig())) : undefined;
  const answer = tableEngine(table).query(snapshot, { ...state, offset, limit }, pairs);
  const body: TablePayload = { table, version, generatedAt: snapshot.generatedAt, sources: snapshot.sources, ...answer };
  return json(body, { headers: { 'x-parallax-version': String(version) } });
}
