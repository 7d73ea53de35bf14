'use client';
// One workload: header, containers, revisions and instances, endpoints, config, secrets, volumes,
// autoscaling, placement, events. The "Also on" slot links the same app on another source and the
// drift engine's pair view(s) of this workload with their finding counts.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { formatBytes, formatCpu } from '@/lib/model';
import { APP_LABEL } from '@/lib/relations/same-app';
import { age, PLATFORM_NAME } from '@/lib/views/format';
import { ApiError } from '@/components/queries';
import { instanceRows, revisionRows } from '@/lib/views/resources';
import { workloadHref } from '@/lib/views/url-state';
import { workloadHealth } from '@/lib/views/workloads';
import { eventColumns, instanceColumns, revisionColumns } from './columns';
import { ContainerCard } from './container-card';
import { WorkloadDriftLinks } from './drift-card';
import { useNow, useWorkload } from './data';
import { DetailResources, PlacementView } from './detail-sections';
import { PinButton } from './pins';
import { ResourceTable } from './resource-table';
import { Empty, ErrorNote, LoadingBlock, Mono, Pill, PlatformBadge, Section } from './ui';
import { RawView } from './raw-view';
import { MiddleTruncate } from './middle-truncate';
import { Tabs, useTab } from './tabs';
import { LogsView } from './logs-view';
import { logContainers } from '@/lib/views/logs';
import { UsagePanel } from './usage-panel';

const TABS = ['details', 'logs', 'raw'] as const;
const TAB_LABELS = { details: 'Details', logs: 'Logs', raw: 'Raw' };
const SECTIONS = ['usage', 'containers', 'revisions', 'instances', 'endpoints', 'config', 'secrets', 'volumes', 'autoscaling', 'placement', 'events'];

