// One ECS object as the AWS APIs describe it, read on demand with the Describe* call for its kind
// (never a Get*: no secret value is ever read here). Nothing is kept: the answer goes to the raw view.
import {
  DescribeClustersCommand, DescribeContainerInstancesCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { RawNotFoundError, type RawRead, type RawRequest } from '@/lib/inventory/raw';
import type { ReadContext } from './read';

/** The parts of an ECS id: `ecs/<profile>/<region>/<cluster>/<kind>/<name>`, decoded. */
export function parseEcsId(id: string): { region: string; cluster: string; kind: string; name: string } | undefined {
  const parts = id.split('/');
  if (parts.length !== 6 || parts[0] !== 'ecs') return undefined;
  const [, , region, cluster, kind, name] = parts.map(decodeURIComponent);
  return { region, cluster, kind, name };
}

/** What the APIs answer for a name that does not exist (ECS, ELBv2, Secrets Manager, SSM, Auto Scaling). */
const NOT_FOUND_CODES = /^(?:ResourceNotFoundException|ParameterNotFound|ClusterNotFoundException|ServiceNotFoundException|TargetGroupNotFound|LoadBalancerNotFound|ObjectNotFoundException)$/;

/** Describe* answers 200 with `failures` for names that do not exist: that is a 404 here. */
function one<T>(items: T[] | undefined, failures: { reason?: string }[] | undefined, what: string): T {
  if (items?.[0]) return items[0];
  throw new RawNotFoundError(`${what}: ${failures?.[0]?.reason ?? 'not found'} (deleted since the last poll?)`);
}

/** The read for one object; `readContext.call` runs each SDK call with its deadline and classifies failures. */
export async function readEcsRaw(readContext: ReadContext, req: RawRequest): Promise<RawRead> {
  const o = req.object;
  const id = parseEcsId(o.id);
  if (!id) throw new RawNotFoundError(`${o.id} is not an ECS object id`);
  const { cluster, kind, name } = id;
  const ecs = readContext.clients.ecs;
  const send = <T>(op: string, fn: (abortSignal: AbortSignal) => Promise<T>) => readContext.call(op, fn).catch((e: unknown) => {
    const code = (e as { code?: string }).code ?? '';
    throw NOT_FOUND_CODES.test(code) ? new RawNotFoundError(`${op}: ${(e as Error).message}`) : e;
  });
  const service = async (svc: string) => {
    const r = await send('DescribeServices', (abortSignal) => ecs.send(new DescribeServicesCommand({ cluster, services: [svc], include: ['TAGS'] }), { abortSignal }));
    return one(r.services, r.failures, `service ${svc} in cluster ${cluster}`);
  };
  switch (kind) {
    case 'cluster':
    case 'group': {
      const r = await send('DescribeClusters', (abortSignal) => ecs.send(new DescribeClustersCommand({ clusters: [cluster], include: ['TAGS', 'SETTINGS', 'CONFIGURATIONS'] }), { abortSignal }));
      return { call: 'DescribeClusters', object: one(r.clusters, r.failures, `cluster ${cluster}`) };
    }
    case 'service':
      return { call: 'DescribeServices', object: await service(name) };
    case 'deployment': {
      // A deployment is described inside its service (`deployments[]`).
      const svc = parseEcsId((o as { workload?: string }).workload ?? '')?.name;
      if (!svc) throw new RawNotFoundError(`deployment ${name} names no service`);
      const d = (await service(svc)).deployments?.find((x) => x.id === name);
      if (!d) throw new RawNotFoundError(`deployment ${name} is no longer in service ${svc}'s deployments`);
      return { call: `DescribeServices (${svc}: deployments[id=${name}])`, object: d };
    }
    case 'loadbalancer':
    case 'registry': {
      const svc = name.slice(0, name.indexOf('/'));
      const s = await service(svc);
      if (kind === 'registry') {
        const r = s.serviceRegistries?.find((x) => x.registryArn === o.ref.arn);
        if (!r) throw new RawNotFoundError(`service ${svc} no longer names registry ${o.ref.arn}`);
        return { call: `DescribeServices (${svc}: serviceRegistries[])`, object: r };
      }
      if (!o.ref.arn) return { call: `DescribeServices (${svc}: loadBalancers[])`, object: s.loadBalancers?.filter((l) => name.endsWith(`/${l.loadBalancerName}`)) ?? [] };
      const tg = await send('DescribeTargetGroups', (abortSignal) => readContext.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [o.ref.arn!] }), { abortSignal }));
      const group = one(tg.TargetGroups, undefined, `target group ${o.ref.arn}`);
      const lbs = group.LoadBalancerArns?.length
        ? (await send('DescribeLoadBalancers', (abortSignal) => readContext.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: group.LoadBalancerArns }), { abortSignal }))).LoadBalancers ?? []
        : [];
      return { call: 'DescribeTargetGroups, DescribeLoadBalancers', object: { TargetGroup: group, LoadBalancers: lbs } };
    }
    case 'task': {
      const r = await send('DescribeTasks', (abortSignal) => ecs.send(new DescribeTasksCommand({ cluster, tasks: [name], include: ['TAGS'] }), { abortSignal }));
      return { call: 'DescribeTasks', object: one(r.tasks, r.failures, `task ${name}`) };
    }
    case 'containerinstance': {
      const r = await send('DescribeContainerInstances', (abortSignal) => ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [name], include: ['TAGS'] }), { abortSignal }));
      return { call: 'DescribeContainerInstances', object: one(r.containerInstances, r.failures, `container instance ${name}`) };
    }
    case 'config':
    case 'volume': {
      // Environment sets and volumes are parts of a task definition: its description, whole.
      if (!o.ref.arn) throw new RawNotFoundError(`${name} names no task definition`);
      const r = await send('DescribeTaskDefinition', (abortSignal) => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: o.ref.arn, include: ['TAGS'] }), { abortSignal }));
      return { call: 'DescribeTaskDefinition', object: { taskDefinition: r.taskDefinition, tags: r.tags } };
    }
    case 'secret': {
      // Metadata only: DescribeSecret and DescribeParameters never return a value.
      const region = /^arn:[^:]+:[^:]+:([^:]+):/.exec(o.ref.arn ?? '')?.[1] ?? id.region;
      const stores = readContext.clients.secretStores.forRegion(region);
      if (o.ref.kind === 'SecretsManagerSecret') {
        const r = await send('DescribeSecret', (abortSignal) => stores.secretsManager.send(new DescribeSecretCommand({ SecretId: o.ref.arn ?? name }), { abortSignal }));
        return { call: 'DescribeSecret', object: r };
      }
      const r = await send('DescribeParameters', (abortSignal) => stores.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [name] }] }), { abortSignal }));
      return { call: 'DescribeParameters', object: one(r.Parameters, undefined, `SSM parameter ${name}`) };
    }
    case 'scalabletarget': {
      const ResourceIds = [`service/${cluster}/${name}`];
      const [t, p] = await Promise.all([
        send('DescribeScalableTargets', (abortSignal) => readContext.clients.autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds }), { abortSignal })),
        send('DescribeScalingPolicies', (abortSignal) => readContext.clients.autoscaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: ResourceIds[0] }), { abortSignal })),
      ]);
      return { call: 'DescribeScalableTargets, DescribeScalingPolicies', object: { ScalableTarget: one(t.ScalableTargets, undefined, `scalable target ${ResourceIds[0]}`), ScalingPolicies: p.ScalingPolicies ?? [] } };
    }
    default:
      throw new RawNotFoundError(`${o.ref.kind} ${name} has no Describe call of its own`);
  }
}
