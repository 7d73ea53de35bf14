/**
 * `metrics.k8s.io/v1beta1` as metrics-server serves it (what `kubectl top` reads): PodMetrics of
 * Running pods and NodeMetrics of nodes, lists (label selector honoured) and gets, computed from
 * the store at the simulator's clock (usage.ts). Read-only: other verbs answer 405.
 */
import type { ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { sendJson } from './http';
import type { ResourceDef } from './resources';
import { matchesLabels, parseLabelSelector } from './selectors';
import { ApiError, type Dict, type KubeObject } from './types';
import { containerUsage, nodeUsage, sampleTime, usageQuantities, WINDOW_MS } from './usage';

const GV = 'metrics.k8s.io/v1beta1';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function metadata(o: KubeObject, now: number): Dict {
  const m: Dict = { name: o.metadata.name, creationTimestamp: iso(now) };
  if (o.metadata.namespace) m.namespace = o.metadata.namespace;
  if (o.metadata.labels) m.labels = o.metadata.labels;
  return m;
}

function podMetrics(ctx: SimContext, pod: KubeObject, now: number): Dict {
  const at = sampleTime(now);
  return {
    kind: 'PodMetrics',
    apiVersion: GV,
    metadata: metadata(pod, now),
    timestamp: iso(at),
    window: `${WINDOW_MS / 1000}s`,
    containers: ((pod.spec?.containers ?? []) as Dict[]).map((c) => ({ name: c.name, usage: usageQuantities(containerUsage(pod, c, ctx.seed, at)) })),
  };
}

function nodeMetrics(ctx: SimContext, node: KubeObject, pods: KubeObject[], now: number): Dict {
  const at = sampleTime(now);
  return { kind: 'NodeMetrics', apiVersion: GV, metadata: metadata(node, now), timestamp: iso(at), window: '20s', usage: usageQuantities(nodeUsage(node, pods, ctx.seed, at)) };
}

const notFound = (def: ResourceDef, name: string) => new ApiError(404, 'NotFound', `${def.name}.metrics.k8s.io "${name}" not found`, { name, group: 'metrics.k8s.io', kind: def.name });

/** Only Ready nodes and Running pods have samples, as with metrics-server. */
const running = (p: KubeObject) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;

export function handleMetrics(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string | undefined, method: string, q: URLSearchParams, res: ServerResponse): void {
  if (method !== 'GET' || q.get('watch') === 'true') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const now = ctx.clock.now();
  const selector = parseLabelSelector(q.get('labelSelector'));
  if (def.name === 'pods') {
    if (name !== undefined) {
      const pod = ctx.store.get('pods', ns, name);
      if (!pod || !running(pod)) throw notFound(def, name);
      return sendJson(res, 200, podMetrics(ctx, pod, now));
    }
    const pods = ctx.store.list('pods', ns, (p) => running(p) && matchesLabels(selector, p.metadata.labels));
    return sendJson(res, 200, { kind: 'PodMetricsList', apiVersion: GV, metadata: {}, items: pods.map((p) => podMetrics(ctx, p, now)) });
  }
  const pods = ctx.store.list('pods', undefined, running);
  if (name !== undefined) {
    const node = ctx.store.get('nodes', undefined, name);
    if (!node) throw notFound(def, name);
    return sendJson(res, 200, nodeMetrics(ctx, node, pods, now));
  }
  const nodes = ctx.store.list('nodes', undefined, (n) => matchesLabels(selector, n.metadata.labels));
  return sendJson(res, 200, { kind: 'NodeMetricsList', apiVersion: GV, metadata: {}, items: nodes.map((n) => nodeMetrics(ctx, n, pods, now)) });
}
