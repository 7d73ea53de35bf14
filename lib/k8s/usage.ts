// Current usage from metrics.k8s.io/v1beta1, as `kubectl top` reads it: PodMetrics of every namespace
// and NodeMetrics, GET only (plain JSON pages through list-page.ts, as the adapter's lists), paged
// with limit/continue (metrics-server ignores paging and answers everything at once; an aggregated
// API server that honours it is followed).
// Protocol facts: the group is served by an APIService. Without metrics-server the group does not
// exist (404 on its paths); with an APIService whose backend is down or not ready the aggregator
// answers 503 ("the server is currently unable to handle the request"). Both mean "no metrics": not
// covered, never zero. Quantities: CPU in nanocores ("123456n"), memory in KiB ("2048Ki").
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeMetricsRead, NodeUsage, PodUsage, UsagePart, UsageProblem } from '@/lib/inventory/usage';
import { parseQuantity } from '@/lib/model/units';
import { deadline, type Clock } from '@/lib/util/clock';
import { classifyError } from './errors';
import { listPager } from './list-page';

export const METRICS_GROUP_VERSION = 'metrics.k8s.io/v1beta1';

export interface KubeMetricsOptions {
  kc: KubeConfig;
  server: string;
  /** The source id, for messages. */
  source: string;
  clock: Clock;
  /** Each page must arrive within this. */
  timeoutMs: number;
  /** Items per page (limit). Default 500. */
  pageSize?: number;
}

interface Quantities { cpu?: string; memory?: string }
interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
  usage?: Quantities;
  containers?: { name?: string; usage?: Quantities }[];
}

/** Fractional millicores and bytes of a usage map; missing or unparsable quantities count as 0. */
function amounts(u: Quantities | undefined): { cpuMillis: number; memoryBytes: number } {
  return { cpuMillis: (parseQuantity(u?.cpu) ?? 0) * 1000, memoryBytes: parseQuantity(u?.memory) ?? 0 };
}

/** A PodMetrics item -> its containers summed (pure). */
export function podUsageOf(item: MetricsItem): PodUsage {
  let cpuMillis = 0;
  let memoryBytes = 0;
  for (const c of item.containers ?? []) {
    const a = amounts(c.usage);
    cpuMillis += a.cpuMillis;
    memoryBytes += a.memoryBytes;
  }
  return { namespace: item.metadata?.namespace ?? '', name: item.metadata?.name ?? '', cpuMillis, memoryBytes };
}

export const nodeUsageOf = (item: MetricsItem): NodeUsage => ({ name: item.metadata?.name ?? '', ...amounts(item.usage) });

/** What a failed list means to a user (pure). */
export function metricsProblem(status: number | undefined, message: string, resource: 'pods' | 'nodes', source: string): UsageProblem {
  if (status === 404) return { status, notCovered: true, message: `metrics-server is not installed: ${source} does not serve ${METRICS_GROUP_VERSION} (404)` };
  if (status === 503) return { status, notCovered: true, message: `metrics-server is not installed or not ready: ${source} answers 503 for ${METRICS_GROUP_VERSION} (its APIService is unavailable)` };
  if (status === 403) {
    return { status, message: `the credentials of ${source} may not list ${resource}.metrics.k8s.io (403 Forbidden): grant get and list on ${resource} in the API group metrics.k8s.io (deploy/kubernetes ClusterRole)` };
  }
  return { ...(status !== undefined ? { status } : {}), message };
}

async function listAll(o: KubeMetricsOptions, resource: 'pods' | 'nodes', signal?: AbortSignal): Promise<MetricsItem[]> {
  const page = listPager(o.kc, o.server, o.clock);
  const path = `/apis/${METRICS_GROUP_VERSION}/${resource}`;
  const items: MetricsItem[] = [];
  let token: string | undefined;
  do {
    const d = deadline(o.clock, o.timeoutMs, `GET ${path}`, signal);
    try {
      const list = await page({ path, limit: o.pageSize ?? 500, ...(token ? { continue: token } : {}) }, d.signal);
      items.push(...((list.items ?? []) as MetricsItem[]));
      token = list.metadata?.continue || undefined;
    } catch (err) {
      throw classifyError(d.signal.aborted && !signal?.aborted ? d.signal.reason : err, o.server, o.clock);
    } finally {
      d.clear();
    }
  } while (token);
  return items;
}

async function part<T>(o: KubeMetricsOptions, resource: 'pods' | 'nodes', map: (i: MetricsItem) => T, signal?: AbortSignal): Promise<UsagePart<T>> {
  try {
    return { ok: true, items: (await listAll(o, resource, signal)).map(map) };
  } catch (err) {
    const e = classifyError(err, o.server, o.clock);
    return { ok: false, problem: metricsProblem(e.status, e.message, resource, o.source) };
  }
}

/** Every pod's and node's usage now; a part that fails is a problem, the other still read. */
export async function readKubeMetrics(o: KubeMetricsOptions, signal?: AbortSignal): Promise<KubeMetricsRead> {
  const at = o.clock.now();
  const [pods, nodes] = await Promise.all([part(o, 'pods', podUsageOf, signal), part(o, 'nodes', nodeUsageOf, signal)]);
  return { at, pods, nodes };
}
