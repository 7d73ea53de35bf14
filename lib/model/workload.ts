import { z } from 'zod';
import { BaseSchema, ResourceAmountsSchema } from './base';
import { ImageRefSchema } from './image';

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
  /** Keyed hash of a secret value (lib/secrets/hasher.ts): equal values, equal hashes; never reversible. */
  hash: z.string().optional(),
});
/** envFrom (Kubernetes) and environmentFiles (ECS), kept as declared. */
export const EnvSourceSchema = z.object({
  from: z.enum(['config', 'secret', 'file']),
  name: z.string(),
  prefix: z.string().optional(),
  optional: z.boolean().optional(),
  /** The variables it contributed (prefix applied), when the config map or secret could be read. */
  keys: z.array(z.string()).optional(),
});
/**
 * A health check in one form for both platforms. Kubernetes probes keep their kind (named ports
 * resolved to numbers); an ECS `CMD-SHELL curl -f http://localhost:PORT/PATH` (or wget) is read as
 * the HTTP check it plainly is, its command kept for display. Timings have each platform's defaults
 * applied, so an omitted field and its default compare equal.
 */
export const HealthCheckSchema = z.object({
  /** liveness / readiness / startup (Kubernetes probes) or container (ECS healthCheck). */
  role: z.enum(['liveness', 'readiness', 'startup', 'container']),
  type: z.enum(['http', 'tcp', 'exec', 'grpc']),
  scheme: z.enum(['HTTP', 'HTTPS']).optional(),
  path: z.string().optional(),
  /** A number, or the port name when no container port of that name exists. */
  port: z.union([z.number(), z.string()]).optional(),
  /** exec: the argv (ECS `CMD x y` -> [x, y]; `CMD-SHELL s` -> [/bin/sh, -c, s]); ECS http: the command as declared. */
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

/**
 * Where a container's log goes: the ECS task definition's logConfiguration. Absent on Kubernetes (the
 * kubelet keeps it, read through pods/log). Not compared by drift: where logs go is not the
 * application's intent, and the two platforms have no common form for it.
 */
export const ContainerLoggingSchema = z.object({
  /** awslogs, awsfirelens, splunk, fluentd, gelf, syslog, json-file, journald, none… */
  driver: z.string(),
  /** awslogs: the CloudWatch Logs group, its region and the stream prefix (streams `<prefix>/<container>/<task id>`). */
  group: z.string().optional(),
  region: z.string().optional(),
  streamPrefix: z.string().optional(),
  /** Other drivers: where the options send the log (URL, address, FireLens output), never a secret option. */
  destination: z.string().optional(),
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
  /** Environment as declared, in declaration order (ECS: environment and secrets, by name). */
  env: z.array(EnvVarSchema),
  envFrom: z.array(EnvSourceSchema),
  /**
   * Environment as the container sees it: one entry per name, sorted by name, envFrom expanded with
   * its keys (later sources win, env wins over envFrom), config references resolved, Kubernetes
   * `$(VAR)` references expanded. Entries whose config could not be read keep their reference and no value.
   */
  effectiveEnv: z.array(EnvVarSchema),
  /** Container-level reservation: Kubernetes requests; ECS cpu and memoryReservation (else memory). */
  requests: ResourceAmountsSchema,
  /** Container-level hard limits: Kubernetes limits; ECS memory (ECS has no container CPU limit). */
  limits: ResourceAmountsSchema,
  /**
   * Values not declared on the container but implied: "requests.cpuMillis" from the limit (the API
   * server defaults a pod's requests to its limits), or any field from the task size of a
   * single-container ECS task.
   */
  derived: z.array(z.enum(['requests.cpuMillis', 'requests.memoryBytes', 'limits.cpuMillis', 'limits.memoryBytes'])).optional(),
  health: z.array(HealthCheckSchema),
  mounts: z.array(MountSchema),
  user: z.string().optional(),
  privileged: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  /** ECS essential flag; Kubernetes containers are all essential. */
  essential: z.boolean(),
  /** ECS only: where the container's log goes (its logConfiguration). */
  logging: ContainerLoggingSchema.optional(),
});

/** A volume as the template declares it (not the PV/PVC objects, which are Volume concepts). */
export const TemplateVolumeSchema = z.object({
  name: z.string(),
  /**
   * What happens to the data, whatever the mechanism: persistent (outlives the instance: PVC, claim
   * templates, EFS, FSx, network volumes, shared-scope Docker volumes), ephemeral (dies with the
   * instance: emptyDir, task-scope Docker volumes, scratch binds), host (a node's directory), projected
   * (platform-written content: config maps, secrets, downward API, service account tokens).
   */
  persistence: z.enum(['persistent', 'ephemeral', 'host', 'projected']),
  /** The mechanism: emptyDir, hostPath, persistentVolumeClaim, volumeClaimTemplate, configMap, secret, projected, efs, fsx, bind, docker, ebs… */
  source: z.string(),
  /** Claim, config map or secret name; EFS file system id; host path. */
  target: z.string().optional(),
  detail: z.record(z.string(), z.string()),
});
/**
 * One placement rule in terms both platforms share. Kubernetes: nodeSelector, node affinity,
 * pod (anti-)affinity, tolerations, topology spread; ECS: placement strategies and constraints.
 */
export const PlacementTermSchema = z.object({
  /**
   * spread: balance over a topology; distinct: at most one instance of the workload per domain
   * (anti-affinity on its own pods, distinctInstance); apart / together: away from / next to other
   * pods; binpack, random: ECS strategies; node: only on matching nodes (selector, node affinity,
   * memberOf); tolerate: may run on nodes with a taint.
   */
  type: z.enum(['spread', 'distinct', 'apart', 'together', 'binpack', 'random', 'node', 'tolerate']),
  /** "zone" or "host" for those topologies (whatever the platform calls them), else the key or field as written. */
  over: z.string().optional(),
  /** A hard rule (DoNotSchedule, required…, ECS constraints) or a preference. */
  required: z.boolean(),
  weight: z.number().optional(),
  maxSkew: z.number().optional(),
  /** Selector, expression or key=value as written: "app=db", "attribute:ecs.instance-type =~ t2.*". */
  expression: z.string().optional(),
  /** Where it was declared: nodeSelector, nodeAffinity, podAffinity, podAntiAffinity, tolerations, topologySpreadConstraints, placementStrategy, placementConstraints. */
  field: z.string(),
});
export const PlacementSchema = z.object({
  terms: z.array(PlacementTermSchema),
});
export const TemplateSchema = z.object({
  /** pod-template-hash, or family:revision of the task definition. */
  ref: z.string().optional(),
  containers: z.array(ContainerSchema),
  volumes: z.array(TemplateVolumeSchema),
  /** Declared instance-level resources: the ECS task size (a reservation and a hard limit), Kubernetes pod-level resources. */
  instanceResources: z.object({ requests: ResourceAmountsSchema, limits: ResourceAmountsSchema }).optional(),
  /** What the scheduler reserves for one instance: the task size, else the sum of container reservations; Kubernetes effective pod requests. */
  reserved: ResourceAmountsSchema,
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
export type ContainerLogging = z.infer<typeof ContainerLoggingSchema>;
export type TemplateVolume = z.infer<typeof TemplateVolumeSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
export type PlacementTerm = z.infer<typeof PlacementTermSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type Workload = z.infer<typeof WorkloadSchema>;
export type Revision = z.infer<typeof RevisionSchema>;
export type Instance = z.infer<typeof InstanceSchema>;
