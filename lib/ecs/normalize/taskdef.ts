// Task definition revision -> Template (containers, volumes, task size, identity), and the
// Config / Secret / Volume objects it declares. Revisions are immutable (family:revision).
import type { ContainerDefinition, TaskDefinition, Volume as EcsVolume } from '@aws-sdk/client-ecs';
import { ecsCpuToMillis, ecsMemoryToBytes, parseImage } from '@/lib/model';
import type { Config, Container, EnvVar, HealthCheck, Secret, Template, TemplateVolume, Volume } from '@/lib/model';
import { normalizeLogging } from './logging';
import { baseOf, taskDefRef, type EcsNormalizeContext, type SecretHashLookup } from './common';

const GiB = 2 ** 30;

/** Containers other containers wait for with SUCCESS/COMPLETE run to completion first: ECS's init containers. */
function initContainerNames(defs: readonly ContainerDefinition[]): Set<string> {
  const s = new Set<string>();
  for (const d of defs) for (const dep of d.dependsOn ?? []) {
    if (dep.containerName && (dep.condition === 'SUCCESS' || dep.condition === 'COMPLETE')) s.add(dep.containerName);
  }
  return s;
}

/** The task size, when the task definition has one, and whether the task has a single container. */
export interface TaskSizeContext {
  cpuMillis?: number;
  memoryBytes?: number;
  singleContainer: boolean;
}

/**
 * `CMD-SHELL curl -f http://localhost:8080/healthz || exit 1` (curl with any flags, or
 * `wget -q --spider URL`), against localhost or 127.0.0.1: an HTTP check on that port and path.
 */
const HTTP_CHECK = /^(?:curl(?:\s+-{1,2}[A-Za-z-]+)*|wget(?:\s+-{1,2}[A-Za-z-]+)*)\s+['"]?(https?):\/\/(?:localhost|127\.0\.0\.1)(?::(\d+))?(\/[^\s'"]*)?['"]?(?:\s*\|\|\s*exit\s+1)?\s*$/;

export function normalizeHealthCheck(hc: NonNullable<ContainerDefinition['healthCheck']>): HealthCheck | undefined {
  const cmd = hc.command ?? [];
  if (!cmd.length) return undefined;
  // ECS defaults: interval 30 s, timeout 5 s, retries 3, start period 0 (applied so equal intent compares equal).
  const timing = {
    intervalSeconds: hc.interval ?? 30,
    timeoutSeconds: hc.timeout ?? 5,
    failureThreshold: hc.retries ?? 3,
    startPeriodSeconds: hc.startPeriod ?? 0,
  };
  const [kind, ...rest] = cmd;
  const script = kind === 'CMD-SHELL' ? rest.join(' ') : kind === 'CMD' ? rest.join(' ') : cmd.join(' ');
  const http = HTTP_CHECK.exec(script.trim());
  if (http) {
    const scheme = http[1].toUpperCase() as 'HTTP' | 'HTTPS';
    return { role: 'container', type: 'http', scheme, port: http[2] ? Number(http[2]) : scheme === 'HTTPS' ? 443 : 80, path: http[3] ?? '/', command: cmd, ...timing };
  }
  // CMD runs the argv as is; CMD-SHELL runs it with the container's default shell.
  const argv = kind === 'CMD' ? rest : kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : cmd;
  return { role: 'container', type: 'exec', command: argv, ...timing };
}

type Derived = NonNullable<Container['derived']>;

/**
 * Container cpu is a reservation (CPU shares, no hard limit); memory is the hard limit and
 * memoryReservation the soft one (without it ECS reserves `memory`). A single container of a task
 * with a task size also gets the task size as its hard limits, and as its reservation where it declares none.
 */
