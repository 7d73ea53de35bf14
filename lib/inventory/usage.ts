// The read-only "usage" roles an adapter may offer: what workloads and nodes use now, read on
// demand. Kubernetes: metrics.k8s.io (current values only; the server keeps the history, see
// lib/server/usage-history.ts). ECS: CloudWatch's AWS/ECS utilization series (CloudWatch keeps
// the history). A part that cannot be read is data (`UsageProblem`), never a zero.

/** Why a part of the usage could not be read. */
export interface UsageProblem {
  message: string;
  /** The platform's HTTP status, when there was one (403, 404, 503…). */
  status?: number;
  /**
   * The platform has no such metrics at all (metrics-server not installed or not ready): the UI says
   * "not covered", not "error".
   */
  notCovered?: boolean;
}

export type UsagePart<T> = { ok: true; items: T[] } | { ok: false; problem: UsageProblem };

/** One pod's current usage, its containers summed. */
export interface PodUsage {
  namespace: string;
  name: string;
  /** millicores, fractional (metrics-server reports nanocores) */
  cpuMillis: number;
  memoryBytes: number;
}

export interface NodeUsage {
  name: string;
  cpuMillis: number;
  memoryBytes: number;
}

/** One read of metrics.k8s.io: pods and nodes are separate permissions, so separate parts. */
export interface KubeMetricsRead {
  /** When it was read (ms, the reader's clock). */
  at: number;
  pods: UsagePart<PodUsage>;
  nodes: UsagePart<NodeUsage>;
}

/** An ECS series to read: a service (ClusterName + ServiceName) or a whole cluster (ClusterName). */
export interface EcsMetricTarget {
  cluster: string;
  service?: string;
}

/** One minute (period) of a CloudWatch series, utilization in percent of the reservation. */
export interface UtilizationPoint {
  /** ms since the epoch, the start of the period */
  t: number;
  cpuPercent?: number;
  memoryPercent?: number;
}

/** The last hour of one target, oldest point first; or why it could not be read. */
export type EcsMetricsRead = { ok: true; points: UtilizationPoint[]; fetchedAt: number } | { ok: false; problem: UsageProblem };

/** The usage roles of SourceAdapter (lib/inventory/types.ts). */
export interface UsageReaders {
  /** Kubernetes: every pod's and node's current usage (lists of metrics.k8s.io, paged). */
  readKubeMetrics?(signal?: AbortSignal): Promise<KubeMetricsRead>;
  /** ECS: the last hour of each target, in the order asked (batched GetMetricData, cached). */
  readEcsMetrics?(targets: EcsMetricTarget[], signal?: AbortSignal): Promise<EcsMetricsRead[]>;
}

export const ecsTargetKey = (t: EcsMetricTarget): string => (t.service === undefined ? t.cluster : `${t.cluster}/${t.service}`);
