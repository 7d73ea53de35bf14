'use client';
// /drift: what differs between the same apps on two sources. Summary, pairs with counts, the
// findings grouped by pair (filters in the URL), only-on, ambiguous, not compared, config errors.
// Data: GET /api/drift (computed on the server; a change tick or a parallax.yaml edit refetches it).
import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import type { DriftTotals } from '@/lib/drift/types';
import { pairHref, type DriftPagePayload, type DriftStatus } from '@/lib/views/drift';
import { DRIFT_FACET_KEYS, driftFacets, findingRows, findingText, groupByPair, type FindingGroup } from '@/lib/views/drift-filters';
import { sideNames } from '@/lib/views/drift-pair';
import { applyFilters, facetValues } from '@/lib/views/filter';
import { plural } from '@/lib/views/format';
import { useDrift } from './data';
import { ConfigErrors, SeverityBadge, SideLabel, Wrap } from './drift-bits';
import { AmbiguousList, NotComparedList, OnlyOnList, PairList } from './drift-lists';
import { FacetPanel, FilterBox, useTableUrlState } from './table-controls';
import { Empty, ErrorNote, LoadingBlock, PageTitle } from './ui';

function Stat({ label, value, testId, href }: { label: string; value: ReactNode; testId: string; href?: string }) {
  const body = (
    <>
      <span className="block text-lg font-semibold tabular" data-testid={`${testId}-value`}>{value}</span>
      <span className="block text-xs text-muted">{label}</span>
    </>
  );
  const cls = 'block min-w-0 rounded-lg border border-line bg-surface px-3 py-2';
  return href ? <a href={href} className={`${cls} hover:border-accent`} data-testid={testId}>{body}</a> : <div className={cls} data-testid={testId}>{body}</div>;
}

function Summary({ totals, status }: { totals: DriftTotals; status: DriftStatus }) {
  const compared = totals.pairs - status.pairsNotCompared;
  return (
    <section aria-label="Summary" className="space-y-2">
      <p className={`text-sm font-medium ${status.kind === 'drift' ? '' : 'text-muted'}`} data-testid="drift-headline" data-state={status.kind}>{status.headline}</p>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8" data-testid="drift-summary">
        <Stat testId="stat-pairs" label={status.pairsNotCompared ? `pairs compared (of ${totals.pairs} found)` : 'pairs compared'} value={compared} href="#pairs" />
        <Stat testId="stat-drifted" label="pairs with drift" value={totals.pairsWithDrift} href="#findings" />
        {(['critical', 'warning', 'info'] as const).map((s) => (
          <Stat key={s} testId={`stat-${s}`} label={`${s} findings`} value={<span className="inline-flex items-center gap-2">{totals[s]}<SeverityBadge severity={s} /></span>} />
        ))}
        <Stat testId="stat-ignored" label="ignored by parallax.yaml" value={totals.ignored} />
        <Stat testId="stat-not-compared" label="not compared" value={totals.notCompared} href="#not-compared" />
        <Stat testId="stat-unpaired" label="only on one side · ambiguous" value={`${totals.onlyOn} · ${totals.ambiguous}`} href="#only-on" />
      </div>
    </section>
  );
}

/** Sources that could not be compared at all (down, first sync, workloads unreadable), with the reason. */
function StateBanners({ report }: { report: DriftPagePayload }) {
  const sourceLevel = report.notCompared.filter((n) => !n.pairId);
  return (
    <>
      {sourceLevel.map((n) => (
        <p key={n.reason} role="status" className="rounded-md border border-warn/40 bg-warn-bg px-3 py-2 text-sm text-warn [overflow-wrap:anywhere]" data-testid="drift-source-not-compared">
          <span aria-hidden>⊘ </span>Not compared: {n.reason}
        </p>
      ))}
    </>
  );
}

