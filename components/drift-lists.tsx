'use client';
// The drift page's lists besides the findings: the pairs with their counts, workloads only on one
// side, ambiguous ones (with the parallax.yaml snippet that pairs them) and what was not compared.
import Link from 'next/link';
import type { Ambiguous, OnlyOn } from '@/lib/drift/types';
import { pairedByText, pairHref, sourceLabel, type DriftPagePayload, type PairLine } from '@/lib/views/drift';
import { notComparedGroups, sortPairs } from '@/lib/views/drift-filters';
import { plural } from '@/lib/views/format';
import { CopyBlock, SeverityCounts, SideLabel } from './drift-bits';
import { Card } from './ui';

function PairItem({ pair, pairingLabel }: { pair: PairLine; pairingLabel: string }) {
  const c = pair.counts;
  return (
    <li data-testid="pair" data-key={pair.key} className="grid gap-x-4 gap-y-1 border-t border-line/70 px-1 py-2 first:border-0 lg:grid-cols-[9rem_minmax(0,1fr)_16rem_11rem] lg:items-center">
      <div className="flex items-baseline gap-2">
        <Link href={pairHref(pair.id)} className="font-semibold text-accent hover:underline">{pair.key}</Link>
        {pair.by === 'name' && <span className="text-xs text-warn" title={pairedByText('name')}>guess</span>}
      </div>
      <div className="flex min-w-0 flex-col gap-0.5 text-sm" title={pairedByText(pair.by, pairingLabel)}>
        <SideLabel side={pair.left} />
        <SideLabel side={pair.right} />
      </div>
      <div>
        {!pair.compared ? <span className="text-sm text-warn">⊘ not compared</span>
          : c.critical + c.warning + c.info === 0 ? <span className="text-sm text-ok" data-testid="pair-equal">✓ equal in intent</span>
            : <SeverityCounts counts={c} hideZero />}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 text-xs text-muted">
        <span>{c.equal} equal</span>
        {c.ignored > 0 && <span>{c.ignored} ignored</span>}
        {c.notCompared > 0 && <span>{c.notCompared} not compared</span>}
        <Link href={pairHref(pair.id)} className="text-accent hover:underline">side by side →</Link>
      </div>
    </li>
  );
}

export function PairList({ report }: { report: DriftPagePayload }) {
  const pairs = sortPairs(report.pairs);
  return (
    <Card title={`Pairs (${pairs.length})`} id="pairs">
      {pairs.length ? (
        <ul aria-label="Pairs" data-testid="pairs">
          {pairs.map((p) => <PairItem key={p.id} pair={p} pairingLabel={report.config.pairingLabel} />)}
        </ul>
      ) : <p className="text-sm text-muted">No app was found on two sources.</p>}
      {report.excluded.count > 0 && <p className="mt-2 text-xs text-muted">{plural(report.excluded.count, 'workload')} left out: {report.excluded.reason}.</p>}
    </Card>
  );
}

export function OnlyOnList({ items }: { items: OnlyOn[] }) {
  return (
    <Card title={`Only on one side (${items.length})`} id="only-on">
      {items.length ? (
        <ul className="space-y-1 text-sm" data-testid="only-on">
          {items.map((o) => (
            <li key={`${o.side.workloadId}|${o.missingFrom.source}`} className="flex flex-wrap items-center gap-x-2" data-testid="only-on-item">
              <SideLabel side={o.side} />
              <span className="text-muted">not found on {sourceLabel({ platform: o.missingFrom.platform, name: o.missingFrom.sourceName })}</span>
            </li>
          ))}
        </ul>
      ) : <p className="text-sm text-muted">Every workload has its counterpart.</p>}
    </Card>
  );
}

export function AmbiguousList({ items }: { items: Ambiguous[] }) {
  return (
    <Card title={`Ambiguous (${items.length})`} id="ambiguous">
      {items.length ? (
        <ul className="space-y-3 text-sm" data-testid="ambiguous">
          {items.map((a) => (
            <li key={a.side.workloadId} className="space-y-1" data-testid="ambiguous-item">
              <div className="flex flex-wrap items-center gap-x-2"><SideLabel side={a.side} /><span className="text-muted">has {plural(a.candidates.length, 'candidate')}, so no guess is made:</span></div>
              <ul className="ml-4 list-disc">{a.candidates.map((c) => <li key={c.workloadId}><SideLabel side={c} /></li>)}</ul>
              <p className="text-xs text-muted">To pair it, {a.howToPair.startsWith('add to parallax.yaml') ? 'add this to parallax.yaml (keep the candidate you mean):' : 'fix parallax.yaml:'}</p>
              <CopyBlock text={a.howToPair.replace(/^add to parallax\.yaml:\n/, '')} label={`Copy the parallax.yaml snippet that pairs ${a.side.name}`} testId="how-to-pair" />
            </li>
          ))}
        </ul>
      ) : <p className="text-sm text-muted">No workload has several possible counterparts.</p>}
    </Card>
  );
}

export function NotComparedList({ report }: { report: DriftPagePayload }) {
  const groups = notComparedGroups(report);
  return (
    <Card title={`Not compared (${report.notCompared.length})`} id="not-compared">
      {groups.length ? (
        <div className="space-y-2 text-sm" data-testid="not-compared">
          <p className="text-xs text-muted">Neither equal nor drift: these could not be read or compared, and say why.</p>
          {groups.map((g) => (
            <div key={g.reason} data-testid="not-compared-reason">
              <p className="[overflow-wrap:anywhere]"><span aria-hidden className="text-warn">⊘ </span>{g.reason}{g.source && <span className="text-muted"> (the whole source)</span>}</p>
              {g.items.length > 0 && (
                <ul className="ml-5 mt-0.5 flex flex-wrap gap-x-4 gap-y-0.5" aria-label={`Not compared: ${g.reason}`}>
                  {g.items.map((n, i) => (
                    <li key={i} data-testid="not-compared-item" data-reason={n.reason} className="font-mono text-xs [overflow-wrap:anywhere]">
                      <Link href={pairHref(n.pairId!)} className="font-sans text-accent hover:underline">{n.key}</Link>{' '}
                      {n.container ? `${n.container} · ` : ''}{n.field === '*' ? 'everything' : n.field}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      ) : <p className="text-sm text-muted">Everything that was paired could be compared.</p>}
    </Card>
  );
}
