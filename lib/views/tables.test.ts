import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '@tanstack/react-table';
import * as columns from '@/components/columns';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { TABLES, tableEngine, type TableName } from './tables';

// The browser's columns and the server's sort keys must name the same columns: a header the server
// cannot sort by would do nothing, a ?sort= the page does not know would be dropped as unknown.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COLUMNS: Record<TableName, ColumnDef<any, any>[]> = {
  instances: columns.instanceColumnsWide, revisions: columns.revisionColumnsWide, endpoints: columns.endpointColumns, configs: columns.configColumns,
  secrets: columns.secretColumns, volumes: columns.volumeColumns, autoscalers: columns.autoscalerColumns, events: columns.eventColumnsWide, nodes: columns.nodeColumns,
  workloads: [columns.pairColumn, ...columns.workloadColumns], // pair: Group by pair
};

describe('server-side sort keys', () => {
  it.each(TABLES)('%s: one per sortable column of its table', (t) => {
    const served = tableEngine(t).query(sampleSnapshot(), { q: '', facets: {}, offset: 0, limit: 1 }).sortIds;
    expect([...served].sort()).toEqual(columns.sortIdsOf(COLUMNS[t]).sort());
  });
});