function FindingGroupView({ group }: { group: FindingGroup }) {
  const { pair } = group;
  const names = sideNames(pair);
  return (
    <section className="rounded-lg border border-line bg-surface" data-testid="finding-group" data-key={pair.key} aria-labelledby={`g-${pair.id}`}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-line px-3 py-2">
        <h3 id={`g-${pair.id}`} className="font-semibold">{pair.key}</h3>
        <span className="flex min-w-0 flex-col gap-0.5 text-sm md:flex-row md:flex-wrap md:items-center md:gap-x-2">
          <SideLabel side={pair.left} /><span aria-label="compared with" className="hidden text-muted md:inline">⟷</span><SideLabel side={pair.right} />
        </span>
        <Link href={pairHref(pair.id)} className="ml-auto text-sm text-accent hover:underline">side by side →</Link>
      </header>
      <div aria-hidden className="hidden grid-cols-[7.5rem_minmax(10rem,17rem)_minmax(0,1fr)_minmax(0,1fr)] gap-x-3 px-3 pt-2 text-xs font-medium text-muted md:grid">
        <span>severity</span><span>container · field</span><span>{names.left}</span><span>{names.right}</span>
      </div>
      <ul className="divide-y divide-line/70">
        {group.findings.map((f) => (
          <li key={f.id} data-testid="finding" data-key={f.key} data-container={f.container ?? '-'} data-field={f.field} className="grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-3 gap-y-1 px-3 py-2 md:grid-cols-[7.5rem_minmax(10rem,17rem)_minmax(0,1fr)_minmax(0,1fr)]">
            <span><SeverityBadge severity={f.severity} /></span>
            <span className="min-w-0 font-mono text-xs leading-5 [overflow-wrap:anywhere]">
              {f.container && <span className="text-muted">{f.container} · </span>}<span data-testid="field">{f.field}</span>
            </span>
            <span className="col-span-2 min-w-0 text-sm md:col-span-1"><span className="text-xs text-muted md:sr-only">{names.left}: </span><code data-testid="left-value" className="font-mono text-[12px] [overflow-wrap:anywhere]"><Wrap text={f.leftValue} /></code></span>
            <span className="col-span-2 min-w-0 text-sm md:col-span-1"><span className="text-xs text-muted md:sr-only">{names.right}: </span><code data-testid="right-value" className="font-mono text-[12px] [overflow-wrap:anywhere]"><Wrap text={f.rightValue} /></code></span>
            <span className="col-span-2 text-xs text-muted md:col-span-3 md:col-start-2">
              <Wrap text={f.message} /> · <Link href={pairHref(f.pairId, f.id)} className="whitespace-nowrap text-accent hover:underline">hints →</Link>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Findings({ report }: { report: DriftPagePayload }) {
  const [state, setState] = useTableUrlState(DRIFT_FACET_KEYS);
  const rows = useMemo(() => findingRows(report.pairs), [report]);
  const facets = useMemo(() => driftFacets(report.sources), [report]);
  const filtered = useMemo(() => applyFilters(rows, state, facets, findingText), [rows, state, facets]);
  const groups = useMemo(() => groupByPair(filtered, report.pairs), [filtered, report]);
  const facetLists = useMemo(() => facets.map((f) => ({ key: f.key, label: f.label, values: facetValues(rows, state, facets, findingText, f.key) })), [rows, state, facets]);
  return (
    <section id="findings" aria-labelledby="findings-h" className="scroll-mt-28 space-y-2">
      <h2 id="findings-h" className="text-sm font-semibold uppercase tracking-wide text-muted">Findings <span className="font-normal normal-case">({rows.length})</span></h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-[14rem_minmax(0,1fr)]">
        <FacetPanel facets={facetLists} state={state} setState={setState} wrapLabels />
        <div className="min-w-0 space-y-3">
          <FilterBox state={state} setState={setState} placeholder="Filter by app, container, field, value…" shown={filtered.length} total={rows.length} noun="findings" />
          {groups.length ? groups.map((g) => <FindingGroupView key={g.pair.id} group={g} />)
            : <Empty title={rows.length ? 'No finding matches' : 'No findings'}>{rows.length ? 'Change the filter or clear the facets.' : report.status.headline}</Empty>}
        </div>
      </div>
    </section>
  );
}

/** Nothing to compare: say why instead of showing empty lists. */
function NothingToCompare({ status }: { status: DriftStatus }) {
  const title = status.kind === 'no-sources' ? 'No sources' : 'One source only: drift needs two';
  return (
    <Empty title={title}>
      <span data-testid="drift-headline" data-state={status.kind}>{status.headline}</span>{' '}
      <Link className="text-accent hover:underline" href="/sources">Sources</Link>
    </Empty>
  );
}

export function DriftView() {
  const { data: report, error, isPending } = useDrift();
  const title = <PageTitle sub="the same apps on two sources, compared by intent">Drift</PageTitle>;
  if (isPending) return <div>{title}<LoadingBlock label="Computing drift" rows={8} /></div>;
  if (!report) return <div>{title}<ErrorNote error={error} /></div>;
  const { status } = report;
  if (status.kind === 'no-sources' || status.kind === 'one-source') return <div>{title}<ConfigErrors config={report.config} /><NothingToCompare status={status} /></div>;
  return (
    <div className="space-y-4">
      {title}
      {error && <ErrorNote error={error} />}
      <ConfigErrors config={report.config} />
      <StateBanners report={report} />
      <Summary totals={report.totals} status={status} />
      {report.config.file && !report.config.errors.length && (
        <p className="text-xs text-muted" data-testid="config-file">
          {report.config.file}: {plural(report.config.pairRules, 'pair rule')}, {plural(report.config.ignoreRules, 'ignore rule')} · edits apply within seconds, no restart
        </p>
      )}
      <PairList report={report} />
      {report.pairs.length > 0 && <Findings report={report} />}
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <OnlyOnList items={report.onlyOn} />
        <AmbiguousList items={report.ambiguous} />
      </div>
      <NotComparedList report={report} />
    </div>
  );
}
