// Container by container: main containers pair by name (a workload's only remaining main container
// on each side pairs with the other's whatever its name), init containers and sidecars compare as
// such. Intent only: image, command and args, ports, environment, resources, health, mounts,
// security settings.
import { shellScript, type Container, type HealthCheck, type Platform, type TemplateVolume, type Workload } from '@/lib/model';
import type { Collector, CompareContext, ContainerNames, SideContext } from './collect';
import { compareEnv } from './env';
import { ABSENT, cpuText, healthText, imageText, listText, memoryText, portsText } from './values';

/** Pairs containers; those left over are only on one side. */
function pairContainers(left: Container[], right: Container[]): { pairs: [Container, Container][]; onlyLeft: Container[]; onlyRight: Container[] } {
  const pairs: [Container, Container][] = [];
  const rightByName = new Map(right.map((c) => [c.name, c]));
  const used = new Set<Container>();
  for (const l of left) {
    const r = rightByName.get(l.name);
    if (r) {
      pairs.push([l, r]);
      used.add(l).add(r);
    }
  }
  const restL = left.filter((c) => !used.has(c));
  const restR = right.filter((c) => !used.has(c));
  const mainL = restL.filter((c) => c.role === 'main');
  const mainR = restR.filter((c) => c.role === 'main');
  if (mainL.length === 1 && mainR.length === 1) {
    pairs.push([mainL[0], mainR[0]]);
    used.add(mainL[0]).add(mainR[0]);
  }
  return { pairs, onlyLeft: left.filter((c) => !used.has(c)), onlyRight: right.filter((c) => !used.has(c)) };
}

function compareImage(col: Collector, container: string, names: ContainerNames, l: Container, r: Container): void {
  const [a, b] = [l.image, r.image];
  const change = { kind: 'image' as const, containers: names, left: a.raw, right: b.raw };
  // A digest identifies the image whatever the tag says; a digest on one side only cannot be matched
  // against a tag (the registry would have to be asked), so then repository and tag decide.
  const equal = a.digest && b.digest ? a.digest === b.digest
    : a.digest || b.digest ? a.registry === b.registry && a.repository === b.repository && !!a.tag && a.tag === b.tag
      : a.canonical === b.canonical;
  col.compare(equal, container, 'image', imageText(a), imageText(b), () => ({ category: 'image', message: `image differs: ${imageText(a)} vs ${imageText(b)}`, change }));
}

/** The health check that guards each side's container: ECS has one; a Kubernetes pod's liveness probe is its counterpart, else readiness, else startup. */
function primaryCheck(c: Container): HealthCheck | undefined {
  for (const role of ['container', 'liveness', 'readiness', 'startup'] as const) {
    const h = c.health.find((x) => x.role === role);
    if (h) return h;
  }
  return undefined;
}

/** exec commands compare as shell scripts when either side runs one through `sh -c`. */
const execText = (h: HealthCheck) => shellScript(h.command ?? []) ?? (h.command ?? []).join(' ');

function compareHealthPair(col: Collector, container: string, names: ContainerNames, a: HealthCheck, b: HealthCheck, label: string): void {
  const change = { kind: 'template' as const, containers: names, what: 'the health check' };
  const comparable = a.type === b.type;
  if (!comparable) {
    col.diff({ container, field: label, category: 'health', severity: 'info', leftValue: healthText(a), rightValue: healthText(b), message: `health checks not comparable: ${a.type} vs ${b.type}`, change });
    return;
  }
  const fields: [string, unknown, unknown][] = [];
  if (a.type === 'http') fields.push(['path', a.path ?? '/', b.path ?? '/'], ['port', a.port, b.port], ['scheme', a.scheme ?? 'HTTP', b.scheme ?? 'HTTP']);
  if (a.type === 'tcp' || a.type === 'grpc') fields.push(['port', a.port, b.port]);
  if (a.type === 'exec') fields.push(['command', execText(a), execText(b)]);
  fields.push(
    ['interval', a.intervalSeconds, b.intervalSeconds], ['timeout', a.timeoutSeconds, b.timeoutSeconds],
    ['failureThreshold', a.failureThreshold, b.failureThreshold], ['startPeriod', a.startPeriodSeconds, b.startPeriodSeconds],
  );
  const unit = (k: string, v: unknown) => (v === undefined ? ABSENT : ['interval', 'timeout', 'startPeriod'].includes(k) ? `${String(v)} s` : String(v));
  for (const [k, va, vb] of fields) {
    col.compare(va === vb, container, `${label}.${k}`, unit(k, va), unit(k, vb), () => ({ category: 'health', message: `health check ${k} differs`, change }));
  }
}

