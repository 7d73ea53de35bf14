// A Kubernetes source's health policy (pure, unit-tested): how each resource's state changes with
// what its list/watch loop reports (scopeAfter), and the source's health from those states
// (overallHealth). The reporter (reporter.ts) only keeps the states and sends them.
// Overall:
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

export function overallHealth(scopes: ReadonlyMap<string, ScopeHealth>, context: HealthContext): { status: Source['status']; reason?: string } {
  const all = [...scopes.entries()];
  const named = (pred: (h: ScopeHealth) => boolean) => all.filter(([, h]) => pred(h)).map(([s]) => s);
  const ok = named((h) => h.state === 'ok');
  const pending = named((h) => h.state === 'pending');
  const withProblem = all.filter(([, h]) => h.problem);
  const throttled = withProblem.filter(([, h]) => h.problem!.kind === 'throttled');

  if (pending.length) {
    // Nothing at all could be read yet and the server does not answer: down already.
    if (ok.length === 0 && context.lastFailure?.network && !throttled.length) return { status: 'down', reason: context.lastFailure.message };
    if (!withProblem.length) return { status: 'syncing' };
  } else if (ok.length === 0) {
    return { status: 'down', reason: context.lastFailure?.message ?? 'no kind could be read' };
  }
  const lost = ok.filter((s) => scopes.get(s)!.problem?.kind === 'reconnecting');
  if (ok.length && lost.length === ok.length) return { status: 'down', reason: `connection lost: ${context.lastFailure?.message ?? 'unknown error'}` };

  const missing = named((h) => h.state === 'forbidden' || h.state === 'error');
  const partial = named((h) => !!h.namespaceOnly);
  if (!missing.length && !partial.length && !withProblem.length) return { status: 'ok' };

  const parts: string[] = [];
  if (missing.length) parts.push(`not covered: ${missing.join(', ')}`);
  if (partial.length) parts.push(`namespace "${context.namespace}" only: ${partial.join(', ')}`);
  if (throttled.length) {
    const retryAt = Math.max(...throttled.map(([, h]) => h.problem!.retryAt ?? context.now));
    parts.push(`throttled, retrying in ${formatDuration(Math.max(0, retryAt - context.now))}: ${throttled.map(([s]) => s).join(', ')}`);
  }
  for (const kind of ['reconnecting', 'expired', 'malformed', 'stale'] as const) {
    const of = withProblem.filter(([, h]) => h.problem!.kind === kind).map(([s]) => s);
    if (of.length) parts.push(`${PROBLEM_TEXT[kind]}: ${of.join(', ')}`);
  }
  return { status: 'degraded', reason: parts.join('; ') };
}

/** "retrying in 20 s" */
export const retryText = (ms: number): string => (ms <= 0 ? 'retrying now' : `retrying in ${formatDuration(ms)}`);

const withoutProblem = (h: ScopeHealth): ScopeHealth => {
  const { problem: _gone, ...rest } = h;
  return rest;
};
/** A problem that ends once the server answers this kind again (a list or a watch connect). */
const endsWithAnAnswer = (h: ScopeHealth) => h.problem?.kind === 'reconnecting' || h.problem?.kind === 'throttled';

/** A scope's next state after each thing its loop reports (list-watch.ts LoopEvents); `now` in clock ms. */
export const scopeAfter = {
  /** A complete list; `namespace` when only that namespace could be listed. */
  listed(h: ScopeHealth, count: number, namespace?: string): ScopeHealth {
    // A list answered: the server is reachable and not throttling this kind any more.
    const next: ScopeHealth = { ...(endsWithAnAnswer(h) ? withoutProblem(h) : h), state: 'ok', count, namespaceOnly: !!namespace };
    if (namespace) next.message = `namespace "${namespace}" only: listing all namespaces is forbidden`;
    else delete next.message;
    return next;
  },

  /** The list or the watch failed and is retried in retryInMs; `listFailed` when the kind was never listed. */
  failed(h: ScopeHealth, err: KubeError, attempt: { listFailed: boolean; retryInMs: number; now: number }): ScopeHealth {
    const retryAt = attempt.now + attempt.retryInMs;
    if (err.throttled) {
      const problem: ScopeProblem = { kind: 'throttled', message: `${err.message}; ${retryText(attempt.retryInMs)}`, retryAt };
      // Never read yet: not "not covered", just not read yet.
      return { ...h, problem, ...(attempt.listFailed ? { message: `throttled, ${retryText(attempt.retryInMs)}` } : {}) };
    }
    if (attempt.listFailed) return { ...withoutProblem(h), state: err.status === 403 ? 'forbidden' : 'error', count: 0, message: err.message };
    const kind: ProblemKind = err.code === 'MalformedWatchEvent' ? 'malformed' : err.expired ? 'expired' : 'reconnecting';
    return { ...h, problem: { kind, message: `${err.message}; ${retryText(attempt.retryInMs)}`, retryAt } };
  },

  /** The watch is (re)connected. */
  connected(h: ScopeHealth): ScopeHealth {
    return endsWithAnAnswer(h) ? withoutProblem(h) : h;
  },

  /** Confirmed current at `at`; by a watch delivering, which also ends an expired, undecodable or stalled watch. */
  confirmed(h: ScopeHealth, at: number, byWatch: boolean): ScopeHealth {
    return { ...(byWatch ? withoutProblem(h) : h), confirmedAt: at };
  },

  /** The connected watch was silent since `since`: dropped, relisted in retryInMs. */
  stale(h: ScopeHealth, silence: { since: number; now: number; retryInMs: number }): ScopeHealth {
    const silent = Math.round((silence.now - silence.since) / 1000);
    return { ...h, problem: { kind: 'stale', message: `watch silent, data last confirmed ${silent} s ago; relisting, ${retryText(silence.retryInMs)}`, retryAt: silence.now + silence.retryInMs } };
  },
};

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
