'use client';
// The page of one object that has no page of its own (an instance, a revision, an endpoint, a config
// or secret, a volume, an autoscaler, a node…): who it is, what it belongs to, its normalized form
// (Summary) and the object as the platform returned it (Raw).
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { COLLECTION_OF, type Instance, type ModelObject } from '@/lib/model';
import { age } from '@/lib/views/format';
import { objectHref, tableHref, workloadHref } from '@/lib/views/url-state';
import { RESOURCE_KINDS, RESOURCE_LABEL, type ResourceKind } from '@/lib/views/resources';
import { ApiError, objectQuery, workloadQuery } from './queries';
import { useNow } from './data';
import { CodeBlock, RawView } from './raw-view';
import { Tabs, useTab } from './tabs';
import { LogsView } from './logs-view';
import { defaultContainer, logContainers } from '@/lib/views/logs';
import { Empty, ErrorNote, LoadingBlock, Mono, PlatformBadge, Section } from './ui';
import { MiddleTruncate } from './middle-truncate';
import { UsagePanel } from './usage-panel';

const TABS = ['summary', 'logs', 'raw'] as const;
const TAB_LABELS = { summary: 'Summary', logs: 'Logs', raw: 'Raw' };
/** Only instances have logs. */
const tabsOf = (o: ModelObject) => TABS.filter((t) => t !== 'logs' || o.kind === 'instance');

/** Objects this one belongs to or is used by, as links. */
function related(o: ModelObject): { label: string; href: string }[] {
  const r = o as Partial<{ workload: string; workloads: string[]; usedBy: string[]; target: string; node: string; nodeName: string; boundTo: string }>;
  const workloads = [...new Set([r.workload, r.target, ...(r.workloads ?? []), ...(r.usedBy ?? [])].filter((x): x is string => !!x))];
  const name = (id: string) => decodeURIComponent(id.split('/').pop() ?? id);
  return [
    ...workloads.map((w) => ({ label: `workload ${name(w)}`, href: workloadHref(w) })),
    ...(r.node ? [{ label: `node ${r.nodeName ?? name(r.node)}`, href: objectHref(r.node) }] : []),
    ...(r.boundTo ? [{ label: `bound to ${name(r.boundTo)}`, href: objectHref(r.boundTo) }] : []),
  ];
}

/**
 * An instance's Logs tab. An ECS task's containers come with where each one's log goes, from its
 * service's task definition when it has one (a standalone task's are known once the route answers).
 */
function InstanceLogs({ o }: { o: Instance }) {
  const ecsWorkload = o.platform === 'ecs' ? (o.workload ?? '') : '';
  const workload = useQuery(workloadQuery(ecsWorkload));
  if (o.platform === 'kubernetes') {
    return <LogsView key={o.id} id={o.id} platform="kubernetes" containers={o.containers.map((c) => ({ name: c.name }))} initial={defaultContainer(o.containers)} multiPod={false} />;
  }
  if (ecsWorkload && workload.isPending) return <LoadingBlock label="Loading containers" rows={3} />;
  const template = workload.data?.workload.template;
  const offered = template ? logContainers('ecs', template.containers) : { containers: o.containers.map((c) => ({ name: c.name })) };
  return <LogsView key={o.id} id={o.id} platform="ecs" {...offered} multiPod={false} />;
}

export function ObjectDetailView() {
  const id = useSearchParams().get('id') ?? '';
  const tab = useTab(TABS);
  const { data, error, isPending } = useQuery(objectQuery(id));
  const now = useNow(5_000);
  if (!id) return <Empty title="No object selected"><Link className="text-accent" href="/resources">Back to resources</Link></Empty>;
  if (isPending) return <LoadingBlock label="Loading object" rows={8} />;
  if (error instanceof ApiError && error.status === 404) {
    return <Empty title="Object not found">It may have been deleted, or its source is not synced yet. <Mono>{id}</Mono> <Link className="text-accent" href="/resources">All resources</Link></Empty>;
  }
  if (!data) return <ErrorNote error={error} />;
  const o = data.object;
  const collection = COLLECTION_OF[o.kind];
  const listKind = (RESOURCE_KINDS as readonly string[]).includes(collection) ? (collection as ResourceKind) : undefined;
  const links = related(o);
  const tabs = tabsOf(o);
  const shownTab = tabs.includes(tab) ? tab : 'summary';
  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <nav aria-label="Breadcrumb" className="text-xs text-muted">
          {listKind ? <Link href={tableHref('/resources', { kind: listKind })} className="hover:underline">{RESOURCE_LABEL[listKind]}</Link>
            : collection === 'nodes' ? <Link href="/nodes" className="hover:underline">Nodes</Link> : collection}
          {' / '}{data.sourceName}{o.groupName ? ` / ${o.groupName}` : ''}
        </nav>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 text-xl font-semibold [overflow-wrap:anywhere]" data-testid="object-name">{o.name}</h1>
          <PlatformBadge platform={o.platform} />
          <span className="text-sm text-muted">{o.ref.kind}</span>
          {o.createdAt && <span className="text-sm text-muted">age {age(o.createdAt, now)}</span>}
        </div>
        {o.ref.arn && <p className="text-sm text-muted">ARN <MiddleTruncate text={o.ref.arn} /></p>}
        {links.length > 0 && (
          <p className="text-sm">
            {links.map((l, i) => <span key={l.href}>{i > 0 && ' · '}<Link href={l.href} className="text-accent hover:underline">{l.label}</Link></span>)}
          </p>
        )}
      </header>
      <Tabs tabs={tabs} labels={TAB_LABELS} />
      {shownTab === 'raw' ? <RawView id={o.id} /> : shownTab === 'logs' && o.kind === 'instance' ? (
        <InstanceLogs o={o} />
      ) : (
        <div className="space-y-4">
        {(o.kind === 'node' || (o.kind === 'cluster' && o.platform === 'ecs')) && (
          <Section id="usage" title="Usage"><UsagePanel id={o.id} /></Section>
        )}
        <section aria-label="Normalized object" className="space-y-1">
          <p className="text-xs text-muted">As Parallax normalized it (the model both platforms share); the Raw tab has the platform&apos;s own form.</p>
          <CodeBlock text={JSON.stringify(o, null, 2)} format="json" label={`${o.name} as normalized`} />
        </section>
        </div>
      )}
    </div>
  );
}
