// What the config file (parallax.yaml) tells the drift engine: explicit pairs and ignore rules, the
// way users of Argo CD's ignoreDifferences expect. The schema is here (pure); reading the file and
// turning schema errors into line numbers is lib/config/parallax-file.ts.
import { z } from 'zod';
import { APP_LABEL } from '@/lib/relations/same-app';

/** Globs: `*` any run of characters, `?` one; everything else literal; case-sensitive. */
const Glob = z.string().min(1);

/** A workload: its id, or source / group / name globs (source matches the source's name or id). */
export const WorkloadSelectorSchema = z.union([
  z.string().min(1).describe('a workload id'),
  z.object({
    source: Glob.optional(),
    group: Glob.optional(),
    name: Glob,
  }).strict(),
], { error: 'expected a workload id, or { source, group, name } (name required, no other keys)' });

export const PairRuleSchema = z.object({
  /** The pair's display key; default the first workload's app label or name. */
  name: z.string().min(1).optional(),
  workloads: z.tuple([WorkloadSelectorSchema, WorkloadSelectorSchema]),
}).strict();

export const IgnoreRuleSchema = z.object({
  /** Glob on the pair key or either workload's name; every pair when absent. */
  pair: Glob.optional(),
  /** Glob on the container name; any container (and workload-level fields) when absent. */
  container: Glob.optional(),
  /** Glob on the field path: `replicas`, `env.LOG_LEVEL`, `resources.*`, `env.FEATURE_*`. */
  field: Glob,
  reason: z.string().optional(),
}).strict();

export const DriftConfigSchema = z.object({
  pairs: z.array(PairRuleSchema).default([]),
  ignore: z.array(IgnoreRuleSchema).default([]),
  pairing: z.object({
    /** The label (Kubernetes) and tag (ECS) that name the app. */
    label: z.string().min(1).default(APP_LABEL),
    /** Pair and list workloads of Kubernetes system namespaces (kube-system, kube-public, kube-node-lease) too. */
    includeSystemNamespaces: z.boolean().default(false),
  }).strict().default({ label: APP_LABEL, includeSystemNamespaces: false }),
}).strict();

export type WorkloadSelector = z.infer<typeof WorkloadSelectorSchema>;
export type PairRule = z.infer<typeof PairRuleSchema>;
export type IgnoreRule = z.infer<typeof IgnoreRuleSchema>;
export type DriftConfig = z.infer<typeof DriftConfigSchema>;

export const DEFAULT_DRIFT_CONFIG: DriftConfig = DriftConfigSchema.parse({});

const globCache = new Map<string, RegExp>();

/** `*` and `?` globs, anchored; the rest of the pattern is literal. */
export function globMatch(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    globCache.set(pattern, re);
  }
  return re.test(value);
}
