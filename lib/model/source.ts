import { z } from 'zod';

export const PlatformSchema = z.enum(['kubernetes', 'ecs']);

/**
 * Coverage of one kind of object on one source. "forbidden" and "error" mean the kind could not
 * be read: the UI shows "not covered", never zero, and drift never reports it as a difference.
 */
export const CoverageSchema = z.object({
  /** The platform's kind or read: "pods", "secrets" (Kubernetes resources); "workloads", "nodes" (ECS). */
  kind: z.string(),
  /** The model collections this kind feeds, so that a concept shows "not covered" when any of its kinds is. */
  collections: z.array(z.string()),
  state: z.enum(['pending', 'ok', 'forbidden', 'error']),
  count: z.number().int().nonnegative(),
  message: z.string().optional(),
  /**
   * ISO time the data of this kind was last confirmed current: a complete list or poll, or (for a
   * watch) an event, a bookmark or a clean end. The UI shows "last confirmed 3 min ago".
   */
  confirmedAt: z.string().optional(),
  /** The kind's watch went silent past the bookmark interval: its data may be out of date (relisting). */
  stale: z.boolean().optional(),
});

/** A request still unanswered: "waiting for list pods (45 s)". */
export const WaitingSchema = z.object({
  /** "list pods", "watch pods", "DescribeServices". */
  operation: z.string(),
  /** ISO time the request was sent. */
  since: z.string(),
});

/**
 * The coverage kind (and pseudo-collection) of an ECS source that reads secret values
 * (PARALLAX_ECS_SECRET_HASHES): "forbidden" or "error" when some referenced values could not be
 * read, whose variables then carry no hash ("not compared", never "equal" or "different"). Absent
 * when the source does not read values at all (secrets are then references only).
 */
export const SECRET_VALUES_COVERAGE_KIND = 'secretValues';

export const SourceErrorSchema = z.object({
  /** Which call or kind failed: "list pods", "DescribeServices". */
  operation: z.string(),
  /** HTTP status where there was one. */
  status: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string(),
  at: z.string(),
});

export const SourceSchema = z.object({
  id: z.string(),
  platform: PlatformSchema,
  /** Human label: the context name, or profile/region. */
  name: z.string(),
  /** syncing: first list not finished; ok; degraded: some kinds not covered; down: nothing could be read. */
  status: z.enum(['syncing', 'ok', 'degraded', 'down']),
  reason: z.string().optional(),
  /** The embedded demo simulator rather than a configured source. */
  demo: z.boolean(),
  /**
   * Present when the source could not be started from its configuration (a missing AWS profile, no
   * credentials, no region, a broken kubeconfig): it stays down until the configuration changes and
   * the server restarts. `hint` says what to do.
   */
  notStarted: z.object({ hint: z.string().optional() }).optional(),
  connection: z.object({
    context: z.string().optional(),
    server: z.string().optional(),
    version: z.string().optional(),
    user: z.string().optional(),
    profile: z.string().optional(),
    region: z.string().optional(),
    endpoint: z.string().optional(),
    account: z.string().optional(),
  }),
  coverage: z.array(CoverageSchema),
  errors: z.array(SourceErrorSchema),
  /** ISO time of the last complete sync (list or poll) and of the last change seen. */
  lastSyncAt: z.string().optional(),
  lastChangeAt: z.string().optional(),
  /** "watch" for Kubernetes (push), "poll" for ECS with its interval. */
  freshness: z.object({ mode: z.enum(['watch', 'poll']), intervalMs: z.number().optional() }),
  progress: z.object({ done: z.number(), total: z.number(), objects: z.number() }).optional(),
  /** Requests outstanding for a while (the oldest first); empty or absent when nothing is slow. */
  waiting: z.array(WaitingSchema).optional(),
});

export type Coverage = z.infer<typeof CoverageSchema>;
export type SourceError = z.infer<typeof SourceErrorSchema>;
export type Waiting = z.infer<typeof WaitingSchema>;
export type Source = z.infer<typeof SourceSchema>;

/**
 * A platform nobody configured while another one is (no kubeconfig; no AWS region or profile): shown
 * on the sources page and the overview with what to set, never as a source, and counted as not live.
 */
export const NotConfiguredSchema = z.object({
  platform: PlatformSchema,
  reason: z.string(),
  hint: z.string(),
});

export type NotConfigured = z.infer<typeof NotConfiguredSchema>;