function compareHealth(col: Collector, ctx: CompareContext, container: string, names: ContainerNames, l: Container, r: Container): void {
  // Between two Kubernetes (or two ECS) workloads every probe has its counterpart of the same role.
  const roles = ctx.crossPlatform ? ['primary'] : [...new Set([...l.health, ...r.health].map((h) => h.role))];
  for (const role of roles) {
    const a = role === 'primary' ? primaryCheck(l) : l.health.find((h) => h.role === role);
    const b = role === 'primary' ? primaryCheck(r) : r.health.find((h) => h.role === role);
    const label = role === 'primary' ? 'health' : `health.${role}`;
    if (!a && !b) continue;
    if (!a || !b) {
      col.diff({ container, field: label, category: 'health', leftValue: healthText(a), rightValue: healthText(b), message: `health check only on ${ctx[a ? 'left' : 'right'].label}`, change: { kind: 'template', containers: names, what: 'the health check' } });
      continue;
    }
    compareHealthPair(col, container, names, a, b, label);
  }
}

type Amount = 'cpuMillis' | 'memoryBytes';
const textOf = (platform: Platform, k: Amount, v: number | undefined, derived: boolean) => (k === 'cpuMillis' ? cpuText(platform, v, derived) : memoryText(platform, v, derived));

/** True when the side declares nothing for this resource on any container: only the task/pod size speaks for it. */
export function onlyInstanceLevel(w: Workload, k: Amount): boolean {
  return !!w.template.instanceResources && w.template.containers.every((c) => !['requests', 'limits'].some((which) => {
    const field = `${which}.${k}` as NonNullable<Container['derived']>[number];
    return c[which as 'requests' | 'limits'][k] !== undefined && !c.derived?.includes(field);
  }));
}

function compareResources(col: Collector, ctx: CompareContext, container: string, names: ContainerNames, l: Container, r: Container): void {
  for (const k of ['cpuMillis', 'memoryBytes'] as Amount[]) {
    const resource = k === 'cpuMillis' ? 'cpu' : 'memory';
    // Compared at the task/pod level instead (workload.ts) when a side only has a size there.
    if (onlyInstanceLevel(ctx.left.w, k) || onlyInstanceLevel(ctx.right.w, k)) continue;
    for (const which of ['requests', 'limits'] as const) {
      const a = l[which][k];
      const b = r[which][k];
      if (a === undefined && b === undefined) continue;
      const field = `resources.${resource}.${which === 'requests' ? 'request' : 'limit'}`;
      // ECS containers have no CPU limit (only shares); the task size is the limit where there is one.
      const noCpuLimit = (c: Container, side: SideContext) => side.w.platform === 'ecs' && which === 'limits' && k === 'cpuMillis' && c[which][k] === undefined;
      if (noCpuLimit(l, ctx.left) || noCpuLimit(r, ctx.right)) continue;
      const derivedField = `${which}.${k}` as NonNullable<Container['derived']>[number];
      const fromTask = (c: Container, side: SideContext) => side.w.platform === 'ecs' && which === 'limits' && !!c.derived?.includes(derivedField);
      col.compare(a === b, container, field, textOf(ctx.left.w.platform, k, a, fromTask(l, ctx.left)), textOf(ctx.right.w.platform, k, b, fromTask(r, ctx.right)), () => ({
        category: 'resources', message: `${resource} ${which === 'requests' ? 'request' : 'limit'} differs`,
        change: { kind: 'resources', containers: names, resource, which: which === 'requests' ? 'request' : 'limit', left: a, right: b },
      }));
    }
  }
}

function volumeOf(w: Workload, name: string): TemplateVolume | undefined {
  return w.template.volumes.find((v) => v.name === name);
}
const MECHANISM: Record<string, string> = {
  persistentVolumeClaim: 'PVC', volumeClaimTemplate: 'volume claim template', efs: 'EFS', fsx: 'FSx', docker: 'Docker volume', bind: 'bind mount',
  emptyDir: 'emptyDir', hostPath: 'hostPath', configMap: 'config map', secret: 'secret', projected: 'projected', ebs: 'EBS',
};
function mountText(w: Workload, c: Container, path: string): string {
  const m = c.mounts.find((x) => x.path === path);
  if (!m) return ABSENT;
  const v = volumeOf(w, m.volume);
  const mech = v ? `${MECHANISM[v.source] ?? v.source}${v.target ? ` ${v.target}` : ''}` : m.volume;
  return `${v?.persistence ?? 'unknown'} (${mech})${m.readOnly ? ' read-only' : ''}`;
}

