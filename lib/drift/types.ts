// The drift engine's output: what the page, the API and the CLI show. Every finding is
// self-contained (both workloads, both values as a person reads them, the hints), so that a
// finding can be printed, linked or posted to a pull request on its own.
import type { Platform } from '@/lib/model';

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** What a field is about; decides the severity (see severity.ts). */
export type Category =
  | 'image' | 'command' | 'env' | 'secret' | 'container'
  | 'resources' | 'ports' | 'scale' | 'health' | 'volumes'
  | 'placement' | 'identity' | 'security';

/** One side of a pair: a workload on one source. */
export interface Side {
  workloadId: string;
  name: string;
  /** Deployment, StatefulSet, Service… */
  kind: string;
  /** Namespace (Kubernetes) or cluster (ECS). */
  group?: string;
  source: string;
  sourceName: string;
  platform: Platform;
}

/** How a pair was made: the config file, the app.kubernetes.io/name label/tag, equal names (a guess), or the same id over time. */
export type PairedBy = 'config' | 'label' | 'name' | 'id';

/** The text of a command that would bring one side to the other. Parallax never runs it. */
export interface Hint {
  /** The side the command changes ("left": make the left side like the right one). */
  changes: 'left' | 'right';
  command: string;
  /** What the command leaves to the person (edit a JSON file, restart pods…). */
  note?: string;
}

export interface Finding {
  /** `<pair id>#<container or ->#<field>`: stable across runs, usable as an anchor. */
  id: string;
  pairId: string;
  /** The pair's display key: the app name. */
  key: string;
  left: Side;
  right: Side;
  /** Container name; undefined for workload-level fields (replicas, autoscaling, placement). */
  container?: string;
  /** Field path: image, command, args, env.NAME, resources.memory.limit, ports, health, mount./data, replicas, autoscaling.max, placement… */
  field: string;
  category: Category;
  severity: Severity;
  /** Both values as shown to a person ("—" when absent). */
  leftValue: string;
  rightValue: string;
  /** One line saying what differs. */
  message: string;
  hints: Hint[];
}

/** A finding an ignore rule of the config file matched: counted and listed, never hidden. */
export interface IgnoredFinding extends Finding {
  ignoredBy: { rule: number; reason?: string };
}

/** A field that could not be compared, with the reason (403, source down, value unreadable…). Never drift. */
export interface NotCompared {
  pairId?: string;
  key?: string;
  /** For a whole source that could not be compared: its id. */
  source?: string;
  /** For pairs: the container and field ("*" when nothing of the pair could be compared); for sources: undefined. */
  container?: string;
  field?: string;
  reason: string;
  /** What each side shows where that much is known ("secret shop-db/password" against "SSM /shop/db"). */
  leftValue?: string;
  rightValue?: string;
}

/** A field compared equal, with both sides' values as a person reads them ("why equal"). */
export interface EqualField {
  container?: string;
  field: string;
  leftValue: string;
  rightValue: string;
}

export interface PairCounts {
  critical: number;
  warning: number;
  info: number;
  ignored: number;
  notCompared: number;
  equal: number;
}

export interface Pair {
  id: string;
  key: string;
  by: PairedBy;
  left: Side;
  right: Side;
  /** No field could be compared at all (a side's source down or syncing, its template unreadable). */
  compared: boolean;
  counts: PairCounts;
  findings: Finding[];
  ignored: IgnoredFinding[];
  notCompared: NotCompared[];
  equal: EqualField[];
}

/** A workload with no partner on another source. */
export interface OnlyOn {
  side: Side;
  /** The source it is missing from. */
  missingFrom: { source: string; sourceName: string; platform: Platform };
}

/** A workload with several possible partners: no guess is made. */
export interface Ambiguous {
  side: Side;
  candidates: Side[];
  /** What to write in parallax.yaml to pair it. */
  howToPair: string;
}

export interface SourceRef {
  id: string;
  name: string;
  platform: Platform;
  status: string;
}

export interface DriftTotals {
  pairs: number;
  pairsWithDrift: number;
  critical: number;
  warning: number;
  info: number;
  ignored: number;
  notCompared: number;
  onlyOn: number;
  ambiguous: number;
}

export interface DriftReport {
  generatedAt: string;
  /** "sources": pairs across live sources; "time": a saved snapshot (left) against the live sources (right). */
  mode: 'sources' | 'time';
  sources: SourceRef[];
  /** The source pairs compared: [left, right] source ids. */
  sourcePairs: [string, string][];
  pairs: Pair[];
  /** Every finding of every pair (not ignored), most severe first. */
  findings: Finding[];
  onlyOn: OnlyOn[];
  ambiguous: Ambiguous[];
  /** Sources that could not be compared at all, and fields of pairs that could not be (flattened). */
  notCompared: NotCompared[];
  totals: DriftTotals;
  /** Workloads left out of pairing (Kubernetes system namespaces), with why. */
  excluded: { count: number; reason: string };
}
