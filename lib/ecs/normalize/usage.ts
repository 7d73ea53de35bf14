// Which task definitions a cluster uses, and by which workloads (the task-definition rules of
// lib/relations/ecs.ts): the Config / Secret / Volume objects of one cluster, merged by id (two
// revisions may reference the same SSM parameter).
import type { Service, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Config, Secret, Volume } from '@/lib/model';
import { serviceOfGroup, serviceTaskDefinitions } from '@/lib/relations/ecs';
import { serviceIdOf, tolerant, type EcsNormalizeContext, type SkippedItem } from './common';
import { normalizeTaskDefinitionObjects } from './taskdef';

export type TaskDefSource = (arn: string) => { taskDefinition: TaskDefinition; labels: Record<string, string> } | undefined;

export function taskDefObjectsForCluster(ctx: EcsNormalizeContext, services: readonly Service[], tasks: readonly Task[], lookup: TaskDefSource, skipped: SkippedItem[]): (Config | Secret | Volume)[] {
  // ARN -> workload ids using it; standalone tasks use it without a workload.
  const usedBy = new Map<string, Set<string>>();
  const use = (arn: string | undefined, workload?: string) => {
    if (!arn) return;
    const s = usedBy.get(arn) ?? new Set<string>();
    if (workload) s.add(workload);
    usedBy.set(arn, s);
  };
  for (const service of services) {
    if (!service.serviceName) continue;
    const workload = serviceIdOf(ctx, service.serviceName);
    for (const arn of serviceTaskDefinitions(service)) use(arn, workload);
  }
  for (const task of tasks) {
    const serviceName = serviceOfGroup(task.group);
    use(task.taskDefinitionArn, serviceName ? serviceIdOf(ctx, serviceName) : undefined);
  }
  return tolerant([...usedBy.entries()], 'task definition', ([arn]) => arn, skipped, ([arn, users]) => {
    const e = lookup(arn);
    if (!e) return undefined;
    const o = normalizeTaskDefinitionObjects(ctx, e.taskDefinition, [...users].sort(), e.labels);
    return [...o.configs, ...o.secrets, ...o.volumes];
  });
}

/** Objects with the same id (a secret referenced by two revisions) become one, usedBy and keys unioned. */
export function mergeTaskDefObjects(objects: readonly (Config | Secret | Volume)[]): (Config | Secret | Volume)[] {
  const byId = new Map<string, Config | Secret | Volume>();
  for (const o of objects) {
    const prev = byId.get(o.id);
    if (!prev) {
      byId.set(o.id, o.kind === 'secret' ? { ...o, keys: [...o.keys], usedBy: [...o.usedBy] } : { ...o, usedBy: [...o.usedBy] });
      continue;
    }
    prev.usedBy = [...new Set([...prev.usedBy, ...o.usedBy])].sort();
    if (prev.kind === 'secret' && o.kind === 'secret') {
      for (const k of o.keys) if (!prev.keys.some((x) => x.key === k.key && x.ref === k.ref)) prev.keys.push(k);
      prev.keys.sort((a, b) => a.key.localeCompare(b.key));
    }
  }
  return [...byId.values()];
}
