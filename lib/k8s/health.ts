// A Kubernetes source's health from the state of each resource it reads (pure, unit-tested).
// - down: nothing could be read and the server does not answer; or every kind read lost its watch;
// - degraded: some kinds not covered, namespace-only, or a kind has a live problem (reconnecting,
//   throttled, its watch expiring again and again, an undecodable event, a stalled watch);
// - syncing: first lists still running, nothing wrong so far;
// - ok otherwise.
// Throttling (429) never makes a source down: the server is up and asked us to slow down.
import type { Coverage, Source } from '@/lib/model/source';
import { formatDuration } from '@/lib/util/clock';
import type { KubeError } from './errors';

export type ProblemKind = 'reconnecting' | 'throttled' | 'expired' | 'malformed' | 'stale';

export interface ScopeProblem {
  kind: ProblemKind;
  message: string;
  /** When the next attempt is due (clock ms). */
  retryAt?: number;
}

export interface ScopeHealth {
  state: Coverage['state'];
  count: number;
  message?: string;
  /** Read in the context's namespace only (namespace-scoped RBAC). */
  namespaceOnly?: boolean;
  problem?: ScopeProblem;
  /** When the data was last confirmed current (clock ms): a complete list, a watch event or bookmark. */
  confirmedAt?: number;
}

export interface HealthContext {
  now: number;
  lastFailure?: KubeError;
  namespace?: string;
}

const PROBLEM_TEXT: Record<Exclude<ProblemKind, 'throttled'>, string> = {
  reconnecting: 'reconnecting',
  expired: 'watch expired again and again (410), relisting with backoff',
  malformed: 'undecodable watch event, relisted',
  stale: 'stale (watch silent past the bookmark interval), relisting',
};

export function overallHealth(scopes: ReadonlyMap<string, ScopeHealth>, o: HealthContext): { status: Source['status']; reason?: string } {
  const all = [...scopes.entries()];
  const named = (pred: (h: ScopeHealth) => boolean) => all.filter(([, h]) => pred(h)).map(([s]) => s);
  const ok = named((h) => h.state === 'ok');
  const pending = named((h) => h.state === 'pending');
  const withProblem = all.filter(([, h]) => h.problem);
  const throttled = withProblem.filter(([, h]) => h.problem!.kind === 'throttled');

  if (pending.length) {
    // Nothing at all could be read yet and the server does not answer: down already.
    if (ok.length === 0 && o.lastFailure?.network && !throttled.length) return { status: 'down', reason: o.lastFailure.message };
    if (!withProblem.length) return { status: 'syncing' };
  } else if (ok.length === 0) {
    return { status: 'down', reason: o.lastFailure?.message ?? 'no kind could be read' };
  }
  const lost = ok.filter((s) => scopes.get(s)!.problem?.kind === 'reconnecting');
  if (ok.length && lost.length === ok.length) return { status: 'down', reason: `connection lost: ${o.lastFailure?.message ?? 'unknown error'}` };

  const missing = named((h) => h.state === 'forbidden' || h.state === 'error');
  const partial = named((h) => !!h.namespaceOnly);
  if (!missing.length && !partial.length && !withProblem.length) return { status: 'ok' };

  const parts: string[] = [];
  if (missing.length) parts.push(`not covered: ${missing.join(', ')}`);
  if (partial.length) parts.push(`namespace "${o.namespace}" only: ${partial.join(', ')}`);
  if (throttled.length) {
    const retryAt = Math.max(...throttled.map(([, h]) => h.problem!.retryAt ?? o.now));
    parts.push(`throttled, retrying in ${formatDuration(Math.max(0, retryAt - o.now))}: ${throttled.map(([s]) => s).join(', ')}`);
  }
  for (const kind of ['reconnecting', 'expired', 'malformed', 'stale'] as const) {
    const of = withProblem.filter(([, h]) => h.problem!.kind === kind).map(([s]) => s);
    if (of.length) parts.push(`${PROBLEM_TEXT[kind]}: ${of.join(', ')}`);
  }
  return { status: 'degraded', reason: parts.join('; ') };
}

/** The coverage entry a scope reports (times as ISO strings). */
export function coverageOf(scope: string, collection: string, h: ScopeHealth): Coverage {
  return {
    kind: scope,
    collections: [collection],
    state: h.state,
    count: h.count,
    ...(h.message ? { message: h.message } : {}),
    ...(h.confirmedAt ? { confirmedAt: new Date(h.confirmedAt).toISOString() } : {}),
    ...(h.problem?.kind === 'stale' ? { stale: true } : {}),
  };
}
