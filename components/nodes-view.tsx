'use client';
import { useMemo } from 'react';
import { applyFilters, facetValues } from '@/lib/views/filter';
import { NODE_FACET_KEYS, nodeFacets, nodeRows, nodeText, type NodeRow } from '@/lib/views/nodes';
import { nodeColumns, sortIdsOf } from './columns';
import { useNow, useSnapshot } from './data';
import { ResourceTable } from './resource-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

const SORT_IDS = sortIdsOf(nodeColumns);
const nodeMatcher = { text: nodeText, platform: (r: NodeRow) => r.platform };

export function NodesView() {
  const { data, error, isPending } = useSnapshot(['nodes', 'instances']);
  const [state, setState] = useTableUrlState(NODE_FACET_KEYS);
  const now = useNow(5_000);
  const rows = useMemo(() => (data ? nodeRows(data.nodes, data.instances, data.sources) : []), [data]);
  const facets = useMemo(() => nodeFacets(data?.sources ?? []), [data]);
  const filtered = useMemo(() => applyFilters(rows, state, facets, nodeMatcher), [rows, state, facets]);
  const notes = useUrlSanitizer(state, setState, data ? facets : undefined, SORT_IDS);
  const facetLists = useMemo(() => facets.map((f) => ({ key: f.key, label: f.label, values: facetValues(rows, state, facets, nodeMatcher, f.key) })), [rows, state, facets]);
  return (
    <div>
      <PageTitle sub="Kubernetes nodes and ECS container instances (Fargate tasks have no node)">Nodes</PageTitle>
      {isPending ? <LoadingBlock label="Loading nodes" rows={6} /> : !data ? <ErrorNote error={error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={facetLists} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <FilterBox state={state} setState={setState} placeholder="Filter by name, type, zone, version…" shown={filtered.length} total={rows.length} noun="nodes" />
            <UrlNotes notes={notes} />
            {error && <ErrorNote error={error} />}
            <ResourceTable
              data={filtered}
              columns={nodeColumns}
              getRowId={(r) => r.id}
              label="Nodes"
              now={now}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="nodes-table"
              empty={<EmptyState sources={data.sources} collections={['nodes']} noun="nodes" total={rows.length} emptyNote="Fargate-only ECS clusters have no container instances." />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
