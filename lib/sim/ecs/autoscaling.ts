// Application Auto Scaling (AWS JSON 1.1, X-Amz-Target: AnyScaleFrontendService.<Op>,
// PascalCase members, epoch-seconds timestamps). Only the ECS namespace matters here, but
// targets of any namespace are stored as given.
import { uuid } from './arns';
import { ApiError } from './errors';
import { secs } from './ecs-shapes';
import { paginate, type Json, type Params } from './params';
import type { SimState } from './state';

type Handler = (state: SimState, p: Params) => Json;

const NAMESPACES = ['ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker', 'custom-resource', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces'];

const validation = (message: string): ApiError => new ApiError('ValidationException', message);
const key = (ns: string, id: string, dim: string): string => `${ns}|${id}|${dim}`;

function namespace(p: Params): string {
  const ns = p.reqStr('ServiceNamespace', 'ValidationException');
  if (!NAMESPACES.includes(ns)) throw validation(`1 validation error detected: Value '${ns}' at 'serviceNamespace' failed to satisfy constraint`);
  return ns;
}

const registerScalableTarget: Handler = (state, p) => {
  const ns = namespace(p);
  const resourceId = p.reqStr('ResourceId', 'ValidationException');
  const dim = p.reqStr('ScalableDimension', 'ValidationException');
  if (ns === 'ecs' && !/^service\/[^/]+\/[^/]+$/.test(resourceId)) throw validation(`Unsupported resource ID: ${resourceId}`);
  const k = key(ns, resourceId, dim);
  const existing = state.scalableTargets.get(k);
  const min = p.int('MinCapacity') ?? existing?.minCapacity;
  const max = p.int('MaxCapacity') ?? existing?.maxCapacity;
  if (min === undefined || max === undefined) throw validation('MinCapacity and MaxCapacity are required when registering a new scalable target');
  if (min > max) throw validation('Minimum capacity cannot be greater than maximum capacity');
  const arn = existing?.arn ?? `arn:aws:application-autoscaling:${state.region}:${state.accountId}:scalable-target/${uuid().replaceAll('-', '').slice(0, 28)}`;
  state.scalableTargets.set(k, {
    arn,
    serviceNamespace: ns,
    resourceId,
    scalableDimension: dim,
    minCapacity: min,
    maxCapacity: max,
    roleArn: p.str('RoleARN') ?? `arn:aws:iam::${state.accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
    createdAt: existing?.createdAt ?? state.now(),
  });
  return { ScalableTargetARN: arn };
};

const describeScalableTargets: Handler = (state, p) => {
  const ns = namespace(p);
  const ids = p.strList('ResourceIds');
  const dim = p.str('ScalableDimension');
  const all = [...state.scalableTargets.values()].filter(
    (t) => t.serviceNamespace === ns && (!ids || ids.length === 0 || ids.includes(t.resourceId)) && (dim === undefined || t.scalableDimension === dim),
  );
  const page = paginate(all, p.str('NextToken'), p.int('MaxResults'), { def: 50, max: 50, errorCode: 'ValidationException', field: 'MaxResults' });
  return {
    ScalableTargets: page.items.map((t) => ({
      ServiceNamespace: t.serviceNamespace,
      ResourceId: t.resourceId,
      ScalableDimension: t.scalableDimension,
      MinCapacity: t.minCapacity,
      MaxCapacity: t.maxCapacity,
      RoleARN: t.roleArn,
      CreationTime: secs(t.createdAt),
      SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      ScalableTargetARN: t.arn,
    })),
    NextToken: page.nextToken,
  };
};

const putScalingPolicy: Handler = (state, p) => {
  const ns = namespace(p);
  const name = p.reqStr('PolicyName', 'ValidationException');
  const resourceId = p.reqStr('ResourceId', 'ValidationException');
  const dim = p.reqStr('ScalableDimension', 'ValidationException');
  if (!state.scalableTargets.has(key(ns, resourceId, dim))) {
    throw new ApiError('ObjectNotFoundException', `No scalable target registered for service namespace: ${ns}, resource ID: ${resourceId}, scalable dimension: ${dim}`);
  }
  const policyType = p.str('PolicyType') ?? 'StepScaling';
  const config = policyType === 'TargetTrackingScaling' ? p.obj('TargetTrackingScalingPolicyConfiguration') : p.obj('StepScalingPolicyConfiguration');
  if (!config) throw validation(`${policyType === 'TargetTrackingScaling' ? 'TargetTrackingScalingPolicyConfiguration' : 'StepScalingPolicyConfiguration'} is required`);
  if (policyType === 'TargetTrackingScaling' && typeof config.TargetValue !== 'number') throw validation('TargetValue is required');
  const pk = `${key(ns, resourceId, dim)}|${name}`;
  const existing = state.scalingPolicies.get(pk);
  const arn = existing?.arn ?? `arn:aws:autoscaling:${state.region}:${state.accountId}:scalingPolicy:${uuid()}:resource/${ns}/${resourceId}:policyName/${name}`;
  state.scalingPolicies.set(pk, { arn, name, serviceNamespace: ns, resourceId, scalableDimension: dim, policyType, config, createdAt: existing?.createdAt ?? state.now() });
  return { PolicyARN: arn, Alarms: alarms(state, resourceId, name) };
};

/** Target tracking creates a high and a low CloudWatch alarm per policy. */
function alarms(state: SimState, resourceId: string, name: string): Json[] {
  if (!name) return [];
  const id = uuid();
  return ['AlarmHigh', 'AlarmLow'].map((kind) => {
    const alarmName = `TargetTracking-${resourceId}-${kind}-${id}`;
    return { AlarmName: alarmName, AlarmARN: `arn:aws:cloudwatch:${state.region}:${state.accountId}:alarm:${alarmName}` };
  });
}

const describeScalingPolicies: Handler = (state, p) => {
  const ns = namespace(p);
  const names = p.strList('PolicyNames');
  const resourceId = p.str('ResourceId');
  const dim = p.str('ScalableDimension');
  const all = [...state.scalingPolicies.values()].filter(
    (x) =>
      x.serviceNamespace === ns &&
      (resourceId === undefined || x.resourceId === resourceId) &&
      (dim === undefined || x.scalableDimension === dim) &&
      (!names || names.length === 0 || names.includes(x.name)),
  );
  const page = paginate(all, p.str('NextToken'), p.int('MaxResults'), { def: 50, max: 50, errorCode: 'ValidationException', field: 'MaxResults' });
  return {
    ScalingPolicies: page.items.map((x) => ({
      PolicyARN: x.arn,
      PolicyName: x.name,
      ServiceNamespace: x.serviceNamespace,
      ResourceId: x.resourceId,
      ScalableDimension: x.scalableDimension,
      PolicyType: x.policyType,
      ...(x.policyType === 'TargetTrackingScaling' ? { TargetTrackingScalingPolicyConfiguration: x.config } : { StepScalingPolicyConfiguration: x.config }),
      Alarms: [],
      CreationTime: secs(x.createdAt),
    })),
    NextToken: page.nextToken,
  };
};

const deregisterScalableTarget: Handler = (state, p) => {
  const ns = namespace(p);
  const k = key(ns, p.reqStr('ResourceId', 'ValidationException'), p.reqStr('ScalableDimension', 'ValidationException'));
  if (!state.scalableTargets.delete(k)) throw new ApiError('ObjectNotFoundException', 'No scalable target found for service namespace');
  for (const pk of [...state.scalingPolicies.keys()]) if (pk.startsWith(`${k}|`)) state.scalingPolicies.delete(pk);
  return {};
};

export const AUTOSCALING_HANDLERS: Record<string, Handler> = {
  RegisterScalableTarget: registerScalableTarget,
  DescribeScalableTargets: describeScalableTargets,
  DeregisterScalableTarget: deregisterScalableTarget,
  PutScalingPolicy: putScalingPolicy,
  DescribeScalingPolicies: describeScalingPolicies,
};
