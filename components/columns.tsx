'use client';
// Column definitions per concept for ResourceTable.
import Link from 'next/link';
import type { ColumnDef } from '@tanstack/react-table';
import { formatBytes, type Autoscaler, type Config, type Endpoint, type Instance, type ModelEvent, type Revision, type Secret, type Volume } from '@/lib/model';
import { imageTail } from '@/lib/model';
import { age, listShort } from '@/lib/views/format';
import type { NodeRow } from '@/lib/views/nodes';
import { objectHref, workloadHref } from '@/lib/views/url-state';
import { pairSortKey, type Health, type WorkloadRow } from '@/lib/views/workloads';
import type { Tone } from '@/lib/views/health';
import { Pill, PlatformBadge, UsageBar } from './ui';
import { plainValueText } from './plain-value';
import { MiddleTruncate } from './middle-truncate';
import { PinButton } from './pins';

/** The name as a link to the object's page (its summary and Raw tab). */
function ObjectLink({ id, name, mono = false }: { id: string; name: string; mono?: boolean }) {
  return <Link href={objectHref(id)} title={name} className={`text-accent hover:underline ${mono ? 'font-mono text-xs' : 'font-medium'}`}>{name}</Link>;
}

/** The first image cut in the middle (copyable, full on hover), and how many more. */
function Images({ images }: { images: string[] }) {
  if (!images.length) return <>—</>;
  return (
    <span className="flex min-w-0 items-baseline gap-1" title={images.join('\n')}>
      <MiddleTruncate text={imageTail(images[0])} />
      {images.length > 1 && <span className="shrink-0 text-xs text-muted">+{images.length - 1}</span>}
    </span>
  );
}

/** Millicores as cores with up to two decimals: 3920 -> "3.92". */
const cores = (m?: number) => (m === undefined ? '—' : String(Math.round(m / 10) / 100));
const createdSort = (iso?: string) => (iso ? -Date.parse(iso) : Number.NEGATIVE_INFINITY);
const HEALTH_TONE: Record<Health, Tone> = { healthy: 'ok', progressing: 'info', degraded: 'bad' };
const ROLLOUT_TONE: Record<string, Tone> = { complete: 'ok', progressing: 'info', failed: 'bad', paused: 'warn', unknown: 'warn' };
const INSTANCE_TONE: Record<Instance['state'], Tone> = { running: 'ok', pending: 'info', succeeded: 'ok', failed: 'bad', stopped: 'warn', unknown: 'warn' };

