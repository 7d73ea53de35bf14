// Everything the workload detail page shows about one workload, gathered from a snapshot.
import type { Autoscaler, Config, EnvVar, HealthCheck, Instance, KubeEvent, Revision, Secret, Snapshot, Volume, Workload, Endpoint } from '@/lib/model';

export interface AlsoOn { workload: Workload; by: 'label' | 'name' }

export interface WorkloadDetail {
  workload: Workload;
  revisions: Revision[];
  /** Instances per revision id ("" for instances with no known revision). */
  instancesByRevision: Map<string, Instance[]>;
  instances: Instance[];
  endpoints: Endpoint[];
  configs: Config[];
  secrets: Secret[];
  volumes: Volume[];
  autoscalers: Autoscaler[];
  events: KubeEvent[];
  alsoOn: AlsoOn[];
}

export const APP_LABEL = 'app.kubernetes.io/name';

/**
 * The same application on another source: the app.kubernetes.io/name label (an ECS tag of the same
 * key), else the same name. Pairing proper (explicit links, drift) belongs to the drift engine.
 */
export function alsoOn(w: Workload, all: Workload[]): AlsoOn[] {
  const app = w.labels[APP_LABEL];
  const others = all.filter((o) => o.source !== w.source && o.id !== w.id);
  const byLabel = app ? others.filter((o) => o.labels[APP_LABEL] === app) : [];
  if (byLabel.length) return byLabel.map((workload) => ({ workload, by: 'label' }));
  return others.filter((o) => o.name === w.name && (!app || !o.labels[APP_LABEL])).map((workload) => ({ workload, by: 'name' }));
}

/** Names of config maps / secrets / claims the template refers to (Kubernetes), to relate objects the adapter did not link. */
function templateRefs(w: Workload, from: 'config' | 'secret'): Set<string> {
  const names = new Set<string>();
  for (const c of w.template.containers) {
    for (const e of c.env) if (e.from === from && e.ref?.name) names.add(e.ref.name);
    for (const e of c.envFrom) if (e.from === from) names.add(e.name);
  }
  for (const v of w.template.volumes) if (v.type === from && v.target) names.add(v.target);
  return names;
}

function revisionRank(r: Revision): number {
  return r.state === 'current' ? 0 : r.state === 'previous' ? 1 : 2;
}

export function workloadDetail(s: Snapshot, id: string): WorkloadDetail | undefined {
  const workload = s.workloads.find((w) => w.id === id);
  if (!workload) return undefined;
  const sameGroup = <T extends { source: string; group?: string }>(o: T) => o.source === workload.source && o.group === workload.group;
  const revisions = s.revisions.filter((r) => r.workload === id)
    .sort((a, b) => revisionRank(a) - revisionRank(b) || Number(b.revision) - Number(a.revision) || b.revision.localeCompare(a.revision));
  const instances = s.instances.filter((i) => i.workload === id)
    .sort((a, b) => a.name.localeCompare(b.name));
  const revIds = new Set(revisions.map((r) => r.id));
  const instancesByRevision = new Map<string, Instance[]>();
  for (const i of instances) {
    const key = i.revision && revIds.has(i.revision) ? i.revision : '';
    instancesByRevision.set(key, [...(instancesByRevision.get(key) ?? []), i]);
  }
  const cfgNames = templateRefs(workload, 'config');
  const secNames = templateRefs(workload, 'secret');
  const claims = new Set(workload.template.volumes.filter((v) => v.source === 'persistentVolumeClaim' && v.target).map((v) => v.target!));
  // StatefulSet claim templates make one claim per replica: <template>-<statefulset>-<ordinal>.
  const claimPrefixes = workload.template.volumes.filter((v) => v.source === 'volumeClaimTemplate').map((v) => `${v.name}-${workload.name}-`);
  const isClaimOf = (name: string) => claims.has(name) || claimPrefixes.some((p) => name.startsWith(p) && /^\d+$/.test(name.slice(p.length)));
  const involved = new Set([id, ...revIds, ...instances.map((i) => i.id)]);
  return {
    workload,
    revisions,
    instances,
    instancesByRevision,
    endpoints: s.endpoints.filter((e) => e.workloads.includes(id)),
    configs: s.configs.filter((c) => c.usedBy.includes(id) || (sameGroup(c) && c.configKind === 'configMap' && cfgNames.has(c.name))),
    secrets: s.secrets.filter((x) => x.usedBy.includes(id) || (sameGroup(x) && x.secretKind === 'secret' && secNames.has(x.name))),
    volumes: s.volumes.filter((v) => v.usedBy.includes(id) || (sameGroup(v) && v.backing === 'PersistentVolumeClaim' && isClaimOf(v.name))),
    autoscalers: s.autoscalers.filter((a) => a.target === id),
    events: s.events.filter((e) => e.workload === id || (e.involved.id !== undefined && involved.has(e.involved.id)))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    alsoOn: alsoOn(workload, s.workloads),
  };
}

/**
 * What an env var shows: its value for plain and config values; for a secret only where it comes
 * from ("secret/shop-db key password", or the SSM / Secrets Manager ARN) — never a value.
 */
export function envDisplay(e: EnvVar): string {
  switch (e.from) {
    case 'secret':
      if (e.ref?.arn) return e.ref.arn;
      return `secret/${e.ref?.name ?? '?'}${e.ref?.key ? ` key ${e.ref.key}` : ''}`;
    case 'config':
      return e.value ?? `configmap/${e.ref?.name ?? '?'}${e.ref?.key ? ` key ${e.ref.key}` : ''}`;
    case 'field':
      return e.value ?? `field ${e.ref?.key ?? e.ref?.name ?? ''}`.trim();
    case 'resource':
      return e.value ?? `resource ${e.ref?.key ?? e.ref?.name ?? ''}`.trim();
    case 'unresolved':
      return `unresolved${e.ref?.name ? ` (${e.ref.name}${e.ref.key ? ` key ${e.ref.key}` : ''})` : ''}`;
    default:
      return e.value ?? '';
  }
}

/** "GET /healthz :8080 every 10 s", "TCP :5432", "CMD curl -f http://localhost/ every 30 s". */
export function healthCheckText(h: HealthCheck): string {
  let what: string;
  switch (h.type) {
    case 'http': what = `GET ${h.path ?? '/'}${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'tcp': what = `TCP${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'grpc': what = `gRPC${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    default: {
      const cmd = h.command ?? [];
      const shown = cmd[0] === 'CMD-SHELL' || cmd[0] === 'CMD' ? cmd.slice(1) : cmd;
      what = `${cmd[0] === 'CMD-SHELL' ? 'SHELL' : 'CMD'} ${shown.join(' ')}`.trim();
    }
  }
  const parts = [what];
  if (h.intervalSeconds !== undefined) parts.push(`every ${h.intervalSeconds} s`);
  if (h.timeoutSeconds !== undefined) parts.push(`timeout ${h.timeoutSeconds} s`);
  if (h.failureThreshold !== undefined) parts.push(`${h.failureThreshold} failures`);
  if (h.startPeriodSeconds !== undefined) parts.push(`start ${h.startPeriodSeconds} s`);
  return parts.join(' · ');
}
