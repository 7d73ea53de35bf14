'use client';
// Nodes and container instances, with the pods placed on each counted on the server (GET /api/table):
// the page never downloads the pods themselves.
import { useDeferredValue, useMemo } from 'react';
import { NODE_FACET_KEYS, nodeFacets, type NodeRow } from '@/lib/views/nodes';
import { nodeColumns } from './columns';
import { useNow } from './data';
import { ResourceTable } from './resource-table';
import { useServerTable } from './server-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

export function NodesView() {
  const [state, setState] = useTableUrlState(NODE_FACET_KEYS);
  const asked = useDeferredValue(state);
  const t = useServerTable<NodeRow>('nodes', asked, NODE_FACET_KEYS);
  const data = t.meta;
  const now = useNow(5_000);
  const facets = useMemo(() => (data ? nodeFacets(data.sources) : undefined), [data?.sources]);
  const notes = useUrlSanitizer(state, setState, facets, data?.sortIds ?? []);
  return (
    <div>
      <PageTitle sub="Kubernetes nodes and ECS container instances (Fargate tasks have no node)">Nodes</PageTitle>
      {t.isPending ? <LoadingBlock label="Loading nodes" rows={6} /> : !data ? <ErrorNote error={t.error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={data.facets} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <FilterBox state={state} setState={setState} placeholder="Filter by name, type, zone, version…" shown={data.filtered} total={data.total} noun="nodes" busy={t.busy} />
            <UrlNotes notes={notes} />
            {t.error && <ErrorNote error={t.error} />}
            <ResourceTable
              paged={{ count: data.filtered, rowAt: t.rowAt, onRange: t.onRange, sortIds: data.sortIds, busy: t.busy }}
              columns={nodeColumns}
              getRowId={(r) => r.id}
              label="Nodes"
              now={now}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="nodes-table"
              empty={<EmptyState sources={data.sources} collections={['nodes']} noun="nodes" total={data.total} emptyNote="Fargate-only ECS clusters have no container instances." />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
