// What the overview page renders, computed from a whole snapshot on the server (GET /api/overview)
// so that the browser never downloads the instances themselves: at 150,000 pods (~1 KB of JSON
// each) the collections are ~150 MB, while this payload is bounded by the number of sources, matrix
// cells and chart rows. Pure; the route caches it per inventory version.
import type { Snapshot, Source } from '@/lib/model';
import { desiredVsReady, instancesByState, nodeCapacity, type CapacityDatum, type DesiredReadyDatum } from './charts';
import { MATRIX_ROWS, matrixCell, matrixColumns, type MatrixCell, type MatrixColumn, type MatrixRowKey } from './matrix';

/** Bars the overview draws: more would not be readable in one chart, and keeps the payload bounded. */
export const OVERVIEW_CHART_LIMIT = 20;

/** A matrix column with its sources by id (the sources themselves travel once, in `sources`). */
export type MatrixColumnView = Omit<MatrixColumn, 'sources'> & { sourceIds: string[] };

export interface OverviewMatrix {
  columns: MatrixColumnView[];
  /** One row per concept, its cells in column order. */
  rows: { key: MatrixRowKey; label: string; cells: MatrixCell[] }[];
}

/** Chart rows, capped; `of` is how many there were before the cap, for "the 20 largest of N". */
export interface CappedRows<T> { rows: T[]; of: number }

export interface OverviewPayload {
  generatedAt: string;
  sources: Source[];
  matrix: OverviewMatrix;
  charts: {
    desiredReady: CappedRows<DesiredReadyDatum>;
    capacity: CappedRows<CapacityDatum>;
    instancesByState: ReturnType<typeof instancesByState>;
  };
}

export function overviewMatrix(snapshot: Snapshot): OverviewMatrix {
  const columns = matrixColumns(snapshot.sources);
  return {
    columns: columns.map(({ sources, ...c }) => ({ ...c, sourceIds: sources.map((s) => s.id) })),
    rows: MATRIX_ROWS.map((r) => ({ key: r.key, label: r.label, cells: columns.map((c) => matrixCell(snapshot, c, r.key)) })),
  };
}

export function overviewPayload(snapshot: Snapshot, limit = OVERVIEW_CHART_LIMIT): OverviewPayload {
  return {
    generatedAt: snapshot.generatedAt,
    sources: snapshot.sources,
    matrix: overviewMatrix(snapshot),
    charts: {
      desiredReady: { rows: desiredVsReady(snapshot.workloads, limit), of: snapshot.workloads.length },
      capacity: { rows: nodeCapacity(snapshot.nodes, limit), of: snapshot.nodes.length },
      instancesByState: instancesByState(snapshot.instances, snapshot.sources),
    },
  };
}
