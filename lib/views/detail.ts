// Everything the workload detail page shows about one workload (the JSON of GET /api/workload,
// gathered on the server by lib/views/related.ts).
import type { SameAppBy } from '@/lib/relations/same-app';
import type { Autoscaler, Config, Instance, ModelEvent, Revision, Secret, Source, Volume, Workload, Endpoint } from '@/lib/model';

export interface AlsoOn { workload: Workload; by: SameAppBy }

export interface WorkloadDetail {
  /** All sources (a handful): names for the workload's and the "also on" sources. */
  sources: Source[];
  workload: Workload;
  revisions: Revision[];
  /** How many instances run each revision, by revision id ("" for instances with no known revision), in instance order. */
  instancesByRevision: { revision: string; count: number }[];
  instances: Instance[];
  endpoints: Endpoint[];
  configs: Config[];
  secrets: Secret[];
  volumes: Volume[];
  autoscalers: Autoscaler[];
  events: ModelEvent[];
  alsoOn: AlsoOn[];
}
