// Deployment / StatefulSet / DaemonSet -> Workload.
//
// Rollout state follows `kubectl rollout status`: a status is only meaningful once
// status.observedGeneration >= metadata.generation; a Deployment whose Progressing condition has
// reason ProgressDeadlineExceeded has failed; spec.paused means paused.
import type { V1DaemonSet, V1Deployment, V1StatefulSet, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Workload } from '@/lib/model/workload';
import { baseOf, labelsOf, nameOf, num, selectorLabels, type NormalizeContext } from './common';
import type { TemplateRefs } from '@/lib/relations/kubernetes';
import { templateOf, type RefResolver } from './template';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

/** What the adapter indexes about a workload: references and pod-template labels (for Services). */
export interface WorkloadIndex {
  namespace: string;
  refs: TemplateRefs;
  templateLabels: Record<string, string>;
}

export interface NormalizedWorkload {
  workload: Workload;
  index: WorkloadIndex;
}

type Rollout = Workload['rollout'];

function stale(generation: number | undefined, observed: number | undefined): boolean {
  return generation !== undefined && (observed === undefined || observed < generation);
}

function deploymentRollout(d: V1Deployment, desired: number): Rollout {
  const st = d.status;
  if (d.spec?.paused) return { state: 'paused' };
  if (!st) return { state: 'unknown' };
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { state: 'failed', ...(progressing.message ? { message: progressing.message } : {}) };
  }
  if (stale(num(d.metadata?.generation), num(st.observedGeneration))) return { state: 'progressing', message: 'waiting for the controller to observe the new generation' };
  const updated = st.updatedReplicas ?? 0;
  const total = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  if (updated < desired) return { state: 'progressing', message: `${updated} of ${desired} updated replicas` };
  if (total > updated) return { state: 'progressing', message: `${total - updated} old replicas pending termination` };
  if (available < updated) return { state: 'progressing', message: `${available} of ${updated} updated replicas available` };
  return { state: 'complete' };
}

function statefulSetRollout(s: V1StatefulSet, desired: number): Rollout {
  const st = s.status;
  if (!st) return { state: 'unknown' };
  if (stale(num(s.metadata?.generation), num(st.observedGeneration))) return { state: 'progressing', message: 'waiting for the controller to observe the new generation' };
  const ready = st.readyReplicas ?? 0;
  if (ready < desired) return { state: 'progressing', message: `${ready} of ${desired} replicas ready` };
  if (s.spec?.updateStrategy?.type === 'OnDelete') return { state: 'complete' };
  const updated = st.updatedReplicas ?? 0;
  if (st.updateRevision && st.currentRevision && st.updateRevision !== st.currentRevision) {
    return { state: 'progressing', message: `${updated} of ${desired} replicas updated` };
  }
  return { state: 'complete' };
}

function daemonSetRollout(ds: V1DaemonSet): Rollout {
  const st = ds.status;
  if (!st) return { state: 'unknown' };
  if (stale(num(ds.metadata?.generation), num(st.observedGeneration))) return { state: 'progressing', message: 'waiting for the controller to observe the new generation' };
  const desired = st.desiredNumberScheduled ?? 0;
  const updated = st.updatedNumberScheduled ?? 0;
  const available = st.numberAvailable ?? 0;
  if (updated < desired) return { state: 'progressing', message: `${updated} of ${desired} updated pods scheduled` };
  if (available < desired) return { state: 'progressing', message: `${available} of ${desired} updated pods available` };
  return { state: 'complete' };
}

export function workloadBase(ctx: NormalizeContext, raw: { metadata?: V1Deployment['metadata'] }, kind: WorkloadKind, template: V1PodTemplateSpec | undefined, resolver: RefResolver, extra: Parameters<typeof templateOf>[3] = {}) {
  const { namespace } = nameOf(raw, kind);
  const ns = namespace ?? 'default';
  const t = templateOf(template?.spec, ns, resolver, { ...extra, podLabels: labelsOf(template ?? {}) });
  return {
    base: baseOf(ctx, raw, kind),
    t,
    index: { namespace: ns, refs: t.refs, templateLabels: labelsOf(template ?? {}) },
  };
}

export function normalizeDeployment(ctx: NormalizeContext, d: V1Deployment, resolver: RefResolver): NormalizedWorkload {
  const { base, t, index } = workloadBase(ctx, d, 'Deployment', d.spec?.template, resolver);
  const desired = num(d.spec?.replicas) ?? 1;
  const st = d.status;
  return {
    index,
    workload: {
      ...base,
      kind: 'workload',
      workloadKind: 'Deployment',
      scheduling: 'replica',
      desired,
      ready: st?.readyReplicas ?? 0,
      available: st?.availableReplicas ?? 0,
      updated: st?.updatedReplicas ?? 0,
      rollout: deploymentRollout(d, desired),
      template: t.template,
      placement: t.placement,
      selector: selectorLabels(d.spec?.selector) ?? {},
      strategy: d.spec?.strategy?.type ?? 'RollingUpdate',
    },
  };
}

export function normalizeStatefulSet(ctx: NormalizeContext, s: V1StatefulSet, resolver: RefResolver): NormalizedWorkload {
  const { base, t, index } = workloadBase(ctx, s, 'StatefulSet', s.spec?.template, resolver, { claimTemplates: s.spec?.volumeClaimTemplates });
  const desired = num(s.spec?.replicas) ?? 1;
  const st = s.status;
  return {
    index,
    workload: {
      ...base,
      kind: 'workload',
      workloadKind: 'StatefulSet',
      scheduling: 'replica',
      desired,
      ready: st?.readyReplicas ?? 0,
      available: st?.availableReplicas ?? 0,
      updated: st?.updatedReplicas ?? 0,
      rollout: statefulSetRollout(s, desired),
      template: t.template,
      placement: t.placement,
      selector: selectorLabels(s.spec?.selector) ?? {},
      strategy: s.spec?.updateStrategy?.type ?? 'RollingUpdate',
    },
  };
}

export function normalizeDaemonSet(ctx: NormalizeContext, ds: V1DaemonSet, resolver: RefResolver): NormalizedWorkload {
  const { base, t, index } = workloadBase(ctx, ds, 'DaemonSet', ds.spec?.template, resolver);
  const st = ds.status;
  return {
    index,
    workload: {
      ...base,
      kind: 'workload',
      workloadKind: 'DaemonSet',
      scheduling: 'daemon',
      desired: st?.desiredNumberScheduled ?? 0,
      ready: st?.numberReady ?? 0,
      available: st?.numberAvailable ?? 0,
      updated: st?.updatedNumberScheduled ?? 0,
      rollout: daemonSetRollout(ds),
      template: t.template,
      placement: t.placement,
      selector: selectorLabels(ds.spec?.selector) ?? {},
      strategy: ds.spec?.updateStrategy?.type ?? 'RollingUpdate',
    },
  };
}
