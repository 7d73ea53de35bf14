'use client';
// Drift where it is not the page itself: the overview's summary card ("drift: 6 findings on 3 pairs
// (3 critical) [open drift]") and a workload page's links to its pair views. Both read the small
// GET /api/drift/summary, never the whole report.
import Link from 'next/link';
import { findingCount, pairHref, pairedByText, sourceLabel } from '@/lib/views/drift';
import { useDriftSummary } from './data';
import { SeverityCounts, SideLabel } from './drift-bits';
import { Skeleton } from './ui';

export function DriftCard() {
  const { data, error } = useDriftSummary();
  return (
    <section aria-label="Drift" data-testid="drift-card" className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-line bg-surface px-3 py-2">
      <h2 className="text-sm font-semibold">Drift</h2>
      {!data ? (
        error ? <span className="text-sm text-bad">Could not compute drift: {error.message}</span> : <Skeleton className="h-5 w-64" />
      ) : (
        <>
          <span className="text-sm" data-testid="drift-card-text" data-state={data.status.kind}>
            {data.status.kind === 'drift'
              ? <><span className="font-semibold tabular">{findingCount(data.totals)}</span> {findingCount(data.totals) === 1 ? 'finding' : 'findings'} on <span className="font-semibold tabular">{data.totals.pairsWithDrift}</span> of {data.totals.pairs} pairs</>
              : data.status.headline}
          </span>
          {data.status.kind === 'drift' && <SeverityCounts counts={data.totals} hideZero />}
          {(data.totals.ignored > 0 || data.totals.notCompared > 0) && (
            <span className="text-xs text-muted">{data.totals.ignored} ignored · {data.totals.notCompared} not compared</span>
          )}
          {data.configErrors > 0 && <span className="text-xs text-bad">parallax.yaml has {data.configErrors === 1 ? 'an error' : `${data.configErrors} errors`}</span>}
        </>
      )}
      <Link href="/drift" className="ml-auto rounded border border-line px-2 py-0.5 text-sm text-accent hover:border-accent" data-testid="open-drift">open drift →</Link>
    </section>
  );
}

/** On a workload page: its pair(s) with their counts, or why it has none. */
export function WorkloadDriftLinks({ workloadId }: { workloadId: string }) {
  const { data, error } = useDriftSummary(workloadId);
  if (error && !data) return <p className="text-xs text-bad">Drift unavailable: {error.message}</p>;
  if (!data) return <Skeleton className="h-5 w-72" />;
  const mine = data.workload;
  if (mine?.pairs.length) {
    return (
      <ul className="space-y-1" data-testid="workload-drift">
        {mine.pairs.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="workload-pair">
            <span className="text-muted">Drift:</span>
            <Link href={pairHref(p.id)} className="font-medium text-accent hover:underline">Side by side</Link>
            <span className="text-muted">with</span>
            <SideLabel side={p.other} link={false} />
            {!p.compared ? <span className="text-xs text-warn">not compared yet</span>
              : findingCount(p.counts) ? <SeverityCounts counts={p.counts} hideZero />
                : <span className="text-xs text-ok">✓ equal in intent ({p.counts.equal} fields)</span>}
            <span className="text-xs text-muted">({pairedByText(p.by)})</span>
          </li>
        ))}
      </ul>
    );
  }
  if (mine?.ambiguous) {
    return <p className="text-sm" data-testid="workload-drift">Drift: {mine.ambiguous.candidates.length} possible counterparts, so no guess is made. <Link className="text-accent hover:underline" href="/drift#ambiguous">Pair it in parallax.yaml</Link></p>;
  }
  if (mine?.onlyOn) {
    return <p className="text-sm text-muted" data-testid="workload-drift">Drift: not found on {sourceLabel({ platform: mine.onlyOn.missingFrom.platform, name: mine.onlyOn.missingFrom.sourceName })}, so nothing to compare. <Link className="text-accent hover:underline" href="/drift#only-on">Only on one side</Link></p>;
  }
  return <p className="text-sm text-muted" data-testid="workload-drift">Drift: {data.status.kind === 'one-source' || data.status.kind === 'no-sources' ? data.status.headline : 'not paired (a system namespace, or its source is not compared).'}</p>;
}
