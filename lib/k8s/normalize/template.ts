// Pod templates (and pod specs) -> Template, Container, Placement; plus the ConfigMaps, Secrets and
// claims a template references, which feed `usedBy` and re-resolution when those objects change.
import type { V1Container, V1EnvVar, V1PodSpec, V1Probe, V1Volume, V1PersistentVolumeClaim, V1Affinity } from '@kubernetes/client-node';
import { parseImage } from '@/lib/model/image';
import { cpuToMillis, memoryToBytes } from '@/lib/model/units';
import type { Container, EnvSource, EnvVar, HealthCheck, Placement, Template, TemplateVolume } from '@/lib/model/workload';
import type { ResourceAmounts } from '@/lib/model/base';
import { asArray, num } from './common';

/** Looks up values of objects in the same source; both answer undefined when unknown. */
export interface RefResolver {
  configValue(namespace: string, name: string, key: string): string | undefined;
  secretHash(namespace: string, name: string, key: string): string | undefined;
}

export const NO_REFS: RefResolver = { configValue: () => undefined, secretHash: () => undefined };

/** Names of the objects a template references, in its namespace. */
export interface TemplateRefs {
  configs: string[];
  secrets: string[];
  claims: string[];
}

function amounts(r: Record<string, string> | undefined): ResourceAmounts {
  const out: ResourceAmounts = {};
  const cpu = cpuToMillis(r?.cpu);
  const mem = memoryToBytes(r?.memory);
  if (cpu !== undefined) out.cpuMillis = cpu;
  if (mem !== undefined) out.memoryBytes = mem;
  return out;
}

function env(e: V1EnvVar, namespace: string, resolver: RefResolver): EnvVar {
  const vf = e.valueFrom;
  if (!vf) return { name: e.name, from: 'value', value: e.value ?? '' };
  if (vf.configMapKeyRef) {
    const { name, key } = vf.configMapKeyRef;
    const value = name ? resolver.configValue(namespace, name, key) : undefined;
    return { name: e.name, from: 'config', ref: { name, key }, ...(value !== undefined ? { value } : {}) };
  }
  if (vf.secretKeyRef) {
    const { name, key } = vf.secretKeyRef;
    const hash = name ? resolver.secretHash(namespace, name, key) : undefined;
    return { name: e.name, from: 'secret', ref: { name, key }, ...(hash ? { hash } : {}) };
  }
  if (vf.fieldRef) return { name: e.name, from: 'field', value: vf.fieldRef.fieldPath };
  if (vf.resourceFieldRef) {
    const r = vf.resourceFieldRef;
    const div = r.divisor !== undefined && r.divisor !== null ? ` / ${String(r.divisor)}` : '';
    return { name: e.name, from: 'resource', value: `${r.containerName ? `${r.containerName}.` : ''}${r.resource}${div}` };
  }
  return { name: e.name, from: 'unresolved' };
}

function probe(role: HealthCheck['role'], p: V1Probe | undefined): HealthCheck | undefined {
  if (!p) return undefined;
  // API-server defaults, applied so that an omitted field and its default compare equal.
  const timing = {
    intervalSeconds: num(p.periodSeconds) ?? 10,
    timeoutSeconds: num(p.timeoutSeconds) ?? 1,
    failureThreshold: num(p.failureThreshold) ?? 3,
    startPeriodSeconds: num(p.initialDelaySeconds) ?? 0,
  };
  if (p.httpGet) return { role, type: 'http', path: p.httpGet.path ?? '/', port: p.httpGet.port as number | string, ...timing };
  if (p.tcpSocket) return { role, type: 'tcp', port: p.tcpSocket.port as number | string, ...timing };
  if (p.grpc) return { role, type: 'grpc', port: p.grpc.port, ...timing };
  if (p.exec) return { role, type: 'exec', command: asArray(p.exec.command), ...timing };
  return undefined;
}

export function normalizeContainer(c: V1Container, role: Container['role'], spec: V1PodSpec, namespace: string, resolver: RefResolver): Container {
  const sc = c.securityContext;
  const psc = spec.securityContext;
  const uid = sc?.runAsUser ?? psc?.runAsUser;
  const gid = sc?.runAsGroup ?? psc?.runAsGroup;
  const envFrom: EnvSource[] = asArray(c.envFrom).flatMap((s): EnvSource[] => {
    const ref = s.configMapRef ?? s.secretRef;
    if (!ref?.name) return [];
    return [{
      from: s.configMapRef ? 'config' : 'secret',
      name: ref.name,
      ...(s.prefix ? { prefix: s.prefix } : {}),
      ...(ref.optional !== undefined ? { optional: ref.optional } : {}),
    }];
  });
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
      protocol: p.protocol ?? 'TCP',
    })),
    env: asArray(c.env).map((e) => env(e, namespace, resolver)),
    envFrom,
    requests: amounts(c.resources?.requests as Record<string, string> | undefined),
    limits: amounts(c.resources?.limits as Record<string, string> | undefined),
    health: [probe('liveness', c.livenessProbe), probe('readiness', c.readinessProbe), probe('startup', c.startupProbe)]
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