function resourcesOf(d: ContainerDefinition, task: TaskSizeContext): Pick<Container, 'requests' | 'limits' | 'derived'> {
  const derived: Derived = [];
  let cpu = d.cpu ? ecsCpuToMillis(d.cpu) : undefined;
  let memLimit = d.memory ? ecsMemoryToBytes(d.memory) : undefined;
  let memRequest = d.memoryReservation ? ecsMemoryToBytes(d.memoryReservation) : undefined;
  let cpuLimit: number | undefined;
  if (memRequest === undefined && memLimit !== undefined) {
    memRequest = memLimit;
    derived.push('requests.memoryBytes');
  }
  if (task.singleContainer) {
    if (task.cpuMillis !== undefined) {
      cpuLimit = task.cpuMillis;
      derived.push('limits.cpuMillis');
      if (cpu === undefined) { cpu = task.cpuMillis; derived.push('requests.cpuMillis'); }
    }
    if (task.memoryBytes !== undefined) {
      if (memLimit === undefined) { memLimit = task.memoryBytes; derived.push('limits.memoryBytes'); }
      if (memRequest === undefined) { memRequest = task.memoryBytes; derived.push('requests.memoryBytes'); }
    }
  }
  const amounts = (c: number | undefined, m: number | undefined) => ({ ...(c !== undefined ? { cpuMillis: c } : {}), ...(m !== undefined ? { memoryBytes: m } : {}) });
  return { requests: amounts(cpu, memRequest), limits: amounts(cpuLimit, memLimit), ...(derived.length ? { derived: [...new Set(derived)] } : {}) };
}

export function normalizeContainerDefinition(
  d: ContainerDefinition,
  opts: { networkMode?: string; init?: boolean; task?: TaskSizeContext; secretHash?: SecretHashLookup } = {},
): Container {
  if (!d.name) throw new Error('container definition without a name');
  const env: EnvVar[] = [
    ...(d.environment ?? []).filter((e) => e.name).map((e): EnvVar => ({ name: e.name!, from: 'value', value: e.value ?? '' })),
    // valueFrom is an SSM parameter or Secrets Manager ARN (or a parameter name): a reference, never a
    // value; with the keyed hash of the value where the source read it.
    ...(d.secrets ?? []).filter((s) => s.name && s.valueFrom).map((s): EnvVar => {
      const hash = opts.secretHash?.(s.valueFrom!);
      return { name: s.name!, from: 'secret', ref: { arn: s.valueFrom!, name: secretStoreName(s.valueFrom!) }, ...(hash ? { hash } : {}) };
    }),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const health = d.healthCheck ? normalizeHealthCheck(d.healthCheck) : undefined;
  const awsvpc = opts.networkMode === 'awsvpc';
  const essential = d.essential ?? true;
  const logging = normalizeLogging(d.logConfiguration);
  return {
    name: d.name,
    role: opts.init ? 'init' : essential ? 'main' : 'sidecar',
    image: parseImage(d.image ?? ''),
    command: d.entryPoint ?? [],
    args: d.command ?? [],
    ports: (d.portMappings ?? []).filter((p) => p.containerPort !== undefined).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.containerPort!,
      // In awsvpc mode the host port is always the container port: not intent, so omitted.
      ...(p.hostPort !== undefined && p.hostPort !== 0 && !awsvpc ? { hostPort: p.hostPort } : {}),
      protocol: (p.protocol ?? 'tcp').toUpperCase(),
    })),
    env,
    envFrom: (d.environmentFiles ?? []).filter((f) => f.value).map((f) => ({ from: 'file' as const, name: f.value! })),
    // ECS has no references between variables and no expansion: what is declared is what the container sees.
    effectiveEnv: [...new Map(env.map((e) => [e.name, e])).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ...resourcesOf(d, opts.task ?? { singleContainer: false }),
    health: health ? [health] : [],
    mounts: (d.mountPoints ?? []).filter((m) => m.sourceVolume && m.containerPath).map((m) => ({ volume: m.sourceVolume!, path: m.containerPath!, readOnly: !!m.readOnly })),
    ...(d.user ? { user: d.user } : {}),
    ...(d.privileged !== undefined ? { privileged: d.privileged } : {}),
    ...(d.readonlyRootFilesystem !== undefined ? { readOnlyRootFilesystem: d.readonlyRootFilesystem } : {}),
    essential,
    ...(logging ? { logging } : {}),
  };
}

