// Pod templates (and pod specs) -> Template, Container, Placement; plus the ConfigMaps, Secrets and
// claims a template references (read by lib/relations), which feed `usedBy` and re-resolution when
// those objects change.
import type { V1Container, V1PodSpec, V1Probe, V1Volume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { parseImage } from '@/lib/model/image';
import { cpuToMillis, memoryToBytes } from '@/lib/model/units';
import type { Container, HealthCheck, Placement, Template, TemplateVolume } from '@/lib/model/workload';
import type { ResourceAmounts } from '@/lib/model/base';
import { templateRefs, type TemplateRefs } from '@/lib/relations/kubernetes';
import { asArray, num } from './common';
import { placementOf } from './placement';
import { declaredEnvOf, resolveEnv, type RefResolver } from './env';

export { NO_REFS, type RefResolver } from './env';


function amounts(r: Record<string, string> | undefined): ResourceAmounts {
  const out: ResourceAmounts = {};
  const cpu = cpuToMillis(r?.cpu);
  const mem = memoryToBytes(r?.memory);
  if (cpu !== undefined) out.cpuMillis = cpu;
  if (mem !== undefined) out.memoryBytes = mem;
  return out;
}

/** A probe's port: a number, or the name of one of the container's ports resolved to its number. */
function probePort(port: unknown, c: V1Container): number | string | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string' || port === '') return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return asArray(c.ports).find((p) => p.name === port)?.containerPort ?? port;
}

function probe(role: HealthCheck['role'], p: V1Probe | undefined, c: V1Container): HealthCheck | undefined {
  if (!p) return undefined;
  // API-server defaults, applied so that an omitted field and its default compare equal.
  const timing = {
    intervalSeconds: num(p.periodSeconds) ?? 10,
    timeoutSeconds: num(p.timeoutSeconds) ?? 1,
    failureThreshold: num(p.failureThreshold) ?? 3,
    startPeriodSeconds: num(p.initialDelaySeconds) ?? 0,
  };
  if (p.httpGet) {
    return { role, type: 'http', scheme: p.httpGet.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP', path: p.httpGet.path || '/', port: probePort(p.httpGet.port, c), ...timing };
  }
  if (p.tcpSocket) return { role, type: 'tcp', port: probePort(p.tcpSocket.port, c), ...timing };
  if (p.grpc) return { role, type: 'grpc', port: p.grpc.port, ...timing };
  if (p.exec) return { role, type: 'exec', command: asArray(p.exec.command), ...timing };
  return undefined;
}

type Amount = keyof ResourceAmounts;

/** Requests the API server defaults from limits when a container declares only a limit. */
function resourcesOf(c: V1Container): Pick<Container, 'requests' | 'limits' | 'derived'> {
  const requests = amounts(c.resources?.requests as Record<string, string> | undefined);
  const limits = amounts(c.resources?.limits as Record<string, string> | undefined);
  const derived: NonNullable<Container['derived']> = [];
  for (const k of ['cpuMillis', 'memoryBytes'] as Amount[]) {
    if (requests[k] === undefined && limits[k] !== undefined) {
      requests[k] = limits[k];
      derived.push(`requests.${k}`);
    }
  }
  return { requests, limits, ...(derived.length ? { derived } : {}) };
}

export function normalizeContainer(c: V1Container, role: Container['role'], spec: V1PodSpec, namespace: string, resolver: RefResolver): Container {
  const sc = c.securityContext;
  const psc = spec.securityContext;
  const uid = sc?.runAsUser ?? psc?.runAsUser;
  const gid = sc?.runAsGroup ?? psc?.runAsGroup;
  return {
    name: c.name,
    role,
    image: parseImage(c.image ?? ''),
    command: asArray(c.command),
    args: asArray(c.args),
    ports: asArray(c.ports).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.containerPort,
      ...(p.hostPort ? { hostPort: p.hostPort } : {}),
      protocol: (p.protocol ?? 'TCP').toUpperCase(),
    })),
    ...resolveEnv(declaredEnvOf(c.env, c.envFrom), namespace, resolver),
    ...resourcesOf(c),
    health: [probe('liveness', c.livenessProbe, c), probe('readiness', c.readinessProbe, c), probe('startup', c.startupProbe, c)]
      .filter((h): h is HealthCheck => h !== undefined),
    mounts: asArray(c.volumeMounts).map((m) => ({
      volume: m.name, path: m.mountPath, readOnly: m.readOnly ?? false, ...(m.subPath ? { subPath: m.subPath } : {}),
    })),
    ...(uid !== undefined ? { user: gid !== undefined ? `${uid}:${gid}` : String(uid) } : {}),
    ...(sc?.privileged !== undefined ? { privileged: sc.privileged } : {}),
    ...(sc?.readOnlyRootFilesystem !== undefined ? { readOnlyRootFilesystem: sc.readOnlyRootFilesystem } : {}),
    essential: true,
  };
}

