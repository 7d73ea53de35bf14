'use client';
// One table per remaining concept (instances, revisions, endpoints, config, secrets, volumes,
// autoscaling, events), across sources: where the overview's matrix cells lead. Filtered, sorted,
// faceted and paged on the server (GET /api/table): the page holds the rows on screen, not every pod.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useDeferredValue, useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { RESOURCE_FACET_KEYS, RESOURCE_KINDS, RESOURCE_LABEL, resourceFacets, resourceKind, resourceKindNote, type ResourceKind, type Row } from '@/lib/views/resources';
import { tableHref, workloadHref } from '@/lib/views/url-state';
import { sourceNames } from '@/lib/views/workloads';
import { autoscalerColumns, configColumns, endpointColumns, eventColumnsWide, instanceColumnsWide, revisionColumnsWide, secretColumns, volumeColumns } from './columns';
import { useNow } from './data';
import { useServerTable } from './server-table';
import { ResourceTable } from './resource-table';
import { FacetPanel, FilterBox, UrlNotes, useTableUrlState, useUrlSanitizer } from './table-controls';
import { EmptyState } from './empty-state';
import { ErrorNote, LoadingBlock, PageTitle } from './ui';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COLUMNS: Record<ResourceKind, ColumnDef<any, any>[]> = {
  instances: instanceColumnsWide, revisions: revisionColumnsWide, endpoints: endpointColumns, configs: configColumns,
  secrets: secretColumns, volumes: volumeColumns, autoscalers: autoscalerColumns, events: eventColumnsWide,
};

export function ResourcesView() {
  const params = useSearchParams();
  const kind = resourceKind(params.get('kind'));
  const [state, setState] = useTableUrlState(RESOURCE_FACET_KEYS);
  // The input shows each keystroke at once; the rows follow as the server answers (the previous ones meanwhile).
  const asked = useDeferredValue(state);
  const t = useServerTable<Row>(kind, asked, RESOURCE_FACET_KEYS);
  const data = t.meta;
  const now = useNow(5_000);
  const names = useMemo(() => sourceNames(data?.sources ?? []), [data?.sources]);
  const facets = useMemo(() => (data ? resourceFacets(data.sources) : undefined), [data?.sources]);
  const notes = useUrlSanitizer(state, setState, facets, data?.sortIds ?? []);
  const kindNote = resourceKindNote(params.get('kind'));
  const label = RESOURCE_LABEL[kind].toLowerCase();
  return (
    <div>
      <PageTitle sub="every concept, across sources">Resources</PageTitle>
      <nav aria-label="Concepts" className="mb-3 flex flex-wrap gap-1 border-b border-line">
        {RESOURCE_KINDS.map((k) => (
          <Link
            key={k}
            href={tableHref('/resources', { kind: k, source: state.facets.source, platform: state.facets.platform })}
            aria-current={k === kind ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${k === kind ? 'border-accent font-semibold' : 'border-transparent text-muted hover:text-fg'}`}
          >
            {RESOURCE_LABEL[k]}
          </Link>
        ))}
      </nav>
      {t.isPending ? <LoadingBlock label={`Loading ${label}`} rows={8} /> : !data ? <ErrorNote error={t.error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={data.facets} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <FilterBox state={state} setState={setState} placeholder={`Filter ${label}…`} shown={data.filtered} total={data.total} noun={label} busy={t.busy} />
            <UrlNotes notes={[kindNote, ...notes]} />
            {t.error && <ErrorNote error={t.error} />}
            <ResourceTable
              key={kind}
              paged={{ count: data.filtered, rowAt: t.rowAt, onRange: t.onRange, sortIds: data.sortIds, busy: t.busy }}
              columns={COLUMNS[kind] as unknown as ColumnDef<Row>[]}
              getRowId={(r: Row) => r.id}
              rowHref={(r: Row) => { const w = (r as { workload?: string }).workload ?? (r as { target?: string }).target ?? (r as { usedBy?: string[] }).usedBy?.[0]; return w ? workloadHref(w) : undefined; }}
              label={RESOURCE_LABEL[kind]}
              now={now}
              sourceNames={names}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="resources-table"
              empty={<EmptyState sources={data.sources} collections={[kind]} noun={label} total={data.total} />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