function compareMounts(col: Collector, ctx: CompareContext, container: string, names: ContainerNames, l: Container, r: Container): void {
  const paths = [...new Set([...l.mounts, ...r.mounts].map((m) => m.path))].sort();
  for (const path of paths) {
    const a = l.mounts.find((m) => m.path === path);
    const b = r.mounts.find((m) => m.path === path);
    const [ta, tb] = [mountText(ctx.left.w, l, path), mountText(ctx.right.w, r, path)];
    const field = `mount.${path}`;
    const change = { kind: 'template' as const, containers: names, what: `the volume mounted at ${path}` };
    if (!a || !b) {
      col.diff({ container, field, category: 'volumes', leftValue: ta, rightValue: tb, message: `${path} is mounted only on ${ctx[a ? 'left' : 'right'].label}`, change });
      continue;
    }
    // The mechanism (PVC or EFS, Docker volume or emptyDir) is platform detail; what happens to the data is intent.
    const pa = volumeOf(ctx.left.w, a.volume)?.persistence;
    const pb = volumeOf(ctx.right.w, b.volume)?.persistence;
    col.compare(pa === pb && a.readOnly === b.readOnly, container, field, ta, tb, () => ({
      category: 'volumes', message: pa !== pb ? `${path}: ${pa ?? 'unknown'} vs ${pb ?? 'unknown'} storage` : `${path}: read-only on one side only`, change,
    }));
  }
}

function compareSecurity(col: Collector, container: string, names: ContainerNames, l: Container, r: Container): void {
  const change = { kind: 'template' as const, containers: names, what: 'the security settings' };
  const flag = (v: boolean | undefined) => (v ? 'yes' : 'no');
  col.compare(!!l.privileged === !!r.privileged, container, 'security.privileged', flag(l.privileged), flag(r.privileged), () => ({ category: 'security', message: 'privileged on one side only', change }));
  col.compare(!!l.readOnlyRootFilesystem === !!r.readOnlyRootFilesystem, container, 'security.readOnlyRootFilesystem', flag(l.readOnlyRootFilesystem), flag(r.readOnlyRootFilesystem), () => ({ category: 'security', message: 'read-only root filesystem on one side only', change }));
  if (l.user !== undefined && r.user !== undefined) col.compare(l.user === r.user, container, 'security.user', l.user, r.user, () => ({ category: 'security', message: 'runs as another user', change }));
}

export function compareContainerPair(col: Collector, ctx: CompareContext, l: Container, r: Container): void {
  const container = l.name === r.name ? l.name : `${l.name}/${r.name}`;
  const names = { left: l.name, right: r.name };
  if (l.name !== r.name) col.diff({ container, field: 'name', category: 'container', severity: 'info', leftValue: l.name, rightValue: r.name, message: 'the only main containers have different names', change: { kind: 'template', containers: names, what: 'the container name' } });
  if (l.role !== r.role) col.diff({ container, field: 'role', category: 'container', severity: 'warning', leftValue: l.role, rightValue: r.role, message: `${l.role} container on one side, ${r.role} on the other`, change: { kind: 'template', containers: names, what: 'how the container runs (init, sidecar, main)' } });
  compareImage(col, container, names, l, r);
  const cmd = { kind: 'template' as const, containers: names, what: 'the command' };
  col.compare(JSON.stringify(l.command) === JSON.stringify(r.command), container, 'command', listText(l.command), listText(r.command), () => ({ category: 'command', message: 'entrypoint (Kubernetes command, ECS entryPoint) differs', change: cmd }));
  col.compare(JSON.stringify(l.args) === JSON.stringify(r.args), container, 'args', listText(l.args), listText(r.args), () => ({ category: 'command', message: 'arguments (Kubernetes args, ECS command) differ', change: cmd }));
  col.compare(portsText(l) === portsText(r), container, 'ports', portsText(l), portsText(r), () => ({ category: 'ports', message: 'container ports differ', change: { kind: 'template', containers: names, what: 'the container ports' } }));
  compareEnv(col, ctx, l, r);
  compareResources(col, ctx, container, names, l, r);
  compareHealth(col, ctx, container, names, l, r);
  compareMounts(col, ctx, container, names, l, r);
  compareSecurity(col, container, names, l, r);
}

export function compareContainers(col: Collector, ctx: CompareContext): void {
  const { pairs, onlyLeft, onlyRight } = pairContainers(ctx.left.w.template.containers, ctx.right.w.template.containers);
  for (const [l, r] of pairs) compareContainerPair(col, ctx, l, r);
  for (const [c, side] of [...onlyLeft.map((c) => [c, 'left'] as const), ...onlyRight.map((c) => [c, 'right'] as const)]) {
    col.diff({
      container: c.name, field: 'container', category: 'container', severity: c.role === 'main' ? 'critical' : 'warning',
      leftValue: side === 'left' ? `${c.role} ${imageText(c.image)}` : ABSENT, rightValue: side === 'right' ? `${c.role} ${imageText(c.image)}` : ABSENT,
      message: `${c.role} container ${c.name} only on ${ctx[side].label}`,
      change: { kind: 'template', containers: { left: c.name, right: c.name }, what: `container ${c.name}` },
    });
  }
}