/** A pod spec's containers and their roles: init containers first (sidecars are init containers with restartPolicy Always). */
function withRoles(spec: V1PodSpec): [V1Container, Container['role']][] {
  return [
    ...asArray(spec.initContainers).map((c): [V1Container, Container['role']] => [c, c.restartPolicy === 'Always' ? 'sidecar' : 'init']),
    ...asArray(spec.containers).map((c): [V1Container, Container['role']] => [c, 'main']),
  ];
}

/** Containers of a pod spec, in withRoles' order. */
export function containersOf(spec: V1PodSpec, namespace: string, resolver: RefResolver): Container[] {
  return withRoles(spec).map(([c, role]) => normalizeContainer(c, role, spec, namespace, resolver));
}

/** Containers of a pod spec in the same order, with only what a pod (an Instance) keeps of them. */
export function podSpecContainers(spec: V1PodSpec): { name: string; image: string; role: Container['role']; requests: ResourceAmounts }[] {
  return withRoles(spec).map(([c, role]) => ({ name: c.name, image: c.image ?? '', role, requests: resourcesOf(c).requests }));
}

/**
 * Effective pod requests, as the scheduler computes them (KEP-753 sidecars included):
 * max(sum(main) + sum(sidecars), max over init containers i of (init_i + sidecars started before i)).
 */
export function effectiveRequests(containers: Pick<Container, 'role' | 'requests'>[]): ResourceAmounts {
  const out: ResourceAmounts = {};
  for (const key of ['cpuMillis', 'memoryBytes'] as const) {
    let sidecars = 0;
    let initPeak = 0;
    let main = 0;
    let any = false;
    for (const c of containers) {
      const v = c.requests[key];
      if (v !== undefined) any = true;
      const x = v ?? 0;
      if (c.role === 'init') initPeak = Math.max(initPeak, x + sidecars);
      else if (c.role === 'sidecar') sidecars += x;
      else main += x;
    }
    if (any) out[key] = Math.max(main + sidecars, initPeak);
  }
  return out;
}

const NETWORK_SOURCES = ['nfs', 'csi', 'iscsi', 'cephfs', 'rbd', 'glusterfs', 'azureFile', 'fc', 'flocker', 'quobyte',
  'portworxVolume', 'scaleIO', 'storageos', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'cinder',
  'vsphereVolume', 'photonPersistentDisk', 'flexVolume'] as const;

export function templateVolume(v: V1Volume): TemplateVolume {
  const name = v.name;
  if (v.emptyDir) {
    const detail: Record<string, string> = {};
    if (v.emptyDir.medium) detail.medium = v.emptyDir.medium;
    if (v.emptyDir.sizeLimit !== undefined) detail.sizeLimit = String(v.emptyDir.sizeLimit);
    return { name, persistence: 'ephemeral', source: 'emptyDir', detail };
  }
  if (v.hostPath) return { name, persistence: 'host', source: 'hostPath', target: v.hostPath.path, detail: v.hostPath.type ? { type: v.hostPath.type } : {} };
  if (v.persistentVolumeClaim) {
    return { name, persistence: 'persistent', source: 'persistentVolumeClaim', target: v.persistentVolumeClaim.claimName, detail: v.persistentVolumeClaim.readOnly ? { readOnly: 'true' } : {} };
  }
  if (v.configMap) return { name, persistence: 'projected', source: 'configMap', target: v.configMap.name, detail: v.configMap.optional ? { optional: 'true' } : {} };
  if (v.secret) return { name, persistence: 'projected', source: 'secret', target: v.secret.secretName, detail: v.secret.optional ? { optional: 'true' } : {} };
  if (v.projected) {
    const parts = asArray(v.projected.sources).map((s) => {
      if (s.configMap) return `configMap:${s.configMap.name ?? ''}`;
      if (s.secret) return `secret:${s.secret.name ?? ''}`;
      if (s.serviceAccountToken) return 'serviceAccountToken';
      if (s.downwardAPI) return 'downwardAPI';
      if (s.clusterTrustBundle) return 'clusterTrustBundle';
      return Object.keys(s)[0] ?? 'unknown';
    });
    return { name, persistence: 'projected', source: 'projected', detail: { sources: parts.join(',') } };
  }
  if (v.downwardAPI) return { name, persistence: 'projected', source: 'downwardAPI', detail: {} };
  if (v.ephemeral) {
    const spec = v.ephemeral.volumeClaimTemplate?.spec;
    const detail: Record<string, string> = {};
    if (spec?.storageClassName) detail.storageClass = spec.storageClassName;
    const req = spec?.resources?.requests?.storage;
    if (req !== undefined) detail.request = String(req);
    return { name, persistence: 'ephemeral', source: 'ephemeral', detail };
  }
  if (v.nfs) return { name, persistence: 'persistent', source: 'nfs', target: `${v.nfs.server}:${v.nfs.path}`, detail: v.nfs.readOnly ? { readOnly: 'true' } : {} };
  if (v.csi) return { name, persistence: 'ephemeral', source: 'csi', target: v.csi.driver, detail: { driver: v.csi.driver } };
  for (const key of NETWORK_SOURCES) {
    if ((v as unknown as Record<string, unknown>)[key]) return { name, persistence: 'persistent', source: key, detail: {} };
  }
  const other = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  return { name, persistence: 'ephemeral', source: other, detail: {} };
}

