// Workload-level intent: scheduling, scale (replicas only when neither side autoscales: the HPA noise
// Argo CD users fight), autoscaling bounds and targets, the task/pod size where a side only has
// that, placement and identity (info).
import type { Autoscaler, PlacementTerm } from '@/lib/model';
import type { Collector, CompareContext } from './collect';
import { onlyInstanceLevel } from './containers';
import { ABSENT, autoscalerText, cpuText, memoryText } from './values';

function compareScale(col: Collector, ctx: CompareContext): void {
  const { left, right } = ctx;
  if (left.w.scheduling !== right.w.scheduling) {
    col.diff({
      field: 'scheduling', category: 'scale', leftValue: left.w.scheduling, rightValue: right.w.scheduling,
      message: `${left.w.scheduling} scheduling on ${left.label}, ${right.w.scheduling} on ${right.label}`, change: { kind: 'workload', what: 'the scheduling (replicas, daemon, batch)' },
    });
    return;
  }
  if (left.w.scheduling !== 'replica') return;
  const missing = [left, right].find((s) => s.uncovered.has('autoscalers'));
  if (missing) {
    col.skip(undefined, 'replicas', `${missing.label}: autoscaling not readable (${missing.uncovered.get('autoscalers')}), so replicas may be managed`);
    return;
  }
  const { left: la, right: ra } = ctx.autoscalers;
  if (!la && !ra) {
    col.compare(left.w.desired === right.w.desired, undefined, 'replicas', String(left.w.desired), String(right.w.desired), () => ({
      category: 'scale', message: `replicas differ: ${left.w.desired} vs ${right.w.desired}`, change: { kind: 'replicas', left: left.w.desired, right: right.w.desired },
    }));
    return;
  }
  if (!la || !ra) {
    const fixed = la ? right : left;
    col.diff({
      field: 'autoscaling', category: 'scale', leftValue: la ? autoscalerText(la) : `fixed ${left.w.desired}`, rightValue: ra ? autoscalerText(ra) : `fixed ${right.w.desired}`,
      message: `autoscaled on ${(la ? left : right).label} only; ${fixed.label} runs a fixed ${fixed.w.desired}`, change: { kind: 'autoscaling', left: la, right: ra },
    });
    return;
  }
  compareAutoscalers(col, la, ra);
}

function compareAutoscalers(col: Collector, a: Autoscaler, b: Autoscaler): void {
  const change = { kind: 'autoscaling' as const, left: a, right: b };
  col.compare(a.min === b.min, undefined, 'autoscaling.min', String(a.min), String(b.min), () => ({ category: 'scale', message: `autoscaling minimum differs: ${a.min} vs ${b.min}`, change }));
  col.compare(a.max === b.max, undefined, 'autoscaling.max', String(a.max), String(b.max), () => ({ category: 'scale', message: `autoscaling maximum differs: ${a.max} vs ${b.max}`, change }));
  const names = [...new Set([...a.metrics, ...b.metrics].map((m) => m.name))].sort();
  for (const name of names) {
    const ma = a.metrics.find((m) => m.name === name);
    const mb = b.metrics.find((m) => m.name === name);
    const text = (m: typeof ma) => (m ? `${m.target}${m.targetType === 'utilization' ? '%' : ` (${m.targetType})`}` : ABSENT);
    col.compare(!!ma && !!mb && ma.target === mb.target && ma.targetType === mb.targetType, undefined, `autoscaling.${name}`, text(ma), text(mb), () => ({
      category: 'scale', message: ma && mb ? `autoscaling target on ${name} differs` : `autoscaling on ${name} only on one side`, change,
    }));
  }
}

/** The task/pod size, compared where a side has no container-level value for it (a multi-container task sized only at task level). */
function compareInstanceSize(col: Collector, ctx: CompareContext): void {
  for (const k of ['cpuMillis', 'memoryBytes'] as const) {
    if (!onlyInstanceLevel(ctx.left.w, k) && !onlyInstanceLevel(ctx.right.w, k)) continue;
    const a = ctx.left.w.template.reserved[k];
    const b = ctx.right.w.template.reserved[k];
    const text = (p: 'kubernetes' | 'ecs', v: number | undefined) => (k === 'cpuMillis' ? cpuText(p, v) : memoryText(p, v));
    const resource = k === 'cpuMillis' ? 'cpu' : 'memory';
    col.compare(a === b, undefined, `resources.${resource}.instance`, text(ctx.left.w.platform, a), text(ctx.right.w.platform, b), () => ({
      category: 'resources', message: `${resource} per instance differs (task size against the sum of the other side's requests)`,
      change: { kind: 'resources', resource, which: 'instance', left: a, right: b },
    }));
  }
}

const termKey = (t: PlacementTerm, full: boolean) => (full ? `${t.type} ${t.over ?? ''} ${t.required ? 'required' : 'preferred'} ${t.expression ?? ''}`.trim() : `${t.type}${t.over ? ` ${t.over}` : ''}`);

/**
 * Across platforms only the rules both can express compare: spread over a topology, one per
 * domain (zone spread <-> spread on the availability zone; hostname anti-affinity <-> distinctInstance).
 * Between two sources of one platform every term compares.
 */
function comparePlacement(col: Collector, ctx: CompareContext): void {
  const keep = (t: PlacementTerm) => !ctx.crossPlatform || t.type === 'spread' || t.type === 'distinct';
  const keys = (ts: PlacementTerm[]) => [...new Set(ts.filter(keep).map((t) => termKey(t, !ctx.crossPlatform)))].sort();
  const a = keys(ctx.left.w.placement.terms);
  const b = keys(ctx.right.w.placement.terms);
  const text = (ks: string[]) => (ks.length ? ks.join(', ') : ABSENT);
  col.compare(a.join('|') === b.join('|'), undefined, 'placement', text(a), text(b), () => ({
    category: 'placement', message: 'placement rules differ', change: { kind: 'workload', what: 'the placement rules' },
  }));
}

function compareIdentity(col: Collector, ctx: CompareContext): void {
  // A service account and a task role are not the same kind of thing: only compared within one platform.
  if (ctx.crossPlatform) return;
  const a = ctx.left.w.template.identity;
  const b = ctx.right.w.template.identity;
  if (a === undefined && b === undefined) return;
  col.compare(a === b, undefined, 'identity', a ?? ABSENT, b ?? ABSENT, () => ({ category: 'identity', message: 'runs with another identity', change: { kind: 'template', what: 'the identity (service account, task role)' } }));
}

export function compareWorkloadLevel(col: Collector, ctx: CompareContext): void {
  compareScale(col, ctx);
  compareInstanceSize(col, ctx);
  comparePlacement(col, ctx);
  compareIdentity(col, ctx);
}
