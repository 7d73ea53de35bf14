import { z } from 'zod';
import { BaseSchema, ResourceAmountsSchema } from './base';

export const ClusterSchema = BaseSchema.extend({
  kind: z.literal('cluster'),
  /** API endpoint (Kubernetes) or cluster ARN (ECS). */
  endpoint: z.string().optional(),
  version: z.string().optional(),
  status: z.string(),
  counts: z.object({
    nodes: z.number().optional(),
    runningTasks: z.number().optional(),
    pendingTasks: z.number().optional(),
    services: z.number().optional(),
  }),
  capacityProviders: z.array(z.string()),
});

const NodeCapacitySchema = ResourceAmountsSchema.extend({ pods: z.number().optional() });

export const NodeSchema = BaseSchema.extend({
  kind: z.literal('node'),
  /** Ready (Kubernetes condition) or ACTIVE with the agent connected (ECS). */
  ready: z.boolean(),
  /** Ready / NotReady / SchedulingDisabled; ACTIVE / DRAINING / INACTIVE. */
  status: z.string(),
  instanceId: z.string().optional(),
  instanceType: z.string().optional(),
  zone: z.string().optional(),
  ip: z.string().optional(),
  roles: z.array(z.string()),
  /** kubelet version or ECS agent version. */
  agentVersion: z.string().optional(),
  os: z.string().optional(),
  capacity: NodeCapacitySchema,
  allocatable: NodeCapacitySchema,
  /** Sum of requests of instances placed on it (computed by the inventory for Kubernetes; registered-remaining on ECS). */
  requested: ResourceAmountsSchema,
  taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.string() })),
  unschedulable: z.boolean(),
});

export const GroupSchema = BaseSchema.extend({
  kind: z.literal('group'),
  /** Namespace phase, or ECS cluster status. */
  status: z.string(),
});

export type Cluster = z.infer<typeof ClusterSchema>;
export type Node = z.infer<typeof NodeSchema>;
export type Group = z.infer<typeof GroupSchema>;
