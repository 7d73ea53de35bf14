/**
 * StatefulSet (ordered pods `<name>-<i>`, PVCs from volumeClaimTemplates), DaemonSet (one pod
 * per eligible Ready node) and PersistentVolumeClaim binding (dynamic provisioning of a PV).
 */
import { randSuffix } from '../defaults';
import { deepClone, isRecord, type Dict, type KubeObject } from '../types';
import { fitsNode, isNodeReady } from './pods';
import type { Ctl } from './types';
import { isPodReady, ownerRef, podTemplateLabels, sameJson, templateHash } from './util';

const REV_LABEL = 'controller-revision-hash';

function replicas(o: KubeObject): number {
  return typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
}

/** A ControllerRevision `<owner>-<hash>` records each template, as `rollout history` reads them. */
function ensureRevision(ctl: Ctl, owner: KubeObject, hash: string, existing: KubeObject[]): void {
  const name = `${owner.metadata.name}-${hash}`;
  if (existing.some((r) => r.metadata.name === name)) return;
  const revision = existing.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0) + 1;
  ctl.create('controllerrevisions.apps', {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...podTemplateLabels(owner), [REV_LABEL]: hash },
      ownerReferences: [ownerRef(owner)],
    },
    data: { spec: { template: { ...deepClone(owner.spec?.template ?? {}), $patch: 'replace' } } },
    revision,
  });
}

function newPod(owner: KubeObject, name: string, hash: string, extraLabels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...podTemplateLabels(owner), [REV_LABEL]: `${owner.metadata.name}-${hash}`, ...extraLabels },
      annotations: { ...(owner.spec?.template?.metadata?.annotations ?? {}) },
      ownerReferences: [ownerRef(owner)],
    },
    spec: deepClone(owner.spec?.template?.spec ?? {}),
  };
}

function podRevision(p: KubeObject): string | undefined {
  return p.metadata.labels?.[REV_LABEL];
}