/** The ids a table can sort by, for checking a ?sort= from a link. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const sortIdsOf = (columns: ColumnDef<any, any>[]): string[] => columns.map((c) => c.id).filter((id): id is string => !!id && columns.find((c) => c.id === id)?.enableSorting !== false);

// Shared columns, typed loosely so each concept can reuse them.
function platformCol<T extends { platform: 'kubernetes' | 'ecs' }>(): ColumnDef<T> {
  // The badge says it; the header's word would not fit the badge's width, so it is for screen readers only.
  return { id: 'platform', header: () => <span className="sr-only">Platform</span>, accessorFn: (r) => r.platform, size: 64, meta: { fixed: true, priority: 0 }, cell: (c) => <PlatformBadge platform={c.row.original.platform} /> };
}
function sourceCol<T extends { source: string }>(): ColumnDef<T> {
  return { id: 'source', header: 'Source', size: 130, accessorFn: (r) => r.source, cell: (c) => <span title={c.row.original.source}>{c.table.options.meta?.sourceNames?.get(c.row.original.source) ?? c.row.original.source}</span> };
}
function groupCol<T extends { groupName?: string; group?: string }>(): ColumnDef<T> {
  return { id: 'group', header: 'Group', size: 100, meta: { priority: 4 }, accessorFn: (r) => r.groupName ?? r.group ?? '' };
}
function ageCol<T extends { createdAt?: string }>(): ColumnDef<T> {
  return { id: 'age', header: 'Age', size: 56, accessorFn: (r) => createdSort(r.createdAt), meta: { align: 'right', fixed: true, priority: 5 }, cell: (c) => age(c.row.original.createdAt, c.table.options.meta!.now) };
}

export const workloadColumns: ColumnDef<WorkloadRow>[] = [
  platformCol<WorkloadRow>(),
  { id: 'source', header: 'Source', accessorKey: 'sourceName', size: 130, meta: { priority: 2 } },
  { id: 'group', header: 'Group', accessorKey: 'group', size: 100, meta: { priority: 3 } },
  {
    id: 'name', header: 'Name', accessorKey: 'name', size: 170, meta: { priority: 0 },
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex min-w-0 items-center gap-0.5">
          <PinButton pin={{ kind: 'workload', id: r.id, name: r.name, platform: r.platform, group: r.group }} />
          <Link href={workloadHref(r.id)} className="truncate font-medium text-accent hover:underline">{r.name}</Link>
        </span>
      );
    },
  },
  { id: 'kind', header: 'Kind', accessorKey: 'kind', size: 100, meta: { priority: 4 } },
  { id: 'images', header: 'Images', accessorFn: (r) => r.images.join(' '), size: 230, meta: { priority: 4 }, cell: (c) => <Images images={c.row.original.images} /> },
  {
    id: 'ready', header: 'Ready', size: 80, meta: { priority: 1, align: 'right', fixed: true },
    accessorFn: (r) => (r.desired ? r.ready / r.desired : 1) * 1e6 + r.desired,
    cell: (c) => <span data-testid="ready-count" className={c.row.original.ready < c.row.original.desired ? 'text-warn' : ''}>{c.row.original.ready}/{c.row.original.desired}</span>,
  },
  {
    id: 'rollout', header: 'Rollout', accessorKey: 'rollout', size: 106, meta: { priority: 4, fixed: true },
    cell: (c) => <Pill tone={ROLLOUT_TONE[c.row.original.rollout] ?? 'warn'} title={c.row.original.rolloutMessage}>{c.row.original.rollout}</Pill>,
  },
  {
    id: 'health', header: 'Health', accessorKey: 'health', size: 104, meta: { priority: 1, fixed: true },
    cell: (c) => (c.row.original.stale
      ? <Pill tone="warn" title="The source is down: last state seen, not the current one">stale</Pill>
      : <Pill tone={HEALTH_TONE[c.row.original.health]}>{c.row.original.health}</Pill>),
  },
  ageCol<WorkloadRow>(),
];

const PAIRED_BY: Record<string, string> = { config: 'parallax.yaml', label: 'app label', name: 'same name (a guess)', id: 'same id' };

/** Shown first while the table groups by pair (?sort=pair): the drift engine's key, or "only here". */
export const pairColumn: ColumnDef<WorkloadRow> = {
  id: 'pair', header: 'Pair', accessorFn: pairSortKey, size: 120,
  cell: (c) => {
    const p = c.row.original.pair;
    return p
      ? <span title={`Paired by ${PAIRED_BY[p.by] ?? p.by}`} data-testid="pair-key"><span aria-hidden className="text-muted">⟷ </span>{p.key}</span>
      : <span className="text-muted" title="No counterpart on another source" data-testid="pair-key">only here</span>;
  },
};

