import { describe, expect, it } from 'vitest';
import { describeRelations, type RelationCase } from '@/lib/testing/relation-cases';
import type { ApiObject } from './rules';
import { ECS_RELATIONS, parseServiceResourceId, serviceOfGroup, serviceTaskDefinitions } from './ecs';

// Shaped like DescribeServices / DescribeTasks / DescribeTaskDefinition / DescribeContainerInstances
// (ECS JSON 1.1), DescribeTargetGroups (ELBv2) and DescribeScalableTargets (Application Auto Scaling).
const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';
const taskDef = (rev: number) => ({ taskDefinitionArn: `${ACCOUNT}:task-definition/web:${rev}`, family: 'web', revision: rev });
const targetGroup = (name: string) => ({ TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${name}/6d0ecf831eec9f09`, TargetGroupName: name, Port: 80, Protocol: 'HTTP' });
const service = {
  serviceArn: `${ACCOUNT}:service/shop-cluster/web`, serviceName: 'web', clusterArn: `${ACCOUNT}:cluster/shop-cluster`,
  taskDefinition: taskDef(3).taskDefinitionArn, desiredCount: 2, launchType: 'EC2', schedulingStrategy: 'REPLICA',
  loadBalancers: [{ targetGroupArn: targetGroup('web-tg').TargetGroupArn, containerName: 'web', containerPort: 8080 }],
  deployments: [
    { id: 'ecs-svc/1111111111111111111', status: 'PRIMARY', taskDefinition: taskDef(3).taskDefinitionArn, rolloutState: 'IN_PROGRESS' },
    { id: 'ecs-svc/2222222222222222222', status: 'ACTIVE', taskDefinition: taskDef(2).taskDefinitionArn, rolloutState: 'COMPLETED' },
  ],
};
const otherService = { ...service, serviceArn: `${ACCOUNT}:service/shop-cluster/api`, serviceName: 'api', taskDefinition: `${ACCOUNT}:task-definition/api:1`, loadBalancers: [], deployments: [] };
const containerInstance = (id: string) => ({ containerInstanceArn: `${ACCOUNT}:container-instance/shop-cluster/${id}`, ec2InstanceId: 'i-0abc', status: 'ACTIVE' });
const task = (over: ApiObject = {}) => ({
  taskArn: `${ACCOUNT}:task/shop-cluster/0f1e2d3c4b5a69788796a5b4c3d2e1f0`, clusterArn: service.clusterArn, group: 'service:web',
  startedBy: 'ecs-svc/1111111111111111111', taskDefinitionArn: taskDef(3).taskDefinitionArn,
  containerInstanceArn: containerInstance('8f9e0d1c').containerInstanceArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', ...over,
});
const standalone = task({ group: 'family:web', startedBy: 'ecs-svc/1111111111111111111', containerInstanceArn: undefined, taskDefinitionArn: taskDef(1).taskDefinitionArn });
const scalable = (resourceId: string) => ({ ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 6 });

const CASES: RelationCase[] = [
  ['Task', 'Service', 'service-group', task(), service, true, 'group service:web'],
  ['Task', 'Service', 'service-group', standalone, service, false, 'a standalone task (family:web)'],
  ['Task', 'ServiceDeployment', 'started-by', task(), service.deployments[0], true, 'startedBy the deployment id'],
  ['Task', 'ServiceDeployment', 'started-by', task(), service.deployments[1], false, 'the other deployment'],
  ['Task', 'ServiceDeployment', 'started-by', standalone, service.deployments[0], false, 'startedBy on a standalone task'],
  ['Task', 'ContainerInstance', 'node', task(), containerInstance('8f9e0d1c'), true, 'containerInstanceArn'],
  ['Task', 'ContainerInstance', 'node', standalone, containerInstance('8f9e0d1c'), false, 'Fargate: no container instance'],
  ['Service', 'TaskDefinition', 'task-definition', service, taskDef(2), true, "an active deployment's"],
  ['Service', 'TaskDefinition', 'task-definition', service, taskDef(1), false, 'an older revision'],
  ['Task', 'TaskDefinition', 'task-definition', standalone, taskDef(1), true, 'taskDefinitionArn'],
  ['Task', 'TaskDefinition', 'task-definition', task(), taskDef(1), false, 'another revision'],
  ['Service', 'TargetGroup', 'target-group', service, targetGroup('web-tg'), true, 'loadBalancers[].targetGroupArn'],
  ['Service', 'TargetGroup', 'target-group', otherService, targetGroup('web-tg'), false, 'no load balancer'],
  ['ScalableTarget', 'Service', 'scale-target', scalable('service/shop-cluster/web'), service, true, 'ResourceId'],
  ['ScalableTarget', 'Service', 'scale-target', scalable('service/other-cluster/web'), service, false, 'same name, other cluster'],
];

describeRelations('ECS relations', ECS_RELATIONS, CASES);

describe('ECS relations and the adapter', () => {
  it('nothing needs re-deriving between polls: the adapter normalizes whole clusters together', () => {
    expect(ECS_RELATIONS.filter((r) => r.rederive.length)).toEqual([]);
  });
  it('readers', () => {
    expect(serviceOfGroup('service:web')).toBe('web');
    expect(serviceOfGroup('family:web')).toBeUndefined();
    expect(serviceTaskDefinitions(service)).toEqual([taskDef(3).taskDefinitionArn, taskDef(3).taskDefinitionArn, taskDef(2).taskDefinitionArn]);
    expect(parseServiceResourceId('service/shop-cluster/web')).toEqual({ cluster: 'shop-cluster', service: 'web' });
    expect(parseServiceResourceId('table/orders')).toBeUndefined();
  });
});
