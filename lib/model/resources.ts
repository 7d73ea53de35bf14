import { z } from 'zod';
import { BaseSchema } from './base';

export const EndpointSchema = BaseSchema.extend({
  kind: z.literal('endpoint'),
  /** service (Kubernetes Service), ingress, loadBalancer (ECS service load balancer / target group), serviceRegistry. */
  endpointKind: z.enum(['service', 'ingress', 'loadBalancer', 'serviceRegistry']),
  /** ClusterIP / NodePort / LoadBalancer / Headless; application / network; ingress class. */
  type: z.string().optional(),
  /** Cluster IPs, load balancer hostnames, ingress addresses. */
  addresses: z.array(z.string()),
  ports: z.array(z.object({
    name: z.string().optional(),
    port: z.number(),
    targetPort: z.union([z.number(), z.string()]).optional(),
    nodePort: z.number().optional(),
    protocol: z.string(),
  })),
  /** Ready and not-ready backends (EndpointSlice addresses, target health). */
  readyTargets: z.number(),
  notReadyTargets: z.number(),
  /** Workload ids this endpoint sends traffic to. */
  workloads: z.array(z.string()),
  selector: z.record(z.string(), z.string()).optional(),
  rules: z.array(z.object({ host: z.string().optional(), path: z.string().optional(), backend: z.string() })),
  tls: z.array(z.string()),
  /** ECS target group ARN / container name and port. */
  targetGroup: z.string().optional(),
  container: z.string().optional(),
});

export const ConfigSchema = BaseSchema.extend({
  kind: z.literal('config'),
  /** configMap, or taskEnvironment: one container's environment in an ECS task definition. */
  configKind: z.enum(['configMap', 'taskEnvironment']),
  /** Config values may be shown: they are configuration, not secrets. */
  data: z.record(z.string(), z.string()),
  /** Keys of binaryData, whose values are not shown. */
  binaryKeys: z.array(z.string()),
  usedBy: z.array(z.string()),
});

export const SecretSchema = BaseSchema.extend({
  kind: z.literal('secret'),
  /** secret (Kubernetes), ssm (SSM parameter), secretsManager (ECS valueFrom references). */
  secretKind: z.enum(['secret', 'ssm', 'secretsManager']),
  /** Kubernetes Secret type (Opaque, kubernetes.io/tls...). */
  type: z.string().optional(),
  /** Keys with a keyed hash of each value (Kubernetes), or the reference and, where the source read the value (PARALLAX_ECS_SECRET_HASHES), its keyed hash (ECS). Never values. */
  keys: z.array(z.object({ key: z.string(), hash: z.string().optional(), ref: z.string().optional() })),
  usedBy: z.array(z.string()),
});

export const VolumeSchema = BaseSchema.extend({
  kind: z.literal('volume'),
  /** persistent (PV/PVC), network (EFS, FSx), host (hostPath, bind), ephemeral (emptyDir, docker, task storage), projected. */
  volumeKind: z.enum(['persistent', 'network', 'host', 'ephemeral', 'projected']),
  /** PersistentVolumeClaim, PersistentVolume, efs, fsx, bind, docker, ephemeralStorage. */
  backing: z.string(),
  storageClass: z.string().optional(),
  capacityBytes: z.number().optional(),
  requestBytes: z.number().optional(),
  accessModes: z.array(z.string()),
  /** Bound / Pending / Available / Released. */
  phase: z.string().optional(),
  /** The PVC a PV is bound to, or the PV a PVC is bound to (ids). */
  boundTo: z.string().optional(),
  fileSystemId: z.string().optional(),
  rootDirectory: z.string().optional(),
  transitEncryption: z.boolean().optional(),
  hostPath: z.string().optional(),
  usedBy: z.array(z.string()),
});

export const AutoscalerSchema = BaseSchema.extend({
  kind: z.literal('autoscaler'),
  /** Workload id scaled, when it is known. */
  target: z.string().optional(),
  targetName: z.string(),
  min: z.number(),
  max: z.number(),
  current: z.number().optional(),
  desired: z.number().optional(),
  metrics: z.array(z.object({
    /** cpu, memory, or a custom metric name. */
    name: z.string(),
    /** utilization (percent), averageValue, value. */
    targetType: z.string(),
    target: z.number(),
    current: z.number().optional(),
  })),
});

export const EventSchema = BaseSchema.extend({
  kind: z.literal('event'),
  type: z.enum(['Normal', 'Warning']),
  reason: z.string(),
  message: z.string(),
  at: z.string(),
  count: z.number(),
  involved: z.object({ kind: z.string(), name: z.string(), id: z.string().optional() }),
  /** Workload id the event concerns, directly or through an instance or revision. */
  workload: z.string().optional(),
});

export type Endpoint = z.infer<typeof EndpointSchema>;
export type Config = z.infer<typeof ConfigSchema>;
export type Secret = z.infer<typeof SecretSchema>;
export type Volume = z.infer<typeof VolumeSchema>;
export type Autoscaler = z.infer<typeof AutoscalerSchema>;
/** An event on either platform (Kubernetes Event, ECS service event, stopped-task reason): one timeline. */
export type ModelEvent = z.infer<typeof EventSchema>;