/** Containers of a pod spec: init containers first (sidecars are init containers with restartPolicy Always). */
export function containersOf(spec: V1PodSpec, namespace: string, resolver: RefResolver): Container[] {
  const init = asArray(spec.initContainers).map((c) =>
    normalizeContainer(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', spec, namespace, resolver));
  const main = asArray(spec.containers).map((c) => normalizeContainer(c, 'main', spec, namespace, resolver));
  return [...init, ...main];
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
    return { name, type: 'ephemeral', source: 'emptyDir', detail };
  }
  if (v.hostPath) return { name, type: 'host', source: 'hostPath', target: v.hostPath.path, detail: v.hostPath.type ? { type: v.hostPath.type } : {} };
  if (v.persistentVolumeClaim) {
    return { name, type: 'persistent', source: 'persistentVolumeClaim', target: v.persistentVolumeClaim.claimName, detail: v.persistentVolumeClaim.readOnly ? { readOnly: 'true' } : {} };
  }
  if (v.configMap) return { name, type: 'config', source: 'configMap', target: v.configMap.name, detail: v.configMap.optional ? { optional: 'true' } : {} };
  if (v.secret) return { name, type: 'secret', source: 'secret', target: v.secret.secretName, detail: v.secret.optional ? { optional: 'true' } : {} };
  if (v.projected) {
    const parts = asArray(v.projected.sources).map((s) => {
      if (s.configMap) return `configMap:${s.configMap.name ?? ''}`;
      if (s.secret) return `secret:${s.secret.name ?? ''}`;
      if (s.serviceAccountToken) return 'serviceAccountToken';
      if (s.downwardAPI) return 'downwardAPI';
      if (s.clusterTrustBundle) return 'clusterTrustBundle';
      return Object.keys(s)[0] ?? 'unknown';
    });
    return { name, type: 'projected', source: 'projected', detail: { sources: parts.join(',') } };
  }
  if (v.downwardAPI) return { name, type: 'projected', source: 'downwardAPI', detail: {} };
  if (v.ephemeral) {
    const spec = v.ephemeral.volumeClaimTemplate?.spec;
    const detail: Record<string, string> = {};
    if (spec?.storageClassName) detail.storageClass = spec.storageClassName;
    const req = spec?.resources?.requests?.storage;
    if (req !== undefined) detail.request = String(req);
    return { name, type: 'ephemeral', source: 'ephemeral', detail };
  }
  if (v.nfs) return { name, type: 'network', source: 'nfs', target: `${v.nfs.server}:${v.nfs.path}`, detail: v.nfs.readOnly ? { readOnly: 'true' } : {} };
  if (v.csi) return { name, type: 'network', source: 'csi', target: v.csi.driver, detail: { driver: v.csi.driver } };
  for (const key of NETWORK_SOURCES) {
    if ((v as unknown as Record<string, unknown>)[key]) return { name, type: 'network', source: key, detail: {} };
  }
  const other = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  return { name, type: 'ephemeral', source: other, detail: {} };
}

function claimTemplateVolume(pvc: V1PersistentVolumeClaim): TemplateVolume {
  const detail: Record<string, string> = {};
  if (pvc.spec?.storageClassName) detail.storageClass = pvc.spec.storageClassName;
  const req = pvc.spec?.resources?.requests?.storage;
  if (req !== undefined) detail.request = String(req);
  if (pvc.spec?.accessModes?.length) detail.accessModes = pvc.spec.accessModes.join(',');
  return { name: pvc.metadata?.name ?? '', type: 'persistent', source: 'volumeClaimTemplate', target: pvc.metadata?.name, detail };
}

function affinitySummaries(a: V1Affinity | undefined): string[] {
  if (!a) return [];
  const out: string[] = [];
  const exprs = (t: { matchExpressions?: { key: string; operator: string; values?: string[] }[]; matchLabels?: Record<string, string> } | undefined) => [
    ...Object.entries(t?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...asArray(t?.matchExpressions).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` [${e.values.join(',')}]` : ''}`),
  ].join(', ');
  for (const term of asArray(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms)) {
    out.push(`node required: ${exprs(term)}`);
  }
  for (const p of asArray(a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)) {
    out.push(`node preferred(${p.weight}): ${exprs(p.preference)}`);
  }
  for (const [label, pa] of [['pod', a.podAffinity], ['pod anti', a.podAntiAffinity]] as const) {
    for (const t of asArray(pa?.requiredDuringSchedulingIgnoredDuringExecution)) {
      out.push(`${label}-affinity required: ${exprs(t.labelSelector)} by ${t.topologyKey}`);
    }
    for (const w of asArray(pa?.preferredDuringSchedulingIgnoredDuringExecution)) {
      out.push(`${label}-affinity preferred(${w.weight}): ${exprs(w.podAffinityTerm?.labelSelector)} by ${w.podAffinityTerm?.topologyKey}`);
    }
  }
  return out;
}

export function placementOf(spec: V1PodSpec): Placement {
  return {
    nodeSelector: { ...(spec.nodeSelector ?? {}) },
    affinity: affinitySummaries(spec.affinity),
    tolerations: asArray(spec.tolerations).map((t) => ({
      ...(t.key ? { key: t.key } : {}),
      ...(t.operator ? { operator: t.operator } : {}),
      ...(t.value ? { value: t.value } : {}),
      ...(t.effect ? { effect: t.effect } : {}),
    })),
    topologySpread: asArray(spec.topologySpreadConstraints).map((t) => ({
      topologyKey: t.topologyKey, maxSkew: t.maxSkew, whenUnsatisfiable: t.whenUnsatisfiable,
    })),
    strategies: [],
    constraints: [],
  };
}

export function refsOf(spec: V1PodSpec): TemplateRefs {
  const configs = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  for (const c of [...asArray(spec.initContainers), ...asArray(spec.containers)]) {
    for (const e of asArray(c.env)) {
      if (e.valueFrom?.configMapKeyRef?.name) configs.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) secrets.add(e.valueFrom.secretKeyRef.name);
    }
    for (const s of asArray(c.envFrom)) {
      if (s.configMapRef?.name) configs.add(s.configMapRef.name);
      if (s.secretRef?.name) secrets.add(s.secretRef.name);
    }
  }
  for (const v of asArray(spec.volumes)) {
    if (v.configMap?.name) configs.add(v.configMap.name);
    if (v.secret?.secretName) secrets.add(v.secret.secretName);
    if (v.persistentVolumeClaim?.claimName) claims.add(v.persistentVolumeClaim.claimName);
    for (const s of asArray(v.projected?.sources)) {
      if (s.configMap?.name) configs.add(s.configMap.name);
      if (s.secret?.name) secrets.add(s.secret.name);
    }
  }
  for (const s of asArray(spec.imagePullSecrets)) if (s.name) secrets.add(s.name);
  return { configs: [...configs], secrets: [...secrets], claims: [...claims] };
}

export function templateOf(
  spec: V1PodSpec | undefined,
  namespace: string,
  resolver: RefResolver,
  extra: { ref?: string; claimTemplates?: V1PersistentVolumeClaim[] } = {},
): { template: Template; placement: Placement; refs: TemplateRefs } {
  const s: V1PodSpec = spec ?? { containers: [] };
  const containers = containersOf(s, namespace, resolver);
  const req = effectiveRequests(containers);
  let ephemeral = 0;
  for (const c of asArray(s.containers)) ephemeral += memoryToBytes(c.resources?.requests?.['ephemeral-storage'] as string | undefined) ?? 0;
  const template: Template = {
    ...(extra.ref ? { ref: extra.ref } : {}),
    containers,
    volumes: [...asArray(s.volumes).map(templateVolume), ...asArray(extra.claimTemplates).map(claimTemplateVolume)],
    ...(req.cpuMillis !== undefined ? { cpuMillis: req.cpuMillis } : {}),
    ...(req.memoryBytes !== undefined ? { memoryBytes: req.memoryBytes } : {}),
    ...(ephemeral > 0 ? { ephemeralStorageBytes: ephemeral } : {}),
    ...(s.hostNetwork ? { networkMode: 'host' } : {}),
    ...((s.serviceAccountName ?? s.serviceAccount) ? { identity: s.serviceAccountName ?? s.serviceAccount } : {}),
  };
  return { template, placement: placementOf(s), refs: refsOf(s) };
}

/**
 * Re-resolves configMapKeyRef values and secretKeyRef hashes of a normalized template (after a
 * ConfigMap or Secret changed). Returns the same object when nothing changed.
 */
export function reresolveTemplate(t: Template, namespace: string, resolver: RefResolver): Template {
  let changed = false;
  const containers = t.containers.map((c) => {
    let cChanged = false;
    const envs = c.env.map((e) => {
      if (!e.ref?.name || e.ref.key === undefined) return e;
      if (e.from === 'config') {
        const value = resolver.configValue(namespace, e.ref.name, e.ref.key);
        if (value === e.value) return e;
        cChanged = true;
        const { value: _old, ...rest } = e;
        return value === undefined ? rest : { ...rest, value };
      }
      if (e.from === 'secret') {
        const hash = resolver.secretHash(namespace, e.ref.name, e.ref.key);
        if (hash === e.hash) return e;
        cChanged = true;
        const { hash: _old, ...rest } = e;
        return hash === undefined ? rest : { ...rest, hash };
      }
      return e;
    });
    if (!cChanged) return c;
    changed = true;
    return { ...c, env: envs };
  });
  return changed ? { ...t, containers } : t;
}
