// What the comparisons report, before hints and ignore rules are applied: differences (with the
// change that would remove them, for the hints), fields compared equal, fields not compared.
import type { Autoscaler, EnvVar, Source, Workload } from '@/lib/model';
import type { Category, EqualField, Severity } from './types';

/** A container's name on each side (equal unless a workload's only main containers were paired across names). */
export interface ContainerNames {
  left: string;
  right: string;
}

/** What would remove a difference, in terms hints.ts turns into commands. */
export type Change =
  | { kind: 'image'; containers: ContainerNames; left?: string; right?: string }
  | { kind: 'env'; containers: ContainerNames; name: string; left?: EnvVar; right?: EnvVar }
  | { kind: 'resources'; containers?: ContainerNames; resource: 'cpu' | 'memory'; which: 'request' | 'limit' | 'instance'; left?: number; right?: number }
  | { kind: 'replicas'; left: number; right: number }
  | { kind: 'autoscaling'; left?: Autoscaler; right?: Autoscaler }
  /** Anything else in the pod template / task definition (command, ports, health, mounts…). */
  | { kind: 'template'; containers?: ContainerNames; what: string }
  /** Workload-level settings outside the template (placement strategy, scheduling). */
  | { kind: 'workload'; what: string };

export interface Difference {
  container?: string;
  field: string;
  category: Category;
  /** Overrides the category's severity (a missing sidecar is a warning, "not comparable" is info). */
  severity?: Severity;
  leftValue: string;
  rightValue: string;
  message: string;
  change: Change;
}

/** One side of a comparison, with what the engine knows of its source. */
export interface SideContext {
  w: Workload;
  source: Source;
  /** "Kubernetes kind-demo", "ECS demo/us-east-1": for messages. */
  label: string;
  /** Model collections this source could not read, with the reason (403, throttled…). */
  uncovered: ReadonlyMap<string, string>;
}

export interface CompareContext {
  left: SideContext;
  right: SideContext;
  /** Kubernetes <-> ECS: fields one platform cannot express are skipped, not reported. */
  crossPlatform: boolean;
  autoscalers: { left?: Autoscaler; right?: Autoscaler };
}

export class Collector {
  readonly differences: Difference[] = [];
  readonly equal: EqualField[] = [];
  readonly skipped: { container?: string; field: string; reason: string; leftValue?: string; rightValue?: string }[] = [];

  diff(d: Difference): void {
    this.differences.push(d);
  }
  // Called for every field of every pair: plain literals, no spreads (they cost at 1,000 pairs).
  same(container: string | undefined, field: string, leftValue: string, rightValue = leftValue): void {
    const e: EqualField = { field, leftValue, rightValue };
    if (container !== undefined) e.container = container;
    this.equal.push(e);
  }
  skip(container: string | undefined, field: string, reason: string, values?: { leftValue: string; rightValue: string }): void {
    const n: Collector['skipped'][number] = { field, reason };
    if (container !== undefined) n.container = container;
    if (values) {
      n.leftValue = values.leftValue;
      n.rightValue = values.rightValue;
    }
    this.skipped.push(n);
  }
  /** Equal values are recorded as equal; different ones as a difference built by `make`. */
  compare(equal: boolean, container: string | undefined, field: string, leftValue: string, rightValue: string, make: () => Omit<Difference, 'container' | 'field' | 'leftValue' | 'rightValue'>): void {
    if (equal) this.same(container, field, leftValue, rightValue);
    else this.diff({ ...(container !== undefined ? { container } : {}), field, leftValue, rightValue, ...make() });
  }
}

