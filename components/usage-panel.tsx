'use client';
// Usage of a workload, a node or an ECS cluster (GET /api/usage): a bar per resource against its
// request / limit / allocatable (or the ECS reservation), and the last hour as two small charts.
// States: loading, not covered (the platform has no metrics here: never drawn as zero), error.
import { useQuery } from '@tanstack/react-query';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { boundLines, clockTime, formatMillicores, hourTicks, memoryAxis, usageBars, usageChartRows, type UsageBar, type UsagePayload } from '@/lib/views/usage';
import { formatBytes } from '@/lib/model';
import { usageQuery } from './queries';
import { ErrorNote, Pill, Skeleton } from './ui';

const TONE_FILL = { ok: 'bg-accent', warn: 'bg-warn', bad: 'bg-bad' };
const AXIS = { fontSize: 11, fill: 'var(--muted)' };
const TOOLTIP = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--line)', borderRadius: 6, fontSize: 12, color: 'var(--fg)' } };
const HOUR = 3_600_000;

/** A request alone is a lighter mark than a hard bound (limit, allocatable, reservation). */
const markColor = (label: string) => (label === 'request' ? 'bg-fg/50' : 'bg-fg');

function Bar({ bar }: { bar: UsageBar }) {
  return (
    <div className="min-w-0 space-y-1" data-testid={`usage-bar-${bar.resource}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-2 text-sm">
        <span className="font-medium">{bar.label}</span>
        <span className="tabular [overflow-wrap:anywhere]">{bar.fill === undefined ? <span className="text-muted">no current value</span> : bar.used}</span>
      </div>
      <div className="relative h-3 overflow-hidden rounded bg-surface-2" role="img" aria-label={`${bar.label}: ${bar.used}${bar.against ? `; ${bar.against}` : ''}`}>
        {bar.fill !== undefined && <div className={`h-full ${TONE_FILL[bar.tone]}`} style={{ width: `${bar.fill}%` }} />}
        {bar.marks.map((m) => (
          <div key={m.label} title={m.text} className={`absolute inset-y-0 w-0.5 ${markColor(m.label)}`} style={{ left: `calc(${m.at}% - 1px)` }} />
        ))}
      </div>
      {/* The marks' key: each bound with the mark that stands for it on the bar. */}
      {bar.marks.length ? (
        <p className="flex flex-wrap gap-x-3 text-xs text-muted">
          {bar.marks.map((m) => <span key={m.label} className="inline-flex items-center gap-1"><span aria-hidden className={`inline-block h-2.5 w-0.5 ${markColor(m.label)}`} />{m.text}</span>)}
        </p>
      ) : bar.against && <p className="text-xs text-muted">{bar.against}</p>}
    </div>
  );
}

function SeriesChart({ p, resource }: { p: UsagePayload; resource: 'cpu' | 'memory' }) {
  const rows = usageChartRows(p);
  const percent = p.measure === 'percent';
  const mem = memoryAxis(p);
  const tick = (v: number) => `${v}${percent ? '%' : resource === 'cpu' ? 'm' : mem.unit === 'GiB' ? 'Gi' : 'Mi'}`;
  const end = p.series.length ? Math.max(p.series[p.series.length - 1].t, Date.now()) : Date.now();
  const toAxis = (v: number) => (percent || resource === 'cpu' ? v : v / mem.divisor);
  // Allocatable is left out: a node's usage is drawn against what fits the chart, its bar has the rest.
  const refs = boundLines(p, resource).filter(([label]) => !label.startsWith('allocatable')).map(([label, v]) => ({ label, v: toAxis(v) }));
  const shown = (v: number) => (percent ? `${v}%` : resource === 'cpu' ? formatMillicores(v) : formatBytes(Math.round(v * mem.divisor)));
  const title = `${resource === 'cpu' ? 'CPU' : 'Memory'} over the last hour (${percent ? '% of reservation' : resource === 'cpu' ? 'millicores' : mem.unit})`;
  return (
    <figure className="min-w-0" data-testid={`usage-chart-${resource}`}>
      <figcaption className="mb-1 text-xs text-muted">{title}</figcaption>
      <ResponsiveContainer width="100%" height={150}>
        <AreaChart data={rows} margin={{ left: 0, right: 8, top: 6, bottom: 0 }}>
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[end - HOUR, end]} ticks={hourTicks(end)} tickFormatter={clockTime} tick={AXIS} stroke="var(--line)" />
          <YAxis tick={AXIS} stroke="var(--line)" width={48} tickFormatter={tick} allowDecimals={resource === 'memory' && mem.unit === 'GiB'} domain={[0, 'auto']} />
          <Tooltip {...TOOLTIP} labelFormatter={(t) => clockTime(Number(t))} formatter={(v) => [shown(Number(v)), resource === 'cpu' ? 'CPU' : 'memory']} />
          {refs.map((r) => (
            <ReferenceLine key={r.label} y={r.v} stroke="var(--muted)" strokeDasharray={r.label === 'request' ? '4 3' : undefined} ifOverflow="extendDomain"
              label={{ value: r.label, position: 'insideTopRight', fontSize: 10, fill: 'var(--muted)' }} />
          ))}
          <Area dataKey={resource} type="monotone" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.15} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} dot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}

function provenance(p: UsagePayload): string {
  if (p.collectingSince !== undefined) return `From ${p.from}: collecting since ${clockTime(p.collectingSince)}, a point every ${p.intervalS} s (the server keeps the last hour while someone looks).`;
  return `From ${p.from}${p.reservation ? `; 100% is the reservation of ${p.reservation.tasks} running task${p.reservation.tasks === 1 ? '' : 's'}` : ''}.`;
}

export function UsagePanel({ id }: { id: string }) {
  const { data: p, error, isPending } = useQuery(usageQuery(id));
  if (isPending) {
    return (
      <div role="status" aria-label="Loading usage" className="grid gap-3 md:grid-cols-2">
        <Skeleton className="h-10" /><Skeleton className="h-10" /><Skeleton className="h-36" /><Skeleton className="h-36" />
      </div>
    );
  }
  if (!p) return <ErrorNote error={error} />;
  if (!p.covered) {
    return (
      <div data-testid="usage-not-covered" className="rounded-md border border-dashed border-line px-3 py-2 text-sm">
        <Pill tone="info">not covered</Pill> <span className="[overflow-wrap:anywhere]">{p.reason}</span>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="usage-panel">
      <p className="text-xs text-muted [overflow-wrap:anywhere]" data-testid="usage-provenance">{provenance(p)}</p>
      {p.reason && (
        <p role={p.error ? 'alert' : undefined} className={`rounded-md px-3 py-2 text-sm [overflow-wrap:anywhere] ${p.error ? 'border border-bad/40 bg-bad-bg text-bad' : 'bg-surface-2 text-muted'}`} data-testid="usage-note">
          {p.error ? 'Could not read usage: ' : ''}{p.reason}
        </p>
      )}
      {!p.error && (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            {usageBars(p).map((b) => <Bar key={b.resource} bar={b} />)}
          </div>
          {p.current?.pods !== undefined && <p className="text-xs text-muted">Summed over {p.current.pods} pod{p.current.pods === 1 ? '' : 's'} with metrics; requests and limits are those of the running pods.</p>}
          <div className="grid gap-4 md:grid-cols-2">
            <SeriesChart p={p} resource="cpu" />
            <SeriesChart p={p} resource="memory" />
          </div>
        </>
      )}
    </div>
  );
}