export const nodeColumns: ColumnDef<NodeRow>[] = [
  platformCol<NodeRow>(),
  { id: 'source', header: 'Source', accessorKey: 'sourceName', size: 120, meta: { priority: 1 } },
  { id: 'name', header: 'Name', accessorKey: 'name', size: 160, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  {
    id: 'status', header: 'Status', accessorKey: 'status', size: 96, meta: { priority: 1, fixed: true },
    cell: (c) => <Pill tone={!c.row.original.ready ? 'bad' : c.row.original.unschedulable || c.row.original.status === 'DRAINING' ? 'warn' : 'ok'}>{c.row.original.status}</Pill>,
  },
  { id: 'type', header: 'Type', accessorFn: (r) => r.instanceType ?? '', size: 90, meta: { priority: 4 }, cell: (c) => c.row.original.instanceType ?? '—' },
  { id: 'zone', header: 'Zone', accessorFn: (r) => r.zone ?? '', size: 90, meta: { priority: 4 }, cell: (c) => c.row.original.zone ?? '—' },
  {
    id: 'cpu', header: 'CPU cores req/alloc', size: 150, meta: { priority: 2, fixed: true }, accessorFn: (r) => (r.cpuAllocatable ? (r.cpuRequested ?? 0) / r.cpuAllocatable : 0),
    cell: (c) => <UsageBar used={c.row.original.cpuRequested} total={c.row.original.cpuAllocatable} label={`${cores(c.row.original.cpuRequested)} / ${cores(c.row.original.cpuAllocatable)}`} />,
  },
  {
    id: 'memory', header: 'Memory req/alloc', size: 176, meta: { priority: 2, fixed: true }, accessorFn: (r) => (r.memAllocatable ? (r.memRequested ?? 0) / r.memAllocatable : 0),
    cell: (c) => <UsageBar used={c.row.original.memRequested} total={c.row.original.memAllocatable} label={`${formatBytes(c.row.original.memRequested)} / ${formatBytes(c.row.original.memAllocatable)}`} />,
  },
  { id: 'instances', header: 'Instances', accessorKey: 'instances', size: 100, meta: { priority: 3, align: 'right', fixed: true } },
  { id: 'agent', header: 'Agent', accessorFn: (r) => r.agentVersion ?? '', size: 96, meta: { priority: 5 }, cell: (c) => c.row.original.agentVersion ?? '—' },
  ageCol<NodeRow>(),
];

export type InstanceRow = Instance & { revisionLabel?: string };

export const instanceColumns: ColumnDef<InstanceRow>[] = [
  { id: 'name', header: 'Name', accessorKey: 'name', size: 200, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} mono /> },
  { id: 'state', header: 'State', accessorKey: 'state', size: 104, meta: { priority: 1, fixed: true }, cell: (c) => <Pill tone={INSTANCE_TONE[c.row.original.state]} title={c.row.original.reason}>{c.row.original.phase || c.row.original.state}</Pill> },
  { id: 'ready', header: 'Ready', accessorFn: (r) => (r.ready ? 1 : 0), size: 80, meta: { priority: 2, fixed: true }, cell: (c) => (c.row.original.ready ? 'yes' : 'no') },
  { id: 'revision', header: 'Revision', accessorFn: (r) => r.revisionLabel ?? '', size: 110, meta: { priority: 3 }, cell: (c) => c.row.original.revisionLabel ?? '—' },
  { id: 'node', header: 'Node', accessorFn: (r) => r.nodeName ?? '', size: 150, meta: { priority: 3 }, cell: (c) => c.row.original.nodeName ?? (c.row.original.launchType === 'FARGATE' ? 'Fargate' : '—') },
  { id: 'ip', header: 'IP', accessorFn: (r) => r.ip ?? '', size: 104, meta: { priority: 5 }, cell: (c) => <span className="font-mono text-xs">{c.row.original.ip ?? '—'}</span> },
  { id: 'restarts', header: 'Restarts', accessorKey: 'restarts', size: 96, meta: { priority: 4, fixed: true, align: 'right' } },
  { id: 'health', header: 'Health', accessorKey: 'health', size: 76, meta: { priority: 4 } },
  { id: 'age', header: 'Age', size: 56, accessorFn: (r) => createdSort(r.startedAt ?? r.createdAt), meta: { priority: 5, align: 'right', fixed: true }, cell: (c) => age(c.row.original.startedAt ?? c.row.original.createdAt, c.table.options.meta!.now) },
];

export const instanceColumnsWide: ColumnDef<InstanceRow>[] = [platformCol<InstanceRow>(), sourceCol<InstanceRow>(), groupCol<InstanceRow>(), ...instanceColumns];

export type RevisionRow = Revision & { instanceCount: number };

export const revisionColumns: ColumnDef<RevisionRow>[] = [
  { id: 'revision', header: 'Revision', accessorKey: 'revision', size: 110, meta: { priority: 1 }, cell: (c) => <span className="font-mono text-xs" title={c.row.original.name}>{c.row.original.revision}</span> },
  { id: 'name', header: 'Name', accessorKey: 'name', size: 170, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} mono /> },
  { id: 'state', header: 'State', accessorKey: 'state', size: 100, meta: { priority: 1 }, cell: (c) => <Pill tone={c.row.original.state === 'current' ? 'ok' : c.row.original.state === 'previous' ? 'warn' : 'info'}>{c.row.original.state}</Pill> },
  { id: 'status', header: 'Status', accessorFn: (r) => `${r.status}${r.rolloutState ? ` · ${r.rolloutState}` : ''}`, size: 150, meta: { priority: 3 } },
  { id: 'images', header: 'Images', accessorFn: (r) => r.images.join(' '), size: 220, meta: { priority: 2 }, cell: (c) => <Images images={c.row.original.images} /> },
  { id: 'ready', header: 'Ready', accessorFn: (r) => r.ready, size: 80, meta: { priority: 2, fixed: true, align: 'right' }, cell: (c) => `${c.row.original.ready}/${c.row.original.desired}` },
  { id: 'instances', header: 'Instances', accessorKey: 'instanceCount', size: 100, meta: { priority: 4, fixed: true, align: 'right' } },
  ageCol<RevisionRow>(),
];

