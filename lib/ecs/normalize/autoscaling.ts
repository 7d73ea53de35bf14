// Application Auto Scaling scalable targets (ServiceNamespace ecs, ResourceId service/CLUSTER/SERVICE)
// and their policies -> Autoscalers.
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { Autoscaler } from '@/lib/model';
import { parseServiceResourceId } from '@/lib/relations/ecs';
import { baseOf, serviceIdOf, type EcsNormalizeContext } from './common';

const PREDEFINED: Record<string, string> = {
  ECSServiceAverageCPUUtilization: 'cpu',
  ECSServiceAverageMemoryUtilization: 'memory',
  ALBRequestCountPerTarget: 'requestsPerTarget',
};

export function normalizeScalableTarget(ctx: EcsNormalizeContext, t: ScalableTarget, policies: readonly ScalingPolicy[], current?: { desired?: number; running?: number }): Autoscaler | undefined {
  const parsed = parseServiceResourceId(t.ResourceId);
  if (!parsed || t.ScalableDimension !== 'ecs:service:DesiredCount') return undefined;
  const metrics: Autoscaler['metrics'] = [];
  for (const p of policies) {
    if (p.ResourceId !== t.ResourceId || p.ScalableDimension !== t.ScalableDimension) continue;
    const tt = p.TargetTrackingScalingPolicyConfiguration;
    if (tt?.TargetValue === undefined) continue;
    const predefined = tt.PredefinedMetricSpecification?.PredefinedMetricType;
    const name = predefined ? (PREDEFINED[predefined] ?? predefined) : (tt.CustomizedMetricSpecification?.MetricName ?? p.PolicyName ?? 'custom');
    // Predefined ECS metrics are percentages of the task's reservation: utilization targets.
    const targetType = predefined && predefined.endsWith('Utilization') ? 'utilization' : predefined ? 'averageValue' : 'value';
    metrics.push({ name, targetType, target: tt.TargetValue });
  }
  return {
    ...baseOf(ctx, 'scalabletarget', parsed.service, 'ScalableTarget', { arn: t.ScalableTargetARN, createdAt: t.CreationTime }),
    kind: 'autoscaler',
    target: serviceIdOf(ctx, parsed.service),
    targetName: parsed.service,
    min: t.MinCapacity ?? 0,
    max: t.MaxCapacity ?? 0,
    ...(current?.running !== undefined ? { current: current.running } : {}),
    ...(current?.desired !== undefined ? { desired: current.desired } : {}),
    metrics,
  };
}
