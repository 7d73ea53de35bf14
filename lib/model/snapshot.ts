import { z } from 'zod';
import { SourceSchema } from './source';
import { ClusterSchema, GroupSchema, NodeSchema } from './infra';
import { InstanceSchema, RevisionSchema, WorkloadSchema } from './workload';
import { AutoscalerSchema, ConfigSchema, EndpointSchema, EventSchema, SecretSchema, VolumeSchema } from './resources';

/** The collections of normalized objects, one per concept; the inventory and /api/snapshot use this shape. */
export const COLLECTIONS = [
  'clusters', 'nodes', 'groups', 'workloads', 'revisions', 'instances',
  'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'events',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export const ObjectSchema = z.discriminatedUnion('kind', [
  ClusterSchema, NodeSchema, GroupSchema, WorkloadSchema, RevisionSchema, InstanceSchema,
  EndpointSchema, ConfigSchema, SecretSchema, VolumeSchema, AutoscalerSchema, EventSchema,
]);
export type ModelObject = z.infer<typeof ObjectSchema>;
export type ObjectKind = ModelObject['kind'];

/** Concept kind -> collection name. */
export const COLLECTION_OF: Record<ObjectKind, CollectionName> = {
  cluster: 'clusters', node: 'nodes', group: 'groups', workload: 'workloads', revision: 'revisions',
  instance: 'instances', endpoint: 'endpoints', config: 'configs', secret: 'secrets', volume: 'volumes',
  autoscaler: 'autoscalers', event: 'events',
};

export const SnapshotSchema = z.object({
  generatedAt: z.string(),
  sources: z.array(SourceSchema),
  clusters: z.array(ClusterSchema),
  nodes: z.array(NodeSchema),
  groups: z.array(GroupSchema),
  workloads: z.array(WorkloadSchema),
  revisions: z.array(RevisionSchema),
  instances: z.array(InstanceSchema),
  endpoints: z.array(EndpointSchema),
  configs: z.array(ConfigSchema),
  secrets: z.array(SecretSchema),
  volumes: z.array(VolumeSchema),
  autoscalers: z.array(AutoscalerSchema),
  events: z.array(EventSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
