// Topology names both platforms share, so that a zone spread on Kubernetes and on ECS read the same.
const ZONE = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'attribute:ecs.availability-zone']);
const HOST = new Set(['kubernetes.io/hostname', 'instanceId', 'host', 'attribute:ecs.instance-id']);

/** "zone" or "host" for the well-known keys and fields of either platform, else the key as written. */
export function canonicalTopology(keyOrField: string): string {
  if (ZONE.has(keyOrField)) return 'zone';
  if (HOST.has(keyOrField)) return 'host';
  return keyOrField;
}