export function normalizeTemplateVolume(v: EcsVolume): TemplateVolume {
  const name = v.name ?? '';
  if (v.efsVolumeConfiguration) {
    const e = v.efsVolumeConfiguration;
    return {
      name, persistence: 'persistent', source: 'efs', target: e.fileSystemId,
      detail: strip({ rootDirectory: e.rootDirectory ?? '/', transitEncryption: e.transitEncryption ?? 'DISABLED', accessPointId: e.authorizationConfig?.accessPointId, iam: e.authorizationConfig?.iam }),
    };
  }
  if (v.fsxWindowsFileServerVolumeConfiguration) {
    const f = v.fsxWindowsFileServerVolumeConfiguration;
    return { name, persistence: 'persistent', source: 'fsx', target: f.fileSystemId, detail: strip({ rootDirectory: f.rootDirectory }) };
  }
  if (v.dockerVolumeConfiguration) {
    const c = v.dockerVolumeConfiguration;
    // A "shared" Docker volume outlives the task (ECS keeps it on the instance); a "task" one is removed with it.
    const scope = c.scope ?? 'task';
    return { name, persistence: scope === 'shared' ? 'persistent' : 'ephemeral', source: 'docker', detail: strip({ scope, driver: c.driver ?? 'local', autoprovision: c.autoprovision === undefined ? undefined : String(c.autoprovision) }) };
  }
  if (v.configuredAtLaunch) return { name, persistence: 'persistent', source: 'ebs', detail: { configuredAtLaunch: 'true' } };
  if (v.host?.sourcePath) return { name, persistence: 'host', source: 'bind', target: v.host.sourcePath, detail: {} };
  // A volume with no host path is a Docker-managed scratch directory that lives as long as the task.
  return { name, persistence: 'ephemeral', source: 'bind', detail: {} };
}

