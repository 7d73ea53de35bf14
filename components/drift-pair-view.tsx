'use client';
// /drift/pair?id=<pair id>: both workloads side by side. Only differing rows by default ("show N
// equal" adds the engine's equal rows with both values: the "why equal"), not-compared rows with
// their reasons, ignored findings with their rule, and beside each finding the command that would
// change one side, under that side's column. Each finding is reachable by its anchor (its id).
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { imageTail, shortImage, type Workload } from '@/lib/model';
import type { Side } from '@/lib/drift/types';
import { pairedByText, type DriftPairPayload } from '@/lib/views/drift';
import { pairSections, sideNames, type HintView, type PairRow, type PairSection } from '@/lib/views/drift-pair';
import { ApiError } from '@/components/queries';
import { workloadHref } from '@/lib/views/url-state';
import { useDriftPair } from './data';
import { ConfigErrors, CopyBlock, SeverityBadge, SeverityCounts, Wrap } from './drift-bits';
import { Empty, ErrorNote, LoadingBlock, Mono, PlatformBadge, Pill } from './ui';

const GRID = 'md:grid-cols-[minmax(8rem,13rem)_minmax(0,1fr)_minmax(0,1fr)_8.5rem]';

function WorkloadCard({ side, w, label }: { side: Side; w?: Workload; label: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-line bg-surface p-3" data-testid="pair-side" data-platform={side.platform}>
      <p className="text-xs font-medium uppercase tracking-wide text-muted">{label}</p>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
        <PlatformBadge platform={side.platform} />
        <Link href={workloadHref(side.workloadId)} className="font-semibold text-accent hover:underline" data-testid="pair-side-link">{side.name}</Link>
        <span className="text-sm text-muted">{side.kind} · {side.sourceName}{side.group ? ` · ${side.group}` : ''}</span>
      </div>
      {w ? (
        <p className="mt-1 text-xs text-muted">
          ready <span className="tabular">{w.ready}/{w.desired}</span> · rollout {w.rollout.state}
          {w.template.ref && <> · template <Mono>{w.template.ref}</Mono></>}
          {' · '}{w.template.containers.filter((c) => c.role !== 'init').map((c) => <Mono key={c.name} className="mr-1">{imageTail(shortImage(c.image))}</Mono>)}
        </p>
      ) : <p className="mt-1 text-xs text-warn">This workload is no longer in the inventory.</p>}
    </div>
  );
}

function HintBlock({ hint, rowField }: { hint: HintView; rowField: string }) {
  return (
    <div className="min-w-0 space-y-1" data-testid="hint" data-changes={hint.changes}>
      <p className="flex flex-wrap items-center gap-x-2 text-xs">
        <span className="font-semibold">{hint.label}</span>
        <span className="inline-flex items-center gap-1 text-muted">changes <PlatformBadge platform={hint.target.platform} /> {hint.target.sourceName}</span>
      </p>
      <CopyBlock text={hint.command} label={`Copy the command: ${hint.label.toLowerCase()} (${rowField})`} testId="hint-command" />
      {hint.note && <p className="text-xs text-muted [overflow-wrap:anywhere]">{hint.note}</p>}
    </div>
  );
}

const STATUS_TEXT: Record<PairRow['status'], string> = { finding: '', ignored: 'ignored', 'not-compared': '⊘ not compared', equal: '✓ equal' };
const ROW_CLASS: Record<string, string> = {
  critical: 'border-l-bad bg-bad-bg/40', warning: 'border-l-warn bg-warn-bg/40', info: 'border-l-info bg-info-bg/40',
  ignored: 'border-l-line', 'not-compared': 'border-l-warn/60', equal: 'border-l-transparent',
};

function Value({ value, name, changed }: { value?: string; name: string; changed: boolean }) {
  return (
    <span className="col-span-2 min-w-0 text-sm md:col-span-1">
      <span className="text-xs text-muted md:sr-only">{name}: </span>
      <code className={`font-mono text-[12px] [overflow-wrap:anywhere] ${changed ? 'font-semibold' : ''}`}><Wrap text={value ?? '—'} /></code>
    </span>
  );
}

