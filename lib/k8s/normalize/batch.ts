// Job / CronJob -> Workload with scheduling "batch".
//
// Protocol facts: a Job is finished when its Complete (or, since 1.31, SuccessCriteriaMet) condition
// is True, failed when Failed is True; spec.suspend pauses it. A CronJob creates Jobs on its
// schedule; status.active lists the Jobs running now. Pods of a Job point at it (controller owner).
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { asArray, num, selectorLabels, type NormalizeContext } from './common';
import type { RefResolver } from './template';
import { workloadBase, type NormalizedWorkload } from './workloads';

export function normalizeJob(ctx: NormalizeContext, job: V1Job, resolver: RefResolver): NormalizedWorkload {
  const { base, t, index } = workloadBase(ctx, job, 'Job', job.spec?.template, resolver);
  const st = job.status;
  const cond = (type: string) => asArray(st?.conditions).find((c) => c.type === type && c.status === 'True');
  const failed = cond('Failed');
  const rollout = failed ? { state: 'failed' as const, ...(failed.message ? { message: failed.message } : {}) }
    : cond('Complete') || cond('SuccessCriteriaMet') ? { state: 'complete' as const }
    : job.spec?.suspend ? { state: 'paused' as const }
    : st ? { state: 'progressing' as const } : { state: 'unknown' as const };
  return {
    index,
    workload: {
      ...base,
      kind: 'workload',
      workloadKind: 'Job',
      scheduling: 'batch',
      desired: num(job.spec?.completions) ?? num(job.spec?.parallelism) ?? 1,
      ready: num(st?.ready) ?? num(st?.active) ?? 0,
      available: num(st?.succeeded) ?? 0,
      rollout,
      template: t.template,
      placement: t.placement,
      selector: selectorLabels(job.spec?.selector) ?? {},
    },
  };
}

export function normalizeCronJob(ctx: NormalizeContext, cj: V1CronJob, resolver: RefResolver): NormalizedWorkload {
  const { base, t, index } = workloadBase(ctx, cj, 'CronJob', cj.spec?.jobTemplate?.spec?.template, resolver);
  const active = asArray(cj.status?.active).length;
  return {
    index,
    workload: {
      ...base,
      kind: 'workload',
      workloadKind: 'CronJob',
      scheduling: 'batch',
      desired: active,
      ready: active,
      rollout: cj.spec?.suspend ? { state: 'paused' } : { state: 'complete' },
      template: t.template,
      placement: t.placement,
      ...(cj.spec?.schedule ? { strategy: `schedule ${cj.spec.schedule}${cj.spec.timeZone ? ` ${cj.spec.timeZone}` : ''}` } : {}),
    },
  };
}