function strip(r: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export function normalizeTemplate(td: TaskDefinition, opts: { secretHash?: SecretHashLookup } = {}): Template {
  const defs = td.containerDefinitions ?? [];
  const inits = initContainerNames(defs);
  const cpu = td.cpu ? ecsCpuToMillis(td.cpu) : undefined;
  const mem = td.memory ? ecsMemoryToBytes(td.memory) : undefined;
  const size = { ...(cpu !== undefined ? { cpuMillis: cpu } : {}), ...(mem !== undefined ? { memoryBytes: mem } : {}) };
  const task: TaskSizeContext = { cpuMillis: cpu, memoryBytes: mem, singleContainer: defs.length === 1 };
  const containers = defs.map((d) => normalizeContainerDefinition(d, { networkMode: td.networkMode, init: inits.has(d.name ?? '') && d.essential === false, task, secretHash: opts.secretHash }));
  // The task size, where given, is what placement reserves; else the containers' reservations add up.
  const sum = (k: 'cpuMillis' | 'memoryBytes') => (containers.some((c) => c.requests[k] !== undefined) ? containers.reduce((n, c) => n + (c.requests[k] ?? 0), 0) : undefined);
  const cpuSum = sum('cpuMillis');
  const memSum = sum('memoryBytes');
  return {
    ref: taskDefRef(td.taskDefinitionArn) ?? (td.family && td.revision ? `${td.family}:${td.revision}` : undefined),
    containers,
    volumes: (td.volumes ?? []).filter((v) => v.name).map(normalizeTemplateVolume),
    ...(Object.keys(size).length ? { instanceResources: { requests: size, limits: size } } : {}),
    reserved: {
      ...(cpu ?? cpuSum) !== undefined ? { cpuMillis: (cpu ?? cpuSum)! } : {},
      ...(mem ?? memSum) !== undefined ? { memoryBytes: (mem ?? memSum)! } : {},
    },
    ...(td.ephemeralStorage?.sizeInGiB ? { ephemeralStorageBytes: td.ephemeralStorage.sizeInGiB * GiB } : {}),
    // ECS's default network mode on EC2 is "bridge" when none is given.
    networkMode: td.networkMode ?? 'bridge',
    ...(td.taskRoleArn ? { identity: td.taskRoleArn } : {}),
  };
}

/** SSM parameter ARNs and bare names are ssm; `arn:aws:secretsmanager:` ARNs are secretsManager. */
export function secretKindOf(valueFrom: string): 'ssm' | 'secretsManager' {
  return /^arn:[^:]+:secretsmanager:/.test(valueFrom) ? 'secretsManager' : 'ssm';
}

/**
 * The store item a valueFrom names: the parameter name for SSM (`arn:...:parameter/a/b` -> `/a/b`),
 * the secret name for Secrets Manager (`arn:...:secret:db-AbC123:password::` -> `db-AbC123`; the JSON
 * key and version stages after it select inside one secret).
 */
export function secretStoreName(valueFrom: string): string {
  const p = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(valueFrom);
  if (p) return p[1];
  const s = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:([^:]+)/.exec(valueFrom);
  if (s) return s[1];
  return valueFrom;
}

export interface TaskDefObjects {
  configs: Config[];
  secrets: Secret[];
  volumes: Volume[];
}

/**
 * Config (one per container with an environment, named `family:rev/container`), Secret (one per
 * referenced parameter or secret, keyed by env name with the valueFrom reference; never a value) and
 * Volume objects (one per declared volume, `family:rev/volume`, plus `family:rev/ephemeralStorage`).
 */
export function normalizeTaskDefinitionObjects(ctx: EcsNormalizeContext, td: TaskDefinition, usedBy: string[], labels: Record<string, string> = {}): TaskDefObjects {
  const ref = taskDefRef(td.taskDefinitionArn);
  if (!ref) throw new Error('task definition without an ARN');
  const arn = td.taskDefinitionArn;
  const created = td.registeredAt;
  const configs: Config[] = [];
  const secretsByStore = new Map<string, Secret>();
  for (const d of td.containerDefinitions ?? []) {
    if (!d.name) continue;
    const env = (d.environment ?? []).filter((e) => e.name);
    if (env.length) {
      configs.push({
        ...baseOf(ctx, 'config', `${ref}/${d.name}`, 'TaskDefinition.environment', { arn, labels, createdAt: created }),
        kind: 'config', configKind: 'taskEnvironment',
        data: Object.fromEntries(env.map((e) => [e.name!, e.value ?? ''])),
        binaryKeys: [], usedBy,
      });
    }
    for (const s of d.secrets ?? []) {
      if (!s.name || !s.valueFrom) continue;
      const store = secretStoreName(s.valueFrom);
      let sec = secretsByStore.get(store);
      if (!sec) {
        sec = {
          ...baseOf(ctx, 'secret', store, secretKindOf(s.valueFrom) === 'ssm' ? 'SSMParameter' : 'SecretsManagerSecret', { arn: s.valueFrom.startsWith('arn:') ? s.valueFrom.split(':').slice(0, 7).join(':') : undefined }),
          kind: 'secret', secretKind: secretKindOf(s.valueFrom), keys: [], usedBy,
        };
        secretsByStore.set(store, sec);
      }
      const hash = ctx.secretHash?.(s.valueFrom);
      if (!sec.keys.some((k) => k.key === s.name)) sec.keys.push({ key: s.name, ref: s.valueFrom, ...(hash ? { hash } : {}) });
    }
  }
  const volumes: Volume[] = (td.volumes ?? []).filter((v) => v.name).map((v) => {
    const t = normalizeTemplateVolume(v);
    const volumeKind = t.source === 'efs' || t.source === 'fsx' ? 'network' : t.persistence === 'host' ? 'host' : t.persistence === 'persistent' ? 'persistent' : 'ephemeral';
    return {
      ...baseOf(ctx, 'volume', `${ref}/${t.name}`, 'TaskDefinition.volume', { arn, labels, createdAt: created }),
      kind: 'volume' as const, volumeKind, backing: t.source, accessModes: [],
      ...(t.source === 'efs' ? { fileSystemId: t.target, rootDirectory: t.detail.rootDirectory, transitEncryption: t.detail.transitEncryption === 'ENABLED' } : {}),
      ...(t.source === 'fsx' ? { fileSystemId: t.target, rootDirectory: t.detail.rootDirectory } : {}),
      ...(t.persistence === 'host' ? { hostPath: t.target } : {}),
      usedBy,
    };
  });
  if (td.ephemeralStorage?.sizeInGiB) {
    volumes.push({
      ...baseOf(ctx, 'volume', `${ref}/ephemeralStorage`, 'TaskDefinition.ephemeralStorage', { arn, labels, createdAt: created }),
      kind: 'volume', volumeKind: 'ephemeral', backing: 'ephemeralStorage', capacityBytes: td.ephemeralStorage.sizeInGiB * GiB, accessModes: [], usedBy,
    });
  }
  return { configs, secrets: [...secretsByStore.values()], volumes };
}