export function WorkloadDetailView() {
  const id = useSearchParams().get('id') ?? '';
  // Only this workload and its related objects (GET /api/workload), not every collection.
  const { data: detail, error, isPending } = useWorkload(id);
  const now = useNow();
  const tab = useTab(TABS);
  if (!id) return <Empty title="No workload selected"><Link className="text-accent" href="/workloads">Back to workloads</Link></Empty>;
  if (isPending) return <LoadingBlock label="Loading workload" rows={10} />;
  // A 404 is the answer "no such workload"; other failures keep the last data if there was some.
  if (error instanceof ApiError && error.status === 404) {
    return <Empty title="Workload not found">It may have been deleted, or its source is not synced yet. <Mono>{id}</Mono> <Link className="text-accent" href="/workloads">All workloads</Link></Empty>;
  }
  if (!detail) return <ErrorNote error={error} />;
  const w = detail.workload;
  const source = detail.sources.find((s) => s.id === w.source);
  const health = workloadHealth(w);
  const revLabel = new Map(detail.revisions.map((r) => [r.id, r.revision]));
  const revRows = revisionRows(detail.revisions, detail.instances);
  const instRows = instanceRows(detail.instances, detail.revisions);
  const t = w.template;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <nav aria-label="Breadcrumb" className="text-xs text-muted"><Link href="/workloads" className="hover:underline">Workloads</Link> / {source?.name ?? w.source} / {w.groupName ?? w.group}</nav>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold" data-testid="workload-name">{w.name}</h1>
          <PinButton label pin={{ kind: 'workload', id: w.id, name: w.name, platform: w.platform, group: w.groupName ?? w.group }} />
          <PlatformBadge platform={w.platform} />
          <span className="text-sm text-muted">{w.workloadKind}{w.launchType ? ` · ${w.launchType}` : ''}{w.strategy ? ` · ${w.strategy}` : ''}</span>
          <span className="text-sm">ready <strong className="tabular" data-testid="ready-count">{w.ready}/{w.desired}</strong></span>
          <Pill tone={w.rollout.state === 'complete' ? 'ok' : w.rollout.state === 'failed' ? 'bad' : 'info'} title={w.rollout.message}>rollout {w.rollout.state}</Pill>
          <Pill tone={health === 'healthy' ? 'ok' : health === 'degraded' ? 'bad' : 'info'}>{health}</Pill>
        </div>
        <p className="text-sm text-muted">
          {source?.name ?? w.source} · {w.platform === 'ecs' ? 'cluster' : 'namespace'} {w.groupName ?? w.group} · age {age(w.createdAt, now)}
          {t.ref && <> · template <MiddleTruncate text={t.ref} /></>}
          {(t.reserved.cpuMillis !== undefined || t.reserved.memoryBytes !== undefined) && <> · {t.instanceResources ? (w.platform === 'ecs' ? 'task size' : 'pod resources') : 'reserves'} cpu {formatCpu(t.reserved.cpuMillis)} / memory {formatBytes(t.reserved.memoryBytes)}</>}
          {t.networkMode && <> · network {t.networkMode}</>}
          {t.identity && <> · identity <MiddleTruncate text={t.identity} /></>}
        </p>
        {w.rollout.message && <p className="text-sm text-muted">{w.rollout.message}</p>}
        {Object.keys(w.labels).length > 0 && (
          <ul className="flex flex-wrap gap-1" aria-label={w.platform === 'ecs' ? 'Tags' : 'Labels'}>
            {Object.entries(w.labels).map(([k, v]) => <li key={k} className="rounded bg-surface-2 px-1.5 font-mono text-[11px]">{k}={v}</li>)}
          </ul>
        )}
        <div data-testid="also-on" className="rounded-md border border-dashed border-line px-3 py-2 text-sm">
          {detail.alsoOn.length ? (
            <>Also on:{' '}{detail.alsoOn.map((a, i) => {
              const src = detail.sources.find((s) => s.id === a.workload.source);
              return (
                <span key={a.workload.id}>{i > 0 && ', '}
                  <Link href={workloadHref(a.workload.id)} className="text-accent hover:underline">
                    {PLATFORM_NAME[a.workload.platform]} {src?.name ?? a.workload.source} · {a.workload.name}
                  </Link>
                  <span className="text-xs text-muted"> (by {a.by === 'label' ? APP_LABEL : 'name'})</span>
                </span>
              );
            })}</>
          ) : <span className="text-muted">Not found on another source (paired by the app.kubernetes.io/name label or tag, else by name).</span>}
          <div className="mt-1"><WorkloadDriftLinks workloadId={w.id} /></div>
        </div>
      </header>

      <Tabs tabs={TABS} labels={TAB_LABELS} />
      {tab === 'raw' ? <RawView id={w.id} /> : tab === 'logs' ? (
        <LogsView key={w.id} id={w.id} platform={w.platform} {...logContainers(w.platform, t.containers)} multiPod />
      ) : <>
          <nav aria-label="Sections" className="flex flex-wrap gap-2 text-xs">
            {SECTIONS.map((s) => <a key={s} href={`#${s}`} className="rounded border border-line px-2 py-0.5 text-muted hover:text-fg">{s}</a>)}
          </nav>

        <Section id="usage" title="Usage">
          <UsagePanel id={w.id} />
        </Section>

        <Section id="containers" title="Containers" count={t.containers.length}>
          <div className="grid gap-3 xl:grid-cols-2">{t.containers.map((c) => <ContainerCard key={`${c.role}-${c.name}`} c={c} />)}</div>
        </Section>

        <Section id="revisions" title="Revisions" count={detail.revisions.length}>
          <ResourceTable data={revRows} columns={revisionColumns} getRowId={(r) => r.id} label="Revisions" now={now} maxHeight="24rem" testId="revisions-table" empty={<p className="text-sm text-muted">No revision reported.</p>} />
        </Section>

        <Section id="instances" title="Instances" count={detail.instances.length}>
          <ResourceTable data={instRows} columns={instanceColumns} getRowId={(r) => r.id} label="Instances" now={now} maxHeight="28rem" testId="instances-table" empty={<p className="text-sm text-muted">No instance running.</p>} />
          {detail.instancesByRevision.length > 1 && (
            <p className="mt-1 text-xs text-muted" data-testid="mixed-revisions">
              Mixed revisions: {detail.instancesByRevision.map(({ revision: r, count }) => `${count} on ${r ? `revision ${revLabel.get(r)}` : 'unknown revision'}`).join(' · ')}
            </p>
          )}
        </Section>

        <DetailResources detail={detail} now={now} />

        <Section id="placement" title="Placement">
          <PlacementView placement={w.placement} />
        </Section>

        <Section id="events" title="Events" count={detail.events.length}>
          <ResourceTable data={detail.events} columns={eventColumns} getRowId={(e) => e.id} label="Events" now={now} maxHeight="24rem" testId="events-table" empty={<p className="text-sm text-muted">No recent events.</p>} />
        </Section>
      </>}
    </div>
  );
}
