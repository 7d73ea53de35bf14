// The generic concept browser (/resources?kind=...): tabs, rows, search text, facets (served by lib/views/tables.ts).
import type { Instance, Revision, Source } from '@/lib/model';
import type { FacetDef } from './filter';
import { PLATFORM_LABEL, platformName } from './format';
import { PLATFORMS, sourceNames } from './workloads';

export const RESOURCE_KINDS = ['instances', 'revisions', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'events'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_LABEL: Record<ResourceKind, string> = {
  instances: 'Instances', revisions: 'Revisions', endpoints: 'Endpoints', configs: 'Config', secrets: 'Secrets', volumes: 'Volumes', autoscalers: 'Autoscaling', events: 'Events',
};

export function resourceKind(raw: string | null | undefined): ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(raw ?? '') ? (raw as ResourceKind) : 'instances';
}

/** The note for a ?kind= that is no tab (shown instead of silently opening another one). */
export function resourceKindNote(raw: string | null | undefined): string | undefined {
  return raw && !(RESOURCE_KINDS as readonly string[]).includes(raw) ? `kind=${raw} (no such concept; known: ${RESOURCE_KINDS.join(', ')})` : undefined;
}

export type Row = { id: string; platform: 'kubernetes' | 'ecs'; source: string; name: string; group?: string; groupName?: string; createdAt?: string };

/** Instances get their revision's label, revisions the number of instances running them. */
export function instanceRows(instances: Instance[], revisions: Revision[]) {
  const label = new Map(revisions.map((r) => [r.id, r.revision]));
  return instances.map((i) => ({ ...i, revisionLabel: i.revision ? label.get(i.revision) : undefined }));
}

/** Instances not finished, per revision id (the revisions tables' Instances column). */
export function runningPerRevision(instances: Instance[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const i of instances) if (i.revision && i.state !== 'stopped' && i.state !== 'succeeded') n.set(i.revision, (n.get(i.revision) ?? 0) + 1);
  return n;
}

export function revisionRows(revisions: Revision[], instances: Instance[]) {
  const n = runningPerRevision(instances);
  return revisions.map((r) => ({ ...r, instanceCount: n.get(r.id) ?? 0 }));
}

export function rowText(r: Row, names: Map<string, string>): string {
  const extra = r as Record<string, unknown>;
  return [r.name, r.groupName, names.get(r.source), PLATFORM_LABEL[r.platform], r.platform,
    ...['state', 'phase', 'endpointKind', 'type', 'configKind', 'secretKind', 'volumeKind', 'backing', 'reason', 'message', 'targetName', 'nodeName', 'ip', 'status', 'revision']
      .map((k) => (typeof extra[k] === 'string' ? (extra[k] as string) : undefined))].filter(Boolean).join(' ');
}

export const RESOURCE_FACET_KEYS = ['platform', 'source', 'group'] as const;

export function resourceFacets(sources: Source[]): FacetDef<Row>[] {
  const names = sourceNames(sources);
  return [
    { key: 'platform', label: 'Platform', value: (r) => r.platform, display: platformName, order: PLATFORMS, known: PLATFORMS },
    { key: 'source', label: 'Source', value: (r) => r.source, display: (v) => names.get(v) ?? v, known: sources.map((s) => s.id) },
    { key: 'group', label: 'Group', value: (r) => r.groupName ?? r.group ?? '—' },
  ];
}