function Row({ row, names, targeted }: { row: PairRow; names: { left: string; right: string }; targeted: boolean }) {
  const tone = row.status === 'finding' ? ROW_CLASS[row.severity!] : ROW_CLASS[row.status];
  const left = row.hints.find((h) => h.changes === 'left');
  const right = row.hints.find((h) => h.changes === 'right');
  return (
    <li
      id={row.id}
      data-testid="pair-row"
      data-status={row.status}
      data-field={row.field}
      className={`scroll-mt-32 border-l-4 px-3 py-2 ${tone} ${targeted ? 'ring-2 ring-accent' : ''}`}
    >
      {/* Phone: field and status on the first line, the two values below; wider: four columns. */}
      <div className={`grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 ${GRID}`}>
        <span className="flex min-w-0 items-start gap-1 font-mono text-xs leading-5 [overflow-wrap:anywhere]">
          <span data-testid="field">{row.field === '*' ? 'everything' : row.field}</span>
          {(row.status === 'finding' || row.status === 'ignored') && (
            <a href={`#${encodeURIComponent(row.id)}`} className="font-sans text-muted hover:text-accent" aria-label={`Link to the ${row.field} finding`} title="Link to this finding">#</a>
          )}
        </span>
        <Value value={row.leftValue} name={names.left} changed={row.status === 'finding'} />
        <Value value={row.rightValue} name={names.right} changed={row.status === 'finding'} />
        <span className="col-start-2 row-start-1 text-right text-xs md:col-start-auto md:row-start-auto md:text-left">
          {row.status === 'finding' || row.status === 'ignored' ? <SeverityBadge severity={row.severity!} /> : null}
          {row.status !== 'finding' && <span className={`ml-1 ${row.status === 'not-compared' ? 'text-warn' : 'text-muted'}`}>{STATUS_TEXT[row.status]}</span>}
        </span>
      </div>
      {row.status === 'finding' && <p className="mt-1 text-sm [overflow-wrap:anywhere]"><Wrap text={row.message!} /></p>}
      {row.status === 'ignored' && (
        <p className="mt-1 text-xs text-muted" data-testid="ignored-reason">Ignored by parallax.yaml ignore[{row.rule}]{row.reason ? `: ${row.reason}` : ' (no reason given)'} · {row.message}</p>
      )}
      {row.status === 'not-compared' && <p className="mt-1 text-xs text-warn [overflow-wrap:anywhere]" data-testid="not-compared-reason">{row.reason}</p>}
      {(left || right) && (
        <div className={`mt-2 grid gap-3 ${GRID}`} data-testid="hints">
          <p className="text-xs text-muted md:pt-1">Remediation: <strong className="font-semibold text-fg">Parallax never runs this.</strong> Review, then run it yourself.</p>
          <div className="min-w-0">{left && <HintBlock hint={left} rowField={row.field} />}</div>
          <div className="min-w-0">{right && <HintBlock hint={right} rowField={row.field} />}</div>
        </div>
      )}
    </li>
  );
}

function SectionView({ section, names, target }: { section: PairSection; names: { left: string; right: string }; target?: string }) {
  const hidden = section.rows.filter((r) => r.status === 'equal').length ? 0 : section.equal;
  return (
    <section className="overflow-hidden rounded-lg border border-line bg-surface" data-testid="pair-section" aria-label={section.title}>
      <header className="flex flex-wrap items-baseline gap-x-2 border-b border-line px-3 py-2">
        <h2 className="font-semibold">{section.title}</h2>
        <span className="text-xs text-muted">{section.findings ? `${section.findings} differ` : 'no drift'}{hidden ? ` · ${hidden} equal hidden` : ''}</span>
      </header>
      {section.rows.length ? (
        <>
          <div aria-hidden className={`hidden gap-x-3 border-b border-line/70 px-4 py-1 text-xs font-medium text-muted md:grid ${GRID}`}>
            <span>field</span><span>{names.left}</span><span>{names.right}</span><span>status</span>
          </div>
          <ul className="divide-y divide-line/70">{section.rows.map((r) => <Row key={r.id} row={r} names={names} targeted={r.id === target} />)}</ul>
        </>
      ) : <p className="px-3 py-2 text-sm text-muted">All {section.equal} compared fields are equal.</p>}
    </section>
  );
}

