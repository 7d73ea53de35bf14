import { z } from 'zod';
import { PlatformSchema } from './source';

/** Fields every normalized object carries. */
export const BaseSchema = z.object({
  /** Stable id, see ids.ts. */
  id: z.string(),
  platform: PlatformSchema,
  /** Source id (k8s/<context> or ecs/<profile>/<region>). */
  source: z.string(),
  name: z.string(),
  /** Cluster id this object belongs to (absent on clusters themselves). */
  cluster: z.string().optional(),
  /** Group id: the namespace on Kubernetes, the cluster on ECS. */
  group: z.string().optional(),
  /** Namespace (Kubernetes) or cluster name (ECS), for display. */
  groupName: z.string().optional(),
  /** Labels (Kubernetes) or tags (ECS). */
  labels: z.record(z.string(), z.string()),
  createdAt: z.string().optional(),
  /** Platform references kept as-is: uid, ARN, resourceVersion (opaque, compare for equality only). */
  ref: z.object({ uid: z.string().optional(), arn: z.string().optional(), resourceVersion: z.string().optional(), kind: z.string() }),
});

export const ResourceAmountsSchema = z.object({
  cpuMillis: z.number().optional(),
  memoryBytes: z.number().optional(),
});
export type ResourceAmounts = z.infer<typeof ResourceAmountsSchema>;
export type Base = z.infer<typeof BaseSchema>;
