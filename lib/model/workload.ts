import { z } from 'zod';
import { BaseSchema, ResourceAmountsSchema } from './base';

export const ImageRefSchema = z.object({
  raw: z.string(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  canonical: z.string(),
});

/**
 * One environment variable. Values are present for plain values and resolved config only;
 * for secrets only the reference and, where the value was readable, a keyed hash.
 */
export const EnvVarSchema = z.object({
  name: z.string(),
  from: z.enum(['value', 'config', 'secret', 'field', 'resource', 'unresolved']),
  value: z.string().optional(),
  /** ConfigMap/Secret name and key, or the SSM / Secrets Manager ARN (valueFrom). */
  ref: z.object({ name: z.string().optional(), key: z.string().optional(), arn: z.string().optional() }).optional(),
  /** HMAC of the secret value with a per-process key: comparable within one server, never reversible. */
  hash: z.string().optional(),
});

/** envFrom (Kubernetes) and environmentFiles (ECS), kept as declared. */
export const EnvSourceSchema = z.object({
  from: z.enum(['config', 'secret', 'file']),
  name: z.string(),
  prefix: z.string().optional(),
  optional: z.boolean().optional(),
});

export const HealthCheckSchema = z.object({
  /** liveness / readiness / startup (Kubernetes probes) or container (ECS healthCheck). */
  role: z.enum(['liveness', 'readiness', 'startup', 'container']),
  type: z.enum(['http', 'tcp', 'exec', 'grpc']),
  path: z.string().optional(),
  port: z.union([z.number(), z.string()]).optional(),
  command: z.array(z.string()).optional(),
  intervalSeconds: z.number().optional(),
  timeoutSeconds: z.number().optional(),
  failureThreshold: z.number().optional(),
  startPeriodSeconds: z.number().optional(),
});

export const PortSchema = z.object({
  name: z.string().optional(),
  containerPort: z.number(),
  hostPort: z.number().optional(),
  protocol: z.string(),
});

export const MountSchema = z.object({
  volume: z.string(),
  path: z.string(),
  readOnly: z.boolean(),
  subPath: z.string().optional(),
});

export const ContainerSchema = z.object({
  name: z.string(),
  /** main; init (runs to completion first); sidecar (init container with restartPolicy Always). */
  role: z.enum(['main', 'init', 'sidecar']),
  image: ImageRefSchema,
  /** Kubernetes command / ECS entryPoint. */
  command: z.array(z.string()),
  /** Kubernetes args / ECS command. */
  args: z.array(z.string()),
  ports: z.array(PortSchema),
  env: z.array(EnvVarSchema),
  envFrom: z.array(EnvSourceSchema),
  requests: ResourceAmountsSchema,
  limits: ResourceAmountsSchema,
  health: z.array(HealthCheckSchema),
  mounts: z.array(MountSchema),
  user: z.string().optional(),
  privileged: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  /** ECS essential flag; Kubernetes containers are all essential. */
  essential: z.boolean(),
});

/** A volume as the template declares it (not the PV/PVC objects, which are Volume concepts). */
export const TemplateVolumeSchema = z.object({
  name: z.string(),
  type: z.enum(['ephemeral', 'host', 'persistent', 'network', 'projected', 'config', 'secret']),
  /** emptyDir, hostPath, persistentVolumeClaim, configMap, secret, projected, efs, fsx, bind, docker... */
  source: z.string(),
  /** Claim, config map or secret name; EFS file system id; host path. */
  target: z.string().optional(),
  detail: z.record(z.string(), z.string()),
});

export const PlacementSchema = z.object({
  nodeSelector: z.record(z.string(), z.string()),
  /** Human-readable summaries of affinity terms. */
  affinity: z.array(z.string()),
  tolerations: z.array(z.object({ key: z.string().optional(), operator: z.string().optional(), value: z.string().optional(), effect: z.string().optional() })),
  topologySpread: z.array(z.object({ topologyKey: z.string(), maxSkew: z.number(), whenUnsatisfiable: z.string() })),
  /** ECS placement strategies (spread/binpack/random with field). */
  strategies: z.array(z.object({ type: z.string(), field: z.string().optional() })),
  /** ECS placement constraints (distinctInstance, memberOf with expression). */
  constraints: z.array(z.object({ type: z.string(), expression: z.string().optional() })),
});

export const TemplateSchema = z.object({
  /** pod-template-hash, or family:revision of the task definition. */
  ref: z.string().optional(),
  containers: z.array(ContainerSchema),
  volumes: z.array(TemplateVolumeSchema),
  /** Task-level size (ECS) or sum of container requests (Kubernetes). */
  cpuMillis: z.number().optional(),
  memoryBytes: z.number().optional(),
  ephemeralStorageBytes: z.number().optional(),
  networkMode: z.string().optional(),
  /** Kubernetes service account, or ECS task role ARN. */
  identity: z.string().optional(),
});

export const WorkloadSchema = BaseSchema.extend({
  kind: z.literal('workload'),
  /** Deployment / StatefulSet / DaemonSet / Job / CronJob; Service / Task on ECS. */
  workloadKind: z.string(),
  scheduling: z.enum(['replica', 'daemon', 'batch']),
  desired: z.number(),
  ready: z.number(),
  available: z.number().optional(),
  updated: z.number().optional(),
  rollout: z.object({ state: z.enum(['complete', 'progressing', 'failed', 'paused', 'unknown']), message: z.string().optional() }),
  template: TemplateSchema,
  placement: PlacementSchema,
  /** Kubernetes label selector; ECS has none. */
  selector: z.record(z.string(), z.string()).optional(),
  /** ECS launch type or capacity provider; Kubernetes: undefined. */
  launchType: z.string().optional(),
  strategy: z.string().optional(),
});

export const RevisionSchema = BaseSchema.extend({
  kind: z.literal('revision'),
  workload: z.string().optional(),
  /** Kubernetes revision annotation, or the ECS deployment id. */
  revision: z.string(),
  templateRef: z.string().optional(),
  images: z.array(z.string()),
  /** current: receives new instances; previous: older, still running instances; inactive: scaled to zero. */
  state: z.enum(['current', 'previous', 'inactive']),
  /** ECS PRIMARY/ACTIVE/INACTIVE or "ReplicaSet". */
  status: z.string(),
  rolloutState: z.string().optional(),
  desired: z.number(),
  ready: z.number(),
  pending: z.number().optional(),
});

export const InstanceSchema = BaseSchema.extend({
  kind: z.literal('instance'),
  workload: z.string().optional(),
  revision: z.string().optional(),
  node: z.string().optional(),
  nodeName: z.string().optional(),
  state: z.enum(['pending', 'running', 'succeeded', 'failed', 'stopped', 'unknown']),
  /** Pod phase or task lastStatus, verbatim. */
  phase: z.string(),
  desiredState: z.string().optional(),
  ready: z.boolean(),
  restarts: z.number(),
  ip: z.string().optional(),
  hostIp: z.string().optional(),
  zone: z.string().optional(),
  startedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  reason: z.string().optional(),
  health: z.enum(['healthy', 'unhealthy', 'unknown']),
  launchType: z.string().optional(),
  requests: ResourceAmountsSchema,
  containers: z.array(z.object({
    name: z.string(),
    image: z.string(),
    ready: z.boolean(),
    restarts: z.number(),
    state: z.string(),
    reason: z.string().optional(),
  })),
});

export type EnvVar = z.infer<typeof EnvVarSchema>;
export type EnvSource = z.infer<typeof EnvSourceSchema>;
export type HealthCheck = z.infer<typeof HealthCheckSchema>;
export type Port = z.infer<typeof PortSchema>;
export type Mount = z.infer<typeof MountSchema>;
export type Container = z.infer<typeof ContainerSchema>;
export type TemplateVolume = z.infer<typeof TemplateVolumeSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type Workload = z.infer<typeof WorkloadSchema>;
export type Revision = z.infer<typeof RevisionSchema>;
export type Instance = z.infer<typeof InstanceSchema>;
