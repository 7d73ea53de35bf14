'use client';
import { useMemo } from 'react';
import { applyFilters, facetValues } from '@/lib/views/filter';
import { workloadHref } from '@/lib/views/url-state';
import { WORKLOAD_FACET_KEYS, workloadFacets, workloadRows, workloadText } from '@/lib/views/workloads';
import { sortIdsOf, workloadColumns } from './columns';
import { useNow, useSnapshot } from './data';
import { ResourceTable } from './resource-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

const SORT_IDS = sortIdsOf(workloadColumns);

export function WorkloadsView() {
  const { data, error, isPending } = useSnapshot(['workloads']);
  const [state, setState] = useTableUrlState(WORKLOAD_FACET_KEYS);
  const now = useNow(5_000);
  const rows = useMemo(() => (data ? workloadRows(data.workloads, data.sources) : []), [data]);
  const facets = useMemo(() => workloadFacets(data?.sources ?? []), [data]);
  const filtered = useMemo(() => applyFilters(rows, state, facets, workloadText), [rows, state, facets]);
  const notes = useUrlSanitizer(state, setState, data ? facets : undefined, SORT_IDS);
  const facetLists = useMemo(() => facets.map((f) => ({ key: f.key, label: f.label, values: facetValues(rows, state, facets, workloadText, f.key) })), [rows, state, facets]);

  return (
    <div>
      <PageTitle sub="Deployments, StatefulSets, DaemonSets, Jobs and ECS services, across every source">Workloads</PageTitle>
      {isPending ? <LoadingBlock label="Loading workloads" rows={10} /> : !data ? <ErrorNote error={error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={facetLists} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <FilterBox state={state} setState={setState} placeholder="Filter by name, namespace, image, kind…" shown={filtered.length} total={rows.length} noun="workloads" />
            <UrlNotes notes={notes} />
            {error && <ErrorNote error={error} />}
            <ResourceTable
              data={filtered}
              columns={workloadColumns}
              getRowId={(r) => r.id}
              rowHref={(r) => workloadHref(r.id)}
              label="Workloads"
              now={now}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="workloads-table"
              empty={<EmptyState sources={data.sources} collections={['workloads']} noun="workloads" total={rows.length} />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
