// A deliberately simple, independent reading of a scenario's intent on both platforms, for the
// scenario's own consistency test: it is not the product's drift engine (lib/drift), only a
// second opinion on what `scenarios/<name>/DRIFT.md` claims. Units are canonicalized (CPU in
// millicores, memory in MiB) and platform defaults applied, so equal intent compares equal.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { loadManifests } from './kubernetes';
import { loadEcsScenario } from './ecs-scenario';

export const NAME_LABEL = 'app.kubernetes.io/name';

export interface DiffRow {
  workload: string;
  container: string;
  field: string;
  kubernetes: string;
  ecs: string;
}

/** Field name -> canonical value, per workload ('-' container) and per container. */
export type Intent = Map<string, Map<string, Record<string, string>>>;

/** Manifests and API inputs are read loosely: the scenario's own tests pin their shapes. */
type Obj = Record<string, any>;

const MIB = 2 ** 20;
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: MIB, Gi: 2 ** 30, Ti: 2 ** 40 };
const DEC: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function quantity(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = /^([\d.]+)(Ki|Mi|Gi|Ti|m|k|M|G|T)?$/.exec(String(q));
  if (!m) throw new Error(`unparseable quantity ${String(q)}`);
  return Number(m[1]) * (BIN[m[2] ?? ''] ?? DEC[m[2] ?? '']);
}
const millis = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v * 1000)}m`);
const mib = (bytes: number | undefined) => (bytes === undefined ? '-' : `${bytes / MIB} MiB`);
const ecsCpu = (units: unknown) => (units === undefined ? '-' : `${Math.round((Number(units) * 1000) / 1024)}m`);
const ecsMem = (m: unknown) => (m === undefined ? '-' : `${Number(m)} MiB`);
const list = (v: unknown) => (Array.isArray(v) && v.length ? JSON.stringify(v) : '-');

function health(kind: string, every = 30, timeout = 5, retries = 3, start = 0): string {
  return `${kind} every ${every}s timeout ${timeout}s x${retries} start ${start}s`;
}

function add(intent: Intent, workload: string, container: string, fields: Record<string, string>) {
  const w = intent.get(workload) ?? new Map<string, Record<string, string>>();
  w.set(container, { ...w.get(container), ...fields });
  intent.set(workload, w);
}

export function kubernetesIntent(objects: KubernetesObject[]): Intent {
  const intent: Intent = new Map();
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind) as Obj[];
  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name as string, (c.data ?? {}) as Record<string, string>]));
  const secrets = new Map(byKind('Secret').map((s) => [s.metadata.name as string, Object.keys({ ...s.data, ...s.stringData })]));
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind ?? '')) as Obj[];
  for (const w of workloads) {
    const name = w.metadata.labels?.[NAME_LABEL] ?? w.metadata.name;
    const pod = w.spec.template.spec;
    const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === w.metadata.name && h.spec.scaleTargetRef.kind === w.kind);
    const cpuTarget = hpa?.spec.metrics?.find((m: Obj) => m.resource?.name === 'cpu')?.resource.target.averageUtilization;
    const placement: string[] = [];
    for (const t of pod.topologySpreadConstraints ?? []) placement.push(t.topologyKey === 'topology.kubernetes.io/zone' ? 'spread zone' : `spread ${t.topologyKey}`);
    for (const t of pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      placement.push(t.topologyKey === 'kubernetes.io/hostname' ? 'distinct host' : `distinct ${t.topologyKey}`);
    }
    add(intent, name, '-', {
      replicas: String(w.kind === 'DaemonSet' ? 'daemon' : (w.spec.replicas ?? 1)),
      autoscaling: hpa ? `${hpa.spec.minReplicas ?? 1}..${hpa.spec.maxReplicas} cpu ${cpuTarget ?? '-'}%` : '-',
      placement: placement.sort().join(', ') || '-',
    });
    const volumeKind = (vol: string): string => {
      if ((w.spec.volumeClaimTemplates ?? []).some((t: Obj) => t.metadata.name === vol)) return `${vol} persistent`;
      const v = (pod.volumes ?? []).find((x: Obj) => x.name === vol) ?? {};
      if (v.persistentVolumeClaim) return `${vol} persistent`;
      if (v.hostPath) return `${vol} host`;
      if (v.configMap || v.secret || v.projected) return `${vol} projected`;
      return `${vol} ephemeral`;
    };
    const containers = [...(pod.initContainers ?? []).map((c: Obj) => ({ c, init: true })), ...pod.containers.map((c: Obj) => ({ c, init: false }))];
    for (const { c, init } of containers) {
      const f: Record<string, string> = {
        role: init ? 'init' : 'main',
        image: c.image,
        entryPoint: list(c.command),
        command: list(c.args),
        ports: (c.ports ?? []).map((p: Obj) => p.containerPort).sort().join(',') || '-',
        cpu: millis(quantity(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu)),
        'memory limit': mib(quantity(c.resources?.limits?.memory)),
        'memory request': mib(quantity(c.resources?.requests?.memory ?? c.resources?.limits?.memory)),
      };
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) for (const [k, v] of Object.entries(configMaps.get(from.configMapRef.name) ?? {})) f[`env ${(from.prefix ?? '') + k}`] = v;
        if (from.secretRef) for (const k of secrets.get(from.secretRef.name) ?? []) f[`secret ${(from.prefix ?? '') + k}`] = 'present';
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) f[`secret ${e.name}`] = 'present';
        else if (e.valueFrom?.configMapKeyRef) f[`env ${e.name}`] = configMaps.get(e.valueFrom.configMapKeyRef.name)?.[e.valueFrom.configMapKeyRef.key] ?? '(missing)';
        else f[`env ${e.name}`] = e.value ?? '';
      }
      const probe = c.livenessProbe ?? c.readinessProbe;
      if (probe) {
        const kind = probe.httpGet ? `http :${probe.httpGet.port}${probe.httpGet.path ?? '/'}` : `exec ${(probe.exec?.command ?? []).join(' ')}`;
        f.health = health(kind, probe.periodSeconds ?? 10, probe.timeoutSeconds ?? 1, probe.failureThreshold ?? 3, probe.initialDelaySeconds ?? 0);
      } else f.health = '-';
      for (const m of c.volumeMounts ?? []) f[`mount ${m.mountPath}`] = volumeKind(m.name);
      add(intent, name, c.name, f);
    }
  }
  return intent;
}

export async function ecsIntent(dir: string): Promise<Intent> {
  const s = await loadEcsScenario(dir);
  const intent: Intent = new Map();
  for (const svc of s.services as Obj[]) {
    const name = svc.tags?.find((t: Obj) => t.key === NAME_LABEL)?.value ?? svc.serviceName;
    const td = (s.taskDefinitions as Obj[]).find((t) => t.family === svc.taskDefinition);
    if (!td) throw new Error(`service ${svc.serviceName}: no task definition family ${svc.taskDefinition}`);
    const resourceId = `service/${svc.cluster}/${svc.serviceName}`;
    const target = (s.scalableTargets as Obj[]).find((t) => t.ResourceId === resourceId);
    const policy = (s.scalingPolicies as Obj[]).find(
      (p) => p.ResourceId === resourceId && p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType === 'ECSServiceAverageCPUUtilization',
    );
    const placement: string[] = [];
    for (const p of svc.placementStrategy ?? []) {
      if (p.type === 'spread') placement.push(p.field === 'attribute:ecs.availability-zone' ? 'spread zone' : p.field === 'instanceId' ? 'spread host' : `spread ${p.field}`);
    }
    for (const p of svc.placementConstraints ?? []) placement.push(p.type === 'distinctInstance' ? 'distinct host' : `on ${p.expression}`);
    add(intent, name, '-', {
      replicas: svc.schedulingStrategy === 'DAEMON' ? 'daemon' : String(svc.desiredCount ?? 0),
      autoscaling: target ? `${target.MinCapacity}..${target.MaxCapacity} cpu ${policy?.TargetTrackingScalingPolicyConfiguration.TargetValue ?? '-'}%` : '-',
      placement: placement.sort().join(', ') || '-',
    });
    const volumeKind = (vol: string): string => {
      const v = (td.volumes ?? []).find((x: Obj) => x.name === vol) ?? {};
      if (v.efsVolumeConfiguration || v.fsxWindowsFileServerVolumeConfiguration) return `${vol} persistent`;
      if (v.dockerVolumeConfiguration) return `${vol} ${v.dockerVolumeConfiguration.scope === 'shared' ? 'persistent' : 'ephemeral'}`;
      if (v.host?.sourcePath) return `${vol} host`;
      return `${vol} ephemeral`;
    };
    const single = td.containerDefinitions.length === 1;
    for (const c of td.containerDefinitions as Obj[]) {
      const init = c.essential === false && (td.containerDefinitions as Obj[]).some((o) => (o.dependsOn ?? []).some((d: Obj) => d.containerName === c.name && d.condition === 'SUCCESS'));
      const memory = c.memory ?? (single ? td.memory : undefined);
      const f: Record<string, string> = {
        role: init ? 'init' : c.essential === false ? 'sidecar' : 'main',
        image: c.image,
        entryPoint: list(c.entryPoint),
        command: list(c.command),
        ports: (c.portMappings ?? []).map((p: Obj) => p.containerPort).sort().join(',') || '-',
        cpu: ecsCpu(c.cpu ?? (single ? td.cpu : undefined)),
        'memory limit': ecsMem(memory),
        'memory request': ecsMem(c.memoryReservation ?? memory),
      };
      for (const e of c.environment ?? []) f[`env ${e.name}`] = e.value;
      for (const e of c.secrets ?? []) f[`secret ${e.name}`] = 'present';
      const hc = c.healthCheck;
      if (hc) {
        const [type, ...rest] = hc.command as string[];
        const curl = type === 'CMD-SHELL' ? /^curl -f http:\/\/localhost:(\d+)(\/\S*) \|\| exit 1$/.exec(rest.join(' ')) : null;
        const kind = curl ? `http :${curl[1]}${curl[2]}` : `exec ${rest.join(' ')}`;
        f.health = health(kind, hc.interval, hc.timeout, hc.retries, hc.startPeriod);
      } else f.health = '-';
      for (const m of c.mountPoints ?? []) f[`mount ${m.containerPath}`] = volumeKind(m.sourceVolume);
      add(intent, name, c.name, f);
    }
  }
  return intent;
}

/** Every field whose canonical value differs between the two sides, '-' where one side lacks it. */
export function diffIntent(k8s: Intent, ecs: Intent): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const workload of new Set([...k8s.keys(), ...ecs.keys()])) {
    const a = k8s.get(workload);
    const b = ecs.get(workload);
    if (!a || !b) {
      rows.push({ workload, container: '-', field: 'workload', kubernetes: a ? 'present' : '-', ecs: b ? 'present' : '-' });
      continue;
    }
    for (const container of new Set([...a.keys(), ...b.keys()])) {
      const fa = a.get(container);
      const fb = b.get(container);
      if (!fa || !fb) {
        rows.push({ workload, container, field: 'container', kubernetes: fa ? 'present' : '-', ecs: fb ? 'present' : '-' });
        continue;
      }
      for (const field of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
        const va = fa[field] ?? '-';
        const vb = fb[field] ?? '-';
        if (va !== vb) rows.push({ workload, container, field, kubernetes: va, ecs: vb });
      }
    }
  }
  return rows;
}

export async function scenarioDiff(scenarioDir: string): Promise<DiffRow[]> {
  const objects = await loadManifests(path.join(scenarioDir, 'kubernetes'));
  return diffIntent(kubernetesIntent(objects), await ecsIntent(path.join(scenarioDir, 'ecs')));
}

/** The rows of the first table in DRIFT.md whose header starts with `| Workload |`. */
export async function documentedDrift(scenarioDir: string): Promise<DiffRow[]> {
  const md = await readFile(path.join(scenarioDir, 'DRIFT.md'), 'utf8');
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^\|\s*Workload\s*\|/.test(l));
  if (start < 0) throw new Error('DRIFT.md has no "| Workload |" table');
  const rows: DiffRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [workload, container, field, kubernetes, ecs] = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.push({ workload, container, field, kubernetes, ecs });
  }
  return rows;
}
