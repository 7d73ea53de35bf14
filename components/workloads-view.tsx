'use client';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { applyFilters, facetValues } from '@/lib/views/filter';
import { workloadHref } from '@/lib/views/url-state';
import { PAIR_SORT, WORKLOAD_FACET_KEYS, pairKeys, withPairs, workloadFacets, workloadMatcher, workloadRows } from '@/lib/views/workloads';
import { pairColumn, sortIdsOf, workloadColumns } from './columns';
import { useNow, useSnapshot } from './data';
import { PinnedCard } from './pins';
import { driftQuery } from './queries';
import { ResourceTable } from './resource-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

// 'pair' sorts by the drift engine's pair key (Group by pair), not by a column.
const SORT_IDS = [...sortIdsOf(workloadColumns), PAIR_SORT];

const GROUPED_COLUMNS = [pairColumn, ...workloadColumns];

export function WorkloadsView() {
  const { data, error, isPending } = useSnapshot(['workloads']);
  const [state, setState] = useTableUrlState(WORKLOAD_FACET_KEYS);
  const now = useNow(5_000);
  // Grouping by pair is sorting by the pair column; the keys are the drift engine's (asked only then).
  const grouped = state.sort?.id === PAIR_SORT;
  const drift = useQuery({ ...driftQuery(), enabled: grouped });
  const pairs = useMemo(() => pairKeys(drift.data?.pairs ?? []), [drift.data]);
  const rows = useMemo(() => (data ? withPairs(workloadRows(data.workloads, data.sources), pairs) : []), [data, pairs]);
  const facets = useMemo(() => workloadFacets(data?.sources ?? []), [data]);
  // The input shows each keystroke at once; the rows and facet counts follow when React has time (deferred).
  const shownState = useDeferredValue(state);
  const filtered = useMemo(() => applyFilters(rows, shownState, facets, workloadMatcher), [rows, shownState, facets]);
  const notes = useUrlSanitizer(state, setState, data ? facets : undefined, SORT_IDS);
  const facetLists = useMemo(() => facets.map((f) => ({ key: f.key, label: f.label, values: facetValues(rows, shownState, facets, workloadMatcher, f.key) })), [rows, shownState, facets]);

  return (
    <div className="space-y-3">
      <PageTitle sub="Deployments, StatefulSets, DaemonSets, Jobs and ECS services, across every source">Workloads</PageTitle>
      <PinnedCard kinds={['workload']} />
      {isPending ? <LoadingBlock label="Loading workloads" rows={10} /> : !data ? <ErrorNote error={error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={facetLists} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <div className="min-w-0 flex-1">
                <FilterBox state={state} setState={setState} placeholder="Filter: name, namespace, image; app=web; platform:ecs" shown={filtered.length} total={rows.length} noun="workloads" />
              </div>
              <label className="flex items-center gap-2 text-sm" title="The same app on each source next to each other, paired as the drift page pairs them">
                <input type="checkbox" data-testid="group-by-pair" checked={grouped} onChange={(e) => setState({ ...state, sort: e.target.checked ? { id: PAIR_SORT, desc: false } : undefined })} className="accent-[var(--accent)]" />
                Group by pair
              </label>
            </div>
            <UrlNotes notes={notes} />
            {error && <ErrorNote error={error} />}
            {grouped && drift.error && <ErrorNote error={drift.error} />}
            <ResourceTable
              data={filtered}
              columns={grouped ? GROUPED_COLUMNS : workloadColumns}
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