export function reconcileStatefulSets(ctl: Ctl, sets: KubeObject[], podsByOwner: Map<string, KubeObject[]>, revsByOwner: Map<string, KubeObject[]>): void {
  for (const s of sets) {
    if (s.metadata.deletionTimestamp) continue;
    const name = s.metadata.name;
    const ns = s.metadata.namespace;
    const hash = templateHash(s.spec?.template);
    const updateRevision = `${name}-${hash}`;
    ensureRevision(ctl, s, hash, revsByOwner.get(s.metadata.uid ?? '') ?? []);
    const owned = podsByOwner.get(s.metadata.uid ?? '') ?? [];
    const pods = owned.filter((p) => !p.metadata.deletionTimestamp);
    const byOrdinal = new Map<number, KubeObject>();
    const terminating = new Set<number>();
    for (const p of owned) {
      const m = /-(\d+)$/.exec(p.metadata.name);
      if (m && p.metadata.deletionTimestamp) terminating.add(Number(m[1]));
    }
    for (const p of pods) {
      const m = /-(\d+)$/.exec(p.metadata.name);
      if (m) byOrdinal.set(Number(m[1]), p);
    }
    const want = replicas(s);
    const parallel = s.spec?.podManagementPolicy === 'Parallel';
    for (let i = 0; i < want; i++) {
      const p = byOrdinal.get(i);
      if (terminating.has(i)) {
        // The replacement waits until the old pod of this ordinal is gone (same name).
        if (!parallel) break;
        continue;
      }
      if (p) {
        if (!parallel && !isPodReady(p)) break;
        continue;
      }
      const podName = `${name}-${i}`;
      const pod = newPod(s, podName, hash, { 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i) });
      pod.spec.hostname = podName;
      if (s.spec?.serviceName) pod.spec.subdomain = s.spec.serviceName;
      const claims = Array.isArray(s.spec?.volumeClaimTemplates) ? (s.spec.volumeClaimTemplates as unknown[]).filter(isRecord) : [];
      const volumes: Dict[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      for (const t of claims) {
        const claimName = `${String(t.metadata?.name)}-${name}-${i}`;
        if (!ctl.ctx.store.get('persistentvolumeclaims', ns, claimName)) {
          ctl.create('persistentvolumeclaims', {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: claimName, namespace: ns, labels: { ...podTemplateLabels(s), ...(t.metadata?.labels ?? {}) } },
            spec: { storageClassName: 'standard', ...deepClone(t.spec ?? {}) },
          });
          ctl.event(s, 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${name} success`, 'statefulset-controller');
        }
        volumes.push({ name: String(t.metadata?.name), persistentVolumeClaim: { claimName } });
      }
      if (volumes.length) pod.spec.volumes = volumes;
      ctl.create('pods', pod);
      ctl.event(s, 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller');
      if (!parallel) break;
    }
    // Scale down from the highest ordinal, one pod per pass.
    const extra = [...byOrdinal.entries()].filter(([i]) => i >= want).sort((a, b) => b[0] - a[0]);
    if (extra.length) {
      ctl.remove('pods', extra[0][1]);
      ctl.event(s, 'SuccessfulDelete', `delete Pod ${extra[0][1].metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
    }
    // Rolling update: once all pods are ready, replace the highest outdated ordinal.
    const live = [...byOrdinal.entries()].filter(([i]) => i < want);
    const partition = Number(s.spec?.updateStrategy?.rollingUpdate?.partition ?? 0);
    if (s.spec?.updateStrategy?.type !== 'OnDelete' && !extra.length && live.length === want && live.every(([, p]) => isPodReady(p))) {
      const outdated = live.filter(([i, p]) => i >= partition && podRevision(p) !== updateRevision).sort((a, b) => b[0] - a[0]);
      if (outdated.length) ctl.remove('pods', outdated[0][1]);
    }
    const current = pods.filter((p) => Number(/-(\d+)$/.exec(p.metadata.name)?.[1] ?? -1) < want);
    const updated = current.filter((p) => podRevision(p) === updateRevision).length;
    const ready = current.filter(isPodReady).length;
    const prevCurrent = typeof s.status?.currentRevision === 'string' ? s.status.currentRevision : updateRevision;
    const status: Dict = {
      observedGeneration: s.metadata.generation ?? 1,
      replicas: current.length,
      readyReplicas: ready,
      currentReplicas: updated === want ? updated : current.filter((p) => podRevision(p) === prevCurrent).length,
      updatedReplicas: updated,
      currentRevision: updated === want ? updateRevision : prevCurrent,
      updateRevision,
      collisionCount: 0,
      availableReplicas: ready,
    };
    if (!sameJson(status, s.status)) ctl.update('statefulsets.apps', { ...s, status });
  }
}

export function reconcileDaemonSets(ctl: Ctl, sets: KubeObject[], podsByOwner: Map<string, KubeObject[]>, nodes: KubeObject[], revsByOwner: Map<string, KubeObject[]>): void {
  for (const ds of sets) {
    if (ds.metadata.deletionTimestamp) continue;
    const hash = templateHash(ds.spec?.template);
    const updateRevision = `${ds.metadata.name}-${hash}`;
    ensureRevision(ctl, ds, hash, revsByOwner.get(ds.metadata.uid ?? '') ?? []);
    const podSpec: Dict = ds.spec?.template?.spec ?? {};
    // DaemonSet pods tolerate not-ready/unreachable nodes; control-plane taints still apply.
    const eligible = nodes.filter((n) => isNodeReady(n) && fitsNode(podSpec, n));
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name));
    const owned = podsByOwner.get(ds.metadata.uid ?? '') ?? [];
    const pods = owned.filter((p) => !p.metadata.deletionTimestamp);
    // With maxSurge 0 a node gets its new pod only once the old one is gone.
    const busy = new Set(owned.filter((p) => p.metadata.deletionTimestamp).map((p) => String(p.spec?.nodeName)));
    const onNode = new Map<string, KubeObject>();
    for (const p of pods) {
      const n = String(p.spec?.nodeName ?? '');
      if (!eligibleNames.has(n) || onNode.has(n)) {
        ctl.remove('pods', p);
        ctl.event(ds, 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
      } else onNode.set(n, p);
    }
    for (const n of eligible) {
      if (onNode.has(n.metadata.name) || busy.has(n.metadata.name)) continue;
      const pod = newPod(ds, `${ds.metadata.name}-${randSuffix(5)}`, hash, {});
      pod.metadata.generateName = `${ds.metadata.name}-`;
      pod.spec.nodeName = n.metadata.name;
      const created = ctl.create('pods', pod);
      onNode.set(n.metadata.name, created);
      ctl.event(ds, 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'daemonset-controller');
    }
    const live = [...onNode.values()];
    if (ds.spec?.updateStrategy?.type !== 'OnDelete' && busy.size === 0 && live.every(isPodReady)) {
      const outdated = live.find((p) => podRevision(p) !== updateRevision);
      if (outdated) ctl.remove('pods', outdated);
    }
    const ready = live.filter(isPodReady).length;
    const status: Dict = {
      currentNumberScheduled: live.length,
      desiredNumberScheduled: eligible.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: live.filter((p) => podRevision(p) === updateRevision).length,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (eligible.length - ready > 0) status.numberUnavailable = eligible.length - ready;
    if (ready === 0) delete status.numberAvailable;
    if (!sameJson(status, ds.status)) ctl.update('daemonsets.apps', { ...ds, status });
  }
}

/** Binds Pending claims: to `spec.volumeName` if given, else to a provisioned `pvc-<uid>` PV. */
export function reconcileClaims(ctl: Ctl, claims: KubeObject[]): void {
  for (const c of claims) {
    if (c.status?.phase !== 'Pending' || c.metadata.deletionTimestamp) continue;
    const size = String(c.spec?.resources?.requests?.storage ?? '1Gi');
    const modes: unknown[] = Array.isArray(c.spec?.accessModes) ? c.spec.accessModes : ['ReadWriteOnce'];
    const storageClassName = typeof c.spec?.storageClassName === 'string' ? c.spec.storageClassName : 'standard';
    let pvName = typeof c.spec?.volumeName === 'string' && c.spec.volumeName ? c.spec.volumeName : `pvc-${c.metadata.uid}`;
    const claimRef = { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1' };
    const pv = ctl.ctx.store.get('persistentvolumes', undefined, pvName);
    if (pv) {
      if (pv.spec?.claimRef && pv.spec.claimRef.uid !== c.metadata.uid) continue;
      ctl.update('persistentvolumes', { ...pv, spec: { ...pv.spec, claimRef }, status: { phase: 'Bound' } });
    } else {
      if (c.spec?.volumeName) continue;
      const created = ctl.create('persistentvolumes', {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: pvName,
          annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' },
          finalizers: ['kubernetes.io/pv-protection'],
        },
        spec: {
          capacity: { storage: size },
          accessModes: modes,
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName,
          volumeMode: c.spec?.volumeMode ?? 'Filesystem',
          hostPath: { path: `/var/local-path-provisioner/${pvName}_${c.metadata.namespace}_${c.metadata.name}`, type: 'DirectoryOrCreate' },
          claimRef,
        },
      });
      ctl.update('persistentvolumes', { ...created, status: { phase: 'Bound' } });
      pvName = created.metadata.name;
    }
    ctl.update('persistentvolumeclaims', {
      ...c,
      metadata: {
        ...c.metadata,
        annotations: { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' },
      },
      spec: { ...c.spec, volumeName: pvName, storageClassName },
      status: { phase: 'Bound', accessModes: modes, capacity: { storage: size } },
    });
  }
}