function claimTemplateVolume(pvc: V1PersistentVolumeClaim): TemplateVolume {
  const detail: Record<string, string> = {};
  if (pvc.spec?.storageClassName) detail.storageClass = pvc.spec.storageClassName;
  const req = pvc.spec?.resources?.requests?.storage;
  if (req !== undefined) detail.request = String(req);
  if (pvc.spec?.accessModes?.length) detail.accessModes = pvc.spec.accessModes.join(',');
  return { name: pvc.metadata?.name ?? '', persistence: 'persistent', source: 'volumeClaimTemplate', target: pvc.metadata?.name, detail };
}

export function templateOf(
  spec: V1PodSpec | undefined,
  namespace: string,
  resolver: RefResolver,
  extra: { ref?: string; claimTemplates?: V1PersistentVolumeClaim[]; podLabels?: Record<string, string> } = {},
): { template: Template; placement: Placement; refs: TemplateRefs } {
  const s: V1PodSpec = spec ?? { containers: [] };
  const containers = containersOf(s, namespace, resolver);
  // Pod-level resources (KEP-2837), when declared, are what the scheduler reserves.
  const pod = s.resources ? resourcesOf({ name: '', resources: s.resources }) : undefined;
  const reserved = pod && Object.keys(pod.requests).length ? pod.requests : effectiveRequests(containers);
  let ephemeral = 0;
  for (const c of asArray(s.containers)) ephemeral += memoryToBytes(c.resources?.requests?.['ephemeral-storage'] as string | undefined) ?? 0;
  const template: Template = {
    ...(extra.ref ? { ref: extra.ref } : {}),
    containers,
    volumes: [...asArray(s.volumes).map(templateVolume), ...asArray(extra.claimTemplates).map(claimTemplateVolume)],
    ...(pod ? { instanceResources: { requests: pod.requests, limits: pod.limits } } : {}),
    reserved,
    ...(ephemeral > 0 ? { ephemeralStorageBytes: ephemeral } : {}),
    ...(s.hostNetwork ? { networkMode: 'host' } : {}),
    ...((s.serviceAccountName ?? s.serviceAccount) ? { identity: s.serviceAccountName ?? s.serviceAccount } : {}),
  };
  return { template, placement: placementOf(s, extra.podLabels), refs: templateRefs(s) };
}

/**
 * Re-resolves config values, secret hashes, envFrom keys and the effective environment of a
 * normalized template (after a ConfigMap or Secret changed). Returns the same object when nothing changed.
 */
export function reresolveTemplate(t: Template, namespace: string, resolver: RefResolver): Template {
  let changed = false;
  const containers = t.containers.map((c) => {
    const next = resolveEnv(c, namespace, resolver);
    if (JSON.stringify(next) === JSON.stringify({ env: c.env, envFrom: c.envFrom, effectiveEnv: c.effectiveEnv })) return c;
    changed = true;
    return { ...c, ...next };
  });
  return changed ? { ...t, containers } : t;
}