/** The finding the URL's anchor names: scrolled to and outlined once it is on screen (data arrives after the browser looked for it). */
function useAnchorTarget(ready: boolean): string | undefined {
  const [target, setTarget] = useState<string>();
  useEffect(() => {
    const read = () => setTarget(window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : undefined);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  useEffect(() => {
    if (ready && target) document.getElementById(target)?.scrollIntoView({ block: 'start' });
  }, [ready, target]);
  return target;
}

export function DriftPairView() {
  const params = useSearchParams();
  const pathname = usePathname();
  const id = params.get('id') ?? '';
  const showEqual = params.get('equal') === '1';
  const { data, error, isPending } = useDriftPair(id);
  const sections = useMemo(() => (data ? pairSections(data.pair, { showEqual }) : []), [data, showEqual]);
  const target = useAnchorTarget(!!data);
  if (!id) return <Empty title="No pair selected"><Link className="text-accent" href="/drift">All pairs</Link></Empty>;
  if (isPending) return <LoadingBlock label="Loading the pair" rows={10} />;
  if (error instanceof ApiError && error.status === 404) {
    return <Empty title="Pair not found">The pairing changed, a workload was deleted, or a source is not synced yet. <Mono>{id}</Mono> <Link className="text-accent" href="/drift">All pairs</Link></Empty>;
  }
  if (!data) return <ErrorNote error={error} />;
  return <PairBody data={data} sections={sections} showEqual={showEqual} target={target} toggleHref={toggleEqualHref(params, pathname, !showEqual)} />;
}

function toggleEqualHref(params: URLSearchParams, pathname: string, show: boolean): string {
  const next = new URLSearchParams(params.toString());
  if (show) next.set('equal', '1');
  else next.delete('equal');
  return `${pathname}?${next.toString()}`;
}

function PairBody({ data, sections, showEqual, target, toggleHref }: { data: DriftPairPayload; sections: PairSection[]; showEqual: boolean; target?: string; toggleHref: string }) {
  const router = useRouter();
  const { pair } = data;
  const names = sideNames(pair);
  const equal = sections.reduce((n, s) => n + s.equal, 0);
  const missing = target && !sections.some((s) => s.rows.some((r) => r.id === target)) && target.startsWith(`${pair.id}#`);
  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <nav aria-label="Breadcrumb" className="text-xs text-muted"><Link href="/drift" className="hover:underline">Drift</Link> / {pair.key}</nav>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold" data-testid="pair-key">{pair.key}</h1>
          <span className="text-sm text-muted">{names.left} ⟷ {names.right} · {pairedByText(pair.by, data.config.pairingLabel)}</span>
        </div>
        <ConfigErrors config={data.config} />
        <div className="grid gap-3 md:grid-cols-2">
          <WorkloadCard side={pair.left} w={data.workloads.left} label="left" />
          <WorkloadCard side={pair.right} w={data.workloads.right} label="right" />
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          {pair.compared ? <SeverityCounts counts={pair.counts} /> : <Pill tone="warn">not compared</Pill>}
          <span className="text-muted">{pair.counts.ignored} ignored · {pair.counts.notCompared} not compared · {equal} equal</span>
          {equal > 0 && (
            <button type="button" onClick={() => router.replace(toggleHref, { scroll: false })} className="rounded border border-line bg-surface px-2 py-0.5 text-xs hover:border-accent" data-testid="toggle-equal" aria-pressed={showEqual}>
              {showEqual ? `hide ${equal} equal` : `show ${equal} equal`}
            </button>
          )}
        </div>
        {missing && (
          <p role="status" className="rounded-md border border-ok/40 bg-ok-bg px-3 py-2 text-sm text-ok" data-testid="finding-gone">
            The linked finding (<Mono>{target.slice(pair.id.length + 1)}</Mono>) is no longer reported: the two sides agree on it now, or it is ignored.
          </p>
        )}
      </header>
      {sections.length ? sections.map((s) => <SectionView key={s.title} section={s} names={names} target={target} />)
        : <Empty title="Nothing was compared">Neither side has fields the engine could compare.</Empty>}
    </div>
  );
}
