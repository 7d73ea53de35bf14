'use client';
// One table per remaining concept (instances, revisions, endpoints, config, secrets, volumes,
// autoscaling, events), across sources: where the overview's matrix cells lead.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { applyFilters, facetValues } from '@/lib/views/filter';
import { RESOURCE_FACET_KEYS, RESOURCE_KINDS, RESOURCE_LABEL, collectionsFor, resourceFacets, resourceKind, resourceKindNote, resourceRows, rowText, type ResourceKind, type Row } from '@/lib/views/resources';
import { tableHref, workloadHref } from '@/lib/views/url-state';
import { sourceNames } from '@/lib/views/workloads';
import { sortIdsOf, autoscalerColumns, configColumns, endpointColumns, eventColumnsWide, instanceColumnsWide, revisionColumnsWide, secretColumns, volumeColumns } from './columns';
import { useNow, useSnapshot } from './data';
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
  const { data, error, isPending } = useSnapshot(collectionsFor(kind));
  const [state, setState] = useTableUrlState(RESOURCE_FACET_KEYS);
  const now = useNow(5_000);
  const names = useMemo(() => sourceNames(data?.sources ?? []), [data]);
  const rows = useMemo(() => (data ? resourceRows(data, kind) : []), [data, kind]);
  const facets = useMemo(() => resourceFacets(data?.sources ?? []), [data]);
  // Every model object has labels (or tags) and a platform: `app=web` and `platform:ecs` work here too.
  const text = useMemo(() => ({ text: (r: Row) => rowText(r, names), labels: (r: Row) => (r as { labels?: Record<string, string> }).labels ?? {}, platform: (r: Row) => r.platform }), [names]);
  const filtered = useMemo(() => applyFilters(rows, state, facets, text), [rows, state, facets, text]);
  const sortIds = useMemo(() => sortIdsOf(COLUMNS[kind]), [kind]);
  const notes = useUrlSanitizer(state, setState, data ? facets : undefined, sortIds);
  const kindNote = resourceKindNote(params.get('kind'));
  const facetLists = useMemo(() => facets.map((f) => ({ key: f.key, label: f.label, values: facetValues(rows, state, facets, text, f.key) })), [rows, state, facets, text]);
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
      {isPending ? <LoadingBlock label={`Loading ${label}`} rows={8} /> : !data ? <ErrorNote error={error} /> : (
        <div className="grid gap-4 md:grid-cols-[13rem_minmax(0,1fr)]">
          <FacetPanel facets={facetLists} state={state} setState={setState} />
          <div className="min-w-0 space-y-2">
            <FilterBox state={state} setState={setState} placeholder={`Filter ${label}…`} shown={filtered.length} total={rows.length} noun={label} />
            <UrlNotes notes={[kindNote, ...notes]} />
            {error && <ErrorNote error={error} />}
            <ResourceTable
              data={filtered}
              columns={COLUMNS[kind] as unknown as ColumnDef<Row>[]}
              getRowId={(r: Row) => r.id}
              rowHref={(r: Row) => { const w = (r as { workload?: string }).workload ?? (r as { target?: string }).target ?? (r as { usedBy?: string[] }).usedBy?.[0]; return w ? workloadHref(w) : undefined; }}
              label={RESOURCE_LABEL[kind]}
              now={now}
              sourceNames={names}
              sort={state.sort}
              onSortChange={(sort) => setState({ ...state, sort })}
              testId="resources-table"
              empty={<EmptyState sources={data.sources} collections={[kind]} noun={label} total={rows.length} />}
            />
          </div>
        </div>
      )}
    </div>
  );
}
