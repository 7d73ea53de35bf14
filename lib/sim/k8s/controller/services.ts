/**
 * EndpointSlice controller (one slice `<svc>-<suffix>` per selector Service, labelled
 * `kubernetes.io/service-name`) and a metrics-less HorizontalPodAutoscaler status writer.
 */
import { randSuffix } from '../defaults';
import { matchesLabels } from '../selectors';
import { isRecord, type Dict, type KubeObject } from '../types';
import type { Ctl } from './types';
import { controllerOf, isPodReady, ownerRef, sameJson, setCondition } from './util';

const SERVICE_NAME = 'kubernetes.io/service-name';

function containerPort(pod: KubeObject, name: string, protocol: string): number | undefined {
  const cs: unknown[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  for (const c of cs) {
    if (!isRecord(c) || !Array.isArray(c.ports)) continue;
    for (const p of c.ports as unknown[]) {
      if (isRecord(p) && p.name === name && (p.protocol ?? 'TCP') === protocol) return Number(p.containerPort);
    }
  }
  return undefined;
}

function slicePorts(svc: KubeObject, pods: KubeObject[]): Dict[] {
  const ports: unknown[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  const out: Dict[] = [];
  for (const sp of ports) {
    if (!isRecord(sp)) continue;
    const protocol = String(sp.protocol ?? 'TCP');
    let port: number | undefined;
    if (typeof sp.targetPort === 'string' && !/^\d+$/.test(sp.targetPort)) {
      // A named targetPort resolves against the pods' container ports.
      for (const p of pods) if ((port = containerPort(p, sp.targetPort, protocol)) !== undefined) break;
      if (port === undefined) continue;
    } else port = Number(sp.targetPort ?? sp.port);
    out.push({ name: String(sp.name ?? ''), port, protocol });
  }
  return out;
}

export function reconcileServices(ctl: Ctl, services: KubeObject[], pods: KubeObject[], slices: KubeObject[], nodes: KubeObject[]): void {
  const zoneOf = new Map(nodes.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
  const podsByNs = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || !p.status?.podIP) continue;
    const ns = p.metadata.namespace ?? '';
    let l = podsByNs.get(ns);
    if (!l) podsByNs.set(ns, (l = []));
    l.push(p);
  }
  const slicesBySvc = new Map<string, KubeObject>();
  for (const s of slices) {
    const owner = controllerOf(s);
    if (owner) slicesBySvc.set(owner.uid, s);
  }
  for (const svc of services) {
    const sel: unknown = svc.spec?.selector;
    if (!isRecord(sel) || Object.keys(sel).length === 0 || svc.spec?.type === 'ExternalName') continue;
    const reqs = Object.entries(sel).map(([key, value]) => ({ op: 'eq' as const, key, value: String(value) }));
    const members = (podsByNs.get(svc.metadata.namespace ?? '') ?? [])
      .filter((p) => matchesLabels(reqs, p.metadata.labels))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const endpoints = members.map((p) => {
      const ready = isPodReady(p);
      const terminating = !!p.metadata.deletionTimestamp;
      const e: Dict = {
        addresses: [p.status.podIP],
        conditions: { ready, serving: ready, terminating },
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
      };
      const zone = zoneOf.get(String(p.spec?.nodeName));
      if (zone) e.zone = zone;
      return e;
    });
    const ports = slicePorts(svc, members);
    const existing = slicesBySvc.get(svc.metadata.uid ?? '');
    if (!existing) {
      ctl.create('endpointslices.discovery.k8s.io', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${svc.metadata.name}-${randSuffix(5)}`,
          generateName: `${svc.metadata.name}-`,
          namespace: svc.metadata.namespace,
          labels: {
            [SERVICE_NAME]: svc.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [ownerRef(svc)],
        },
        addressType: 'IPv4',
        endpoints,
        ports,
      });
    } else if (!sameJson(existing.endpoints, endpoints) || !sameJson(existing.ports, ports)) {
      ctl.update('endpointslices.discovery.k8s.io', { ...existing, endpoints, ports });
    }
  }
}

const SCALE_KEYS: Record<string, string> = {
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicaSet: 'replicasets.apps',
};

/** Without a metrics API the HPA reports its target's replicas and ScalingActive=False, as in kind. */
export function reconcileHpas(ctl: Ctl, hpas: KubeObject[]): void {
  for (const h of hpas) {
    const ref = h.spec?.scaleTargetRef;
    const key = isRecord(ref) ? SCALE_KEYS[String(ref.kind)] : undefined;
    const target = key ? ctl.ctx.store.get(key, h.metadata.namespace, String(ref.name)) : undefined;
    let conds: Dict[] = Array.isArray(h.status?.conditions) ? h.status.conditions : [];
    const status: Dict = { desiredReplicas: 0, currentReplicas: 0 };
    if (target) {
      const current = Number(target.status?.replicas ?? target.spec?.replicas ?? 0);
      const min = Number(h.spec?.minReplicas ?? 1);
      const max = Number(h.spec?.maxReplicas ?? current);
      status.currentReplicas = current;
      status.desiredReplicas = Math.min(max, Math.max(min, Number(target.spec?.replicas ?? current)));
      conds = setCondition(conds, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' }, ctl.now);
      conds = setCondition(conds, {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
      }, ctl.now);
    } else {
      conds = setCondition(conds, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${String(ref?.kind).toLowerCase()}s "${String(ref?.name)}" not found` }, ctl.now);
    }
    status.conditions = conds.map((c) => {
      const { lastUpdateTime: _drop, ...rest } = c;
      void _drop;
      return rest;
    });
    if (!sameJson(status, h.status)) ctl.update('horizontalpodautoscalers.autoscaling', { ...h, status });
  }
}