export const revisionColumnsWide: ColumnDef<RevisionRow>[] = [platformCol<RevisionRow>(), sourceCol<RevisionRow>(), groupCol<RevisionRow>(), ...revisionColumns];

export const endpointColumns: ColumnDef<Endpoint>[] = [
  platformCol<Endpoint>(),
  sourceCol<Endpoint>(),
  groupCol<Endpoint>(),
  { id: 'name', header: 'Name', accessorKey: 'name', size: 150, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  { id: 'kind', header: 'Kind', accessorFn: (r) => `${r.endpointKind}${r.type ? ` · ${r.type}` : ''}`, size: 140, meta: { priority: 1 } },
  { id: 'addresses', header: 'Addresses', accessorFn: (r) => r.addresses.join(' '), size: 170, meta: { priority: 2 }, cell: (c) => <span className="font-mono text-xs" title={c.row.original.addresses.join('\n')}>{listShort(c.row.original.addresses, 2) || '—'}</span> },
  { id: 'ports', header: 'Ports', accessorFn: (r) => r.ports.map((p) => `${p.port}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}/${p.protocol}`).join(', '), size: 130, meta: { priority: 2 } },
  { id: 'targets', header: 'Targets', accessorFn: (r) => r.readyTargets, size: 120, meta: { priority: 3, fixed: true, align: 'right' }, cell: (c) => `${c.row.original.readyTargets} ready${c.row.original.notReadyTargets ? ` · ${c.row.original.notReadyTargets} not` : ''}` },
  { id: 'rules', header: 'Rules', accessorFn: (r) => r.rules.map((x) => `${x.host ?? '*'}${x.path ?? ''} → ${x.backend}`).join('; '), size: 170, meta: { priority: 4 } },
];

/** key=value pairs, credentials flagged and masked (never shown, never searchable). */
const configValuesText = (r: Config, sep: string) =>
  Object.entries(r.data).map(([k, v]) => `${k}=${plainValueText(k, v, r.configKind === 'configMap' ? 'config' : 'environment')}`).join(sep);

export const configColumns: ColumnDef<Config>[] = [
  platformCol<Config>(),
  sourceCol<Config>(),
  groupCol<Config>(),
  { id: 'name', header: 'Name', accessorKey: 'name', size: 180, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  { id: 'kind', header: 'Kind', accessorKey: 'configKind', size: 120, meta: { priority: 3 } },
  { id: 'data', header: 'Values', accessorFn: (r) => configValuesText(r, ' '), size: 360, meta: { priority: 1 }, cell: (c) => <span className="font-mono text-xs">{configValuesText(c.row.original, '  ') || '—'}</span> },
  { id: 'used', header: 'Used', accessorFn: (r) => r.usedBy.length, size: 76, meta: { priority: 4, fixed: true, align: 'right' } },
];

export const secretColumns: ColumnDef<Secret>[] = [
  platformCol<Secret>(),
  sourceCol<Secret>(),
  groupCol<Secret>(),
  { id: 'name', header: 'Name', accessorKey: 'name', size: 180, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  { id: 'kind', header: 'Kind', accessorFn: (r) => `${r.secretKind}${r.type ? ` · ${r.type}` : ''}`, size: 150, meta: { priority: 3 } },
  { id: 'keys', header: 'Keys (never values)', accessorFn: (r) => r.keys.map((k) => k.key).join(' '), size: 360, meta: { priority: 1 }, cell: (c) => <span className="font-mono text-xs">{c.row.original.keys.map((k) => (k.ref ? `${k.key} ← ${k.ref}` : k.key)).join('  ')}</span> },
  { id: 'used', header: 'Used', accessorFn: (r) => r.usedBy.length, size: 76, meta: { priority: 4, fixed: true, align: 'right' } },
];

export const volumeColumns: ColumnDef<Volume>[] = [
  platformCol<Volume>(),
  sourceCol<Volume>(),
  groupCol<Volume>(),
  { id: 'name', header: 'Name', accessorKey: 'name', size: 180, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  { id: 'kind', header: 'Kind', accessorFn: (r) => `${r.volumeKind} · ${r.backing}`, size: 200, meta: { priority: 1 } },
  { id: 'size', header: 'Size', accessorFn: (r) => r.capacityBytes ?? r.requestBytes ?? 0, size: 80, meta: { priority: 2, fixed: true, align: 'right' }, cell: (c) => formatBytes(c.row.original.capacityBytes ?? c.row.original.requestBytes) },
  { id: 'detail', header: 'Detail', size: 280, meta: { priority: 3 }, accessorFn: (r) => [r.storageClass, r.accessModes.join(','), r.phase, r.fileSystemId, r.rootDirectory, r.hostPath, r.transitEncryption ? 'TLS' : undefined].filter(Boolean).join(' · ') },
  { id: 'used', header: 'Used', accessorFn: (r) => r.usedBy.length, size: 76, meta: { priority: 4, fixed: true, align: 'right' } },
];

export const autoscalerColumns: ColumnDef<Autoscaler>[] = [
  platformCol<Autoscaler>(),
  sourceCol<Autoscaler>(),
  groupCol<Autoscaler>(),
  { id: 'name', header: 'Name', accessorKey: 'name', size: 180, meta: { priority: 0 }, cell: (c) => <ObjectLink id={c.row.original.id} name={c.row.original.name} /> },
  { id: 'target', header: 'Target', accessorKey: 'targetName', size: 160, meta: { priority: 1 }, cell: (c) => (c.row.original.target ? <Link className="text-accent hover:underline" href={workloadHref(c.row.original.target)}>{c.row.original.targetName}</Link> : c.row.original.targetName) },
  { id: 'range', header: 'Min–max', accessorFn: (r) => r.max, size: 100, meta: { priority: 2, fixed: true, align: 'right' }, cell: (c) => `${c.row.original.min}–${c.row.original.max}` },
  { id: 'current', header: 'Current / desired', accessorFn: (r) => r.current ?? -1, size: 148, meta: { priority: 2, fixed: true, align: 'right' }, cell: (c) => `${c.row.original.current ?? '—'} / ${c.row.original.desired ?? '—'}` },
  { id: 'metrics', header: 'Metrics', size: 260, meta: { priority: 3 }, accessorFn: (r) => r.metrics.map((m) => `${m.name} ${m.targetType} ${m.target}${m.targetType === 'utilization' ? '%' : ''}${m.current !== undefined ? ` (now ${m.current})` : ''}`).join('; ') },
];

export const eventColumns: ColumnDef<ModelEvent>[] = [
  { id: 'at', header: 'When', size: 80, meta: { priority: 1, fixed: true }, accessorFn: (r) => Date.parse(r.at), cell: (c) => age(c.row.original.at, c.table.options.meta!.now) },
  { id: 'type', header: 'Type', accessorKey: 'type', size: 92, meta: { priority: 2, fixed: true }, cell: (c) => <Pill tone={c.row.original.type === 'Warning' ? 'warn' : 'info'}>{c.row.original.type}</Pill> },
  { id: 'reason', header: 'Reason', accessorKey: 'reason', size: 140, meta: { priority: 0 } },
  { id: 'object', header: 'Object', size: 180, meta: { priority: 3 }, accessorFn: (r) => `${r.involved.kind}/${r.involved.name}` },
  { id: 'message', header: 'Message', accessorKey: 'message', size: 340, meta: { priority: 0 }, cell: (c) => <span title={c.row.original.message}>{c.row.original.message}{c.row.original.count > 1 ? ` (×${c.row.original.count})` : ''}</span> },
];

export const eventColumnsWide: ColumnDef<ModelEvent>[] = [platformCol<ModelEvent>(), sourceCol<ModelEvent>(), groupCol<ModelEvent>(), ...eventColumns];
