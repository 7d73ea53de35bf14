// Amazon ECS relations: which object links to which, by which field, as one table (ECS_RELATIONS) and
// the readers the ECS normalizers use (lib/ecs/normalize). ECS objects come as the API returns them
// (ECS JSON 1.1 camelCase; Application Auto Scaling and ELBv2 PascalCase).
//
// Unlike the Kubernetes adapter, the ECS adapter reads whole clusters every poll and normalizes
// them together, so no link needs to be kept current between reads: every `rederive` is empty.
import type { ApiObject, Relation } from './rules';

/** Service name from a task group (`service:NAME`); standalone tasks have `family:NAME`. */
export function serviceOfGroup(group: string | undefined): string | undefined {
  return group?.startsWith('service:') ? group.slice('service:'.length) : undefined;
}

/** Task definition ARNs a service runs: its own, and each deployment's (a rollout runs two). */
export function serviceTaskDefinitions(service: { taskDefinition?: string; deployments?: { taskDefinition?: string }[] }): string[] {
  return [service.taskDefinition, ...(service.deployments ?? []).map((d) => d.taskDefinition)].filter((arn): arn is string => Boolean(arn));
}

/** `service/CLUSTER/SERVICE` (an Application Auto Scaling resource id) -> { cluster, service }. */
export function parseServiceResourceId(resourceId: string | undefined): { cluster: string; service: string } | undefined {
  const m = resourceId ? /^service\/([^/]+)\/([^/]+)$/.exec(resourceId) : null;
  return m ? { cluster: m[1], service: m[2] } : undefined;
}

const arnName = (arn: string | undefined) => arn?.slice(arn.lastIndexOf('/') + 1);

/** Every cross-object link the ECS adapter makes. */
export const ECS_RELATIONS: readonly Relation[] = [
  { from: ['Task'], to: ['Service'], by: 'service-group', field: 'group: service:NAME',
    fills: 'instance.workload', rederive: [],
    links: (task, svc) => Boolean(svc.serviceName) && serviceOfGroup(task.group) === svc.serviceName },
  { from: ['Task'], to: ['ServiceDeployment'], by: 'started-by', field: 'startedBy: the deployment id (ecs-svc/…), for service tasks',
    fills: 'instance.revision', rederive: [],
    links: (task, d) => Boolean(serviceOfGroup(task.group) && task.startedBy) && task.startedBy === d.id },
  { from: ['Task'], to: ['ContainerInstance'], by: 'node', field: 'containerInstanceArn',
    fills: 'instance.node, and its host name and IP', rederive: [],
    links: (task, ci) => Boolean(task.containerInstanceArn) && task.containerInstanceArn === ci.containerInstanceArn },
  { from: ['Service'], to: ['TaskDefinition'], by: 'task-definition', field: 'taskDefinition, deployments[].taskDefinition',
    fills: "usedBy of the task definition's configs, secrets and volumes (lib/ecs/normalize/usage.ts); workload.template", rederive: [],
    links: (svc, td) => serviceTaskDefinitions(svc).includes(td.taskDefinitionArn) },
  { from: ['Task'], to: ['TaskDefinition'], by: 'task-definition', field: 'taskDefinitionArn',
    fills: "usedBy of the task definition's configs, secrets and volumes: the task's service, if any", rederive: [],
    links: (task, td) => Boolean(task.taskDefinitionArn) && task.taskDefinitionArn === td.taskDefinitionArn },
  { from: ['Service'], to: ['TargetGroup'], by: 'target-group', field: 'loadBalancers[].targetGroupArn',
    fills: "the service's load-balancer endpoint and its target health", rederive: [],
    links: (svc, tg) => (svc.loadBalancers ?? []).some((lb: ApiObject) => lb.targetGroupArn && lb.targetGroupArn === tg.TargetGroupArn) },
  { from: ['ScalableTarget'], to: ['Service'], by: 'scale-target', field: 'ResourceId: service/CLUSTER/SERVICE',
    fills: 'autoscaler.target', rederive: [],
    links: (target, svc) => {
      const parsed = parseServiceResourceId(target.ResourceId);
      return Boolean(parsed) && parsed!.service === svc.serviceName && parsed!.cluster === arnName(svc.clusterArn);
    } },
];
