'use client';
// Every workload across sources, filtered, sorted, faceted and paged on the server (GET /api/table);
// Group by pair is the server's sort by the drift engine's pairs (?sort=pair).
import { useDeferredValue, useMemo } from 'react';
import { workloadHref } from '@/lib/views/url-state';
import { PAIR_SORT, WORKLOAD_FACET_KEYS, workloadFacets, type WorkloadRow } from '@/lib/views/workloads';
import { pairColumn, workloadColumns } from './columns';
import { useNow } from './data';
import { PinnedCard } from './pins';
import { ResourceTable } from './resource-table';
import { useServerTable } from './server-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

const GROUPED_COLUMNS = [pairColumn, ...workloadColumns];

export function WorkloadsView() {
  const [state, setState] = useTableUrlState(WORKLOAD_FACET_KEYS);
  // The input shows each keystroke at once; the rows follow as the server answers (the previous ones meanwhile).
  const asked = useDeferredValue(state);
  const t = useServerTable<WorkloadRow>('workloads', asked, WORKLOAD_FACET_KEYS);
  const data = t.meta;
  const now = useNow(5_000);
  const grouped = state.sort?.id === PAIR_SORT;
  const facets = useMemo(() => (data ? workloadFacets(data.sources) : undefined), [data?.sources]);
  const notes = useUrlSanitizer(state, setState, facets, data?.sortIds ?? []);

  return (
    <div className="space-y-3">
      <PageTitle sub="Deployments, StatefulSets, DaemonSets, Jobs and ECS services, across every source">Workloads</PageTitle>
      <PinnedCard kinds={['workload']} />
      {t.isPending ? <LoadingBlock label="Loading workloads" rows={10} /> : !data ? <ErrorNote error={t.error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={data.facets} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <div className="min-w-0 flex-1">
                <FilterBox state={state} setState={setState} placeholder="Filter: name, namespace, image; app=web; platform:ecs" shown={data.filtered} total={data.total} noun="workloads" busy={t.busy} />
              </div>
              <label className="flex items-center gap-2 text-sm" title="The same app on each source next to each other, paired as the drift page pairs them">
                <input type="checkbox" data-testid="group-by-pair" checked={grouped} onChange={(e) => setState({ ...state, sort: e.target.checked ? { id: PAIR_SORT, desc: false } : undefined })} className="accent-[var(--accent)]" />
                Group by pair
              </label>
            </div>
            <UrlNotes notes={notes} />
            {t.error && <ErrorNote error={t.error} />}
            <ResourceTable
              paged={{ count: data.filtered, rowAt: t.rowAt, onRange: t.onRange, sortIds: data.sortIds, busy: t.busy }}
              columns={grouped ? GROUPED_COLUMNS : workloadColumns}
              getRowId={(r) => r.id}
              rowHref={(r) => workloadHref(r.id)}
              label="Workloads"
              now={now}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="workloads-table"
              empty={<EmptyState sources={data.sources} collections={['workloads']} noun="workloads" total={data.total} />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
