'use client';
// Overview charts (recharts): desired vs ready per workload, CPU / memory requested vs allocatable per
// node, instances by state per source. Colours come from the theme variables; every series is labelled.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CapacityDatum, DesiredReadyDatum } from '@/lib/views/charts';
import type { CappedRows, OverviewPayload } from '@/lib/views/overview';
import { count } from '@/lib/views/format';
import { Empty } from './ui';

const AXIS = { fontSize: 11, fill: 'var(--muted)' };
/** Category labels on one line: long node names (EC2 instance ids) are shortened, the tooltip has them whole. */
// Non-breaking spaces: recharts wraps tick text at ordinary spaces only.
const shortLabel = (v: string) => (v.length > 30 ? `${v.slice(0, 18)}…${v.slice(-10)}` : v).replace(/ /g, '\u00a0');
const TOOLTIP = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--line)', borderRadius: 6, fontSize: 12, color: 'var(--fg)' }, cursor: { fill: 'var(--surface-2)' } };
const STATE_COLOR: Record<string, string> = { running: 'var(--ok)', pending: 'var(--info)', succeeded: 'var(--muted)', failed: 'var(--bad)', stopped: 'var(--warn)', unknown: '#a78bfa' };

/** Legend labels in the text colour (recharts colours them like their series, unreadable for pale ones). */
const legendText = (value: string) => <span style={{ color: 'var(--fg)' }}>{value}</span>;

function height(bars: number) {
  return Math.max(140, Math.min(520, 28 + bars * 26));
}

export function DesiredReadyChart({ chart }: { chart: CappedRows<DesiredReadyDatum> }) {
  const data = chart.rows;
  if (!data.length) return <Empty title="No workloads" />;
  return (
    <figure data-testid="chart-desired-ready">
      <ResponsiveContainer width="100%" height={height(data.length)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 12, top: 4, bottom: 4 }} barGap={1}>
          <CartesianGrid horizontal={false} stroke="var(--line)" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="var(--line)" />
          <YAxis type="category" dataKey="label" width={190} tick={AXIS} tickFormatter={shortLabel} stroke="var(--line)" interval={0} />
          <Tooltip {...TOOLTIP} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey="desired" name="desired" fill="var(--muted)" fillOpacity={0.18} stroke="var(--muted)" isAnimationActive={false} />
          <Bar dataKey="ready" name="ready" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {chart.of > data.length && <figcaption className="text-xs text-muted" data-testid="chart-capped">The {data.length} largest (by desired) of {count(chart.of)} workloads.</figcaption>}
    </figure>
  );
}

export function CapacityChart({ chart, resource }: { chart: CappedRows<CapacityDatum>; resource: 'cpu' | 'memory' }) {
  const data = chart.rows;
  if (!data.length) return <Empty title="No nodes or container instances" />;
  const [req, alloc, unit] = resource === 'cpu' ? ['cpuRequested', 'cpuAllocatable', 'cores'] : ['memRequested', 'memAllocatable', 'GiB'];
  return (
    <figure data-testid={`chart-${resource}`}>
      <ResponsiveContainer width="100%" height={height(data.length)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 12, top: 4, bottom: 4 }} barGap={1}>
          <CartesianGrid horizontal={false} stroke="var(--line)" />
          <XAxis type="number" tick={AXIS} stroke="var(--line)" unit={resource === 'cpu' ? '' : ' Gi'} />
          <YAxis type="category" dataKey="label" width={190} tick={AXIS} tickFormatter={shortLabel} stroke="var(--line)" interval={0} />
          <Tooltip {...TOOLTIP} formatter={(v) => `${v} ${unit}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey={alloc} name={`allocatable (${unit})`} fill="var(--muted)" fillOpacity={0.18} stroke="var(--muted)" isAnimationActive={false} />
          <Bar dataKey={req} name={`requested (${unit})`} fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {chart.of > data.length && <figcaption className="text-xs text-muted">The first {data.length} of {count(chart.of)} nodes and container instances, by name.</figcaption>}
    </figure>
  );
}

export function InstancesByStateChart({ chart }: { chart: OverviewPayload['charts']['instancesByState'] }) {
  const { data, states } = chart;
  if (!data.length) return <Empty title="No sources" />;
  return (
    <figure data-testid="chart-instances">
      <ResponsiveContainer width="100%" height={height(data.length) + 30}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 12, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--line)" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="var(--line)" />
          <YAxis type="category" dataKey="label" width={190} tick={AXIS} tickFormatter={shortLabel} stroke="var(--line)" interval={0} />
          <Tooltip {...TOOLTIP} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          {states.map((s) => <Bar key={s} dataKey={s} name={s} stackId="state" fill={STATE_COLOR[s]} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
