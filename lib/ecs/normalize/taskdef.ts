// Task definition revision -> Template (containers, volumes, task size, identity), and the
// Config / Secret / Volume objects it declares. Revisions are immutable (family:revision).
import type { ContainerDefinition, TaskDefinition, Volume as EcsVolume } from '@aws-sdk/client-ecs';
import { ecsCpuToMillis, ecsMemoryToBytes, parseImage } from '@/lib/model';
import type { Config, Container, EnvVar, HealthCheck, Secret, Template, TemplateVolume, Volume } from '@/lib/model';
import { baseOf, taskDefRef, type EcsNormalizeContext } from './common';

const GiB = 2 ** 30;

/** Containers other containers wait for with SUCCESS/COMPLETE run to completion first: ECS's init containers. */
function initContainerNames(defs: readonly ContainerDefinition[]): Set<string> {
  const s = new Set<string>();
  for (const d of defs) for (const dep of d.dependsOn ?? []) {
    if (dep.containerName && (dep.condition === 'SUCCESS' || dep.condition === 'COMPLETE')) s.add(dep.containerName);
  }
  return s;
}

export function normalizeContainerDefinition(d: ContainerDefinition, opts: { networkMode?: string; init?: boolean } = {}): Container {
  if (!d.name) throw new Error('container definition without a name');
  const env: EnvVar[] = [
    ...(d.environment ?? []).filter((e) => e.name).map((e): EnvVar => ({ name: e.name!, from: 'value', value: e.value ?? '' })),
    // valueFrom is an SSM parameter or Secrets Manager ARN (or a parameter name): a reference, never a value.
    ...(d.secrets ?? []).filter((s) => s.name && s.valueFrom).map((s): EnvVar => ({ name: s.name!, from: 'secret', ref: { arn: s.valueFrom!, name: secretStoreName(s.valueFrom!) } })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const health: HealthCheck[] = d.healthCheck?.command?.length
    ? [{
        role: 'container', type: 'exec', command: d.healthCheck.command,
        // ECS defaults: interval 30 s, timeout 5 s, retries 3, start period 0 (applied so equal intent compares equal).
        intervalSeconds: d.healthCheck.interval ?? 30,
        timeoutSeconds: d.healthCheck.timeout ?? 5,
        failureThreshold: d.healthCheck.retries ?? 3,
        startPeriodSeconds: d.healthCheck.startPeriod ?? 0,
      }]
    : [];
  const awsvpc = opts.networkMode === 'awsvpc';
  const cpu = d.cpu ? ecsCpuToMillis(d.cpu) : undefined;
  const memLimit = d.memory ? ecsMemoryToBytes(d.memory) : undefined;
  const memRequest = d.memoryReservation ? ecsMemoryToBytes(d.memoryReservation) : memLimit;
  return {
    name: d.name,
    role: opts.init ? 'init' : 'main',
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
    requests: { ...(cpu !== undefined ? { cpuMillis: cpu } : {}), ...(memRequest !== undefined ? { memoryBytes: memRequest } : {}) },
    limits: { ...(memLimit !== undefined ? { memoryBytes: memLimit } : {}) },
    health,
    mounts: (d.mountPoints ?? []).filter((m) => m.sourceVolume && m.containerPath).map((m) => ({ volume: m.sourceVolume!, path: m.containerPath!, readOnly: !!m.readOnly })),
    ...(d.user ? { user: d.user } : {}),
    ...(d.privileged !== undefined ? { privileged: d.privileged } : {}),
    ...(d.readonlyRootFilesystem !== undefined ? { readOnlyRootFilesystem: d.readonlyRootFilesystem } : {}),
    // ECS: essential defaults to true.
    essential: d.essential ?? true,
  };
}

export function normalizeTemplateVolume(v: EcsVolume): TemplateVolume {
  const name = v.name ?? '';
  if (v.efsVolumeConfiguration) {
    const e = v.efsVolumeConfiguration;
    return {
      name, type: 'network', source: 'efs', target: e.fileSystemId,
      detail: strip({ rootDirectory: e.rootDirectory ?? '/', transitEncryption: e.transitEncryption ?? 'DISABLED', accessPointId: e.authorizationConfig?.accessPointId, iam: e.authorizationConfig?.iam }),
    };
  }
  if (v.fsxWindowsFileServerVolumeConfiguration) {
    const f = v.fsxWindowsFileServerVolumeConfiguration;
    return { name, type: 'network', source: 'fsx', target: f.fileSystemId, detail: strip({ rootDirectory: f.rootDirectory }) };
  }
  if (v.dockerVolumeConfiguration) {
    const c = v.dockerVolumeConfiguration;
    return { name, type: 'ephemeral', source: 'docker', detail: strip({ scope: c.scope ?? 'task', driver: c.driver ?? 'local', autoprovision: c.autoprovision === undefined ? undefined : String(c.autoprovision) }) };
  }
  if (v.configuredAtLaunch) return { name, type: 'persistent', source: 'ebs', detail: { configuredAtLaunch: 'true' } };
  if (v.host?.sourcePath) return { name, type: 'host', source: 'bind', target: v.host.sourcePath, detail: {} };
  // A volume with no host path is a Docker-managed scratch directory that lives as long as the task.
  return { name, type: 'ephemeral', source: 'bind', detail: {} };
}

function strip(r: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export function normalizeTemplate(td: TaskDefinition): Template {
  const defs = td.containerDefinitions ?? [];
  const inits = initContainerNames(defs);
  const cpu = td.cpu ? ecsCpuToMillis(td.cpu) : undefined;
  const mem = td.memory ? ecsMemoryToBytes(td.memory) : undefined;
  return {
    ref: taskDefRef(td.taskDefinitionArn) ?? (td.family && td.revision ? `${td.family}:${td.revision}` : undefined),
    containers: defs.map((d) => normalizeContainerDefinition(d, { networkMode: td.networkMode, init: inits.has(d.name ?? '') && d.essential === false })),
    volumes: (td.volumes ?? []).filter((v) => v.name).map(normalizeTemplateVolume),
    ...(cpu !== undefined ? { cpuMillis: cpu } : {}),
    ...(mem !== undefined ? { memoryBytes: mem } : {}),
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
      if (!sec.keys.some((k) => k.key === s.name)) sec.keys.push({ key: s.name, ref: s.valueFrom });
    }
  }
  const volumes: Volume[] = (td.volumes ?? []).filter((v) => v.name).map((v) => {
    const t = normalizeTemplateVolume(v);
    const volumeKind = t.type === 'network' ? 'network' : t.type === 'host' ? 'host' : t.type === 'persistent' ? 'persistent' : 'ephemeral';
    return {
      ...baseOf(ctx, 'volume', `${ref}/${t.name}`, 'TaskDefinition.volume', { arn, labels, createdAt: created }),
      kind: 'volume' as const, volumeKind, backing: t.source, accessModes: [],
      ...(t.source === 'efs' ? { fileSystemId: t.target, rootDirectory: t.detail.rootDirectory, transitEncryption: t.detail.transitEncryption === 'ENABLED' } : {}),
      ...(t.source === 'fsx' ? { fileSystemId: t.target, rootDirectory: t.detail.rootDirectory } : {}),
      ...(t.type === 'host' ? { hostPath: t.target } : {}),
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
