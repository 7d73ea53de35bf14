import { describe, expect, it } from 'vitest';
import { KubeError } from './errors';
import { coverageOf, overallHealth, scopeAfter, type ScopeHealth } from './health';

const ok = (extra: Partial<ScopeHealth> = {}): ScopeHealth => ({ state: 'ok', count: 1, ...extra });
const scopes = (m: Record<string, ScopeHealth>) => new Map(Object.entries(m));
const refused = new KubeError('connection refused at https://k — is the cluster running?', { code: 'ECONNREFUSED' });
const NOW = 1_000_000;

describe('overallHealth', () => {
  it('ok, syncing, and down when nothing answers', () => {
    expect(overallHealth(scopes({ pods: ok(), nodes: ok() }), { now: NOW })).toEqual({ status: 'ok' });
    expect(overallHealth(scopes({ pods: ok(), nodes: { state: 'pending', count: 0 } }), { now: NOW })).toEqual({ status: 'syncing' });
    expect(overallHealth(scopes({ pods: { state: 'pending', count: 0 } }), { now: NOW, lastFailure: refused })).toEqual({ status: 'down', reason: refused.message });
  });

  it('throttling is degraded with when it retries, never down, even before anything was read', () => {
    const throttled = { kind: 'throttled' as const, message: '429', retryAt: NOW + 20_000 };
    const h = overallHealth(scopes({ pods: { state: 'pending', count: 0, problem: throttled }, nodes: { state: 'pending', count: 0, problem: throttled } }), { now: NOW, lastFailure: refused });
    expect(h).toEqual({ status: 'degraded', reason: 'throttled, retrying in 20 s: pods, nodes' });
    expect(overallHealth(scopes({ pods: ok({ problem: throttled }) }), { now: NOW }).status).toBe('degraded');
  });

  it('every listed kind reconnecting is down (connection lost); some is degraded', () => {
    const reconnecting = { kind: 'reconnecting' as const, message: 'reset' };
    expect(overallHealth(scopes({ pods: ok({ problem: reconnecting }), nodes: ok({ problem: reconnecting }) }), { now: NOW, lastFailure: refused }))
      .toEqual({ status: 'down', reason: `connection lost: ${refused.message}` });
    expect(overallHealth(scopes({ pods: ok({ problem: reconnecting }), nodes: ok() }), { now: NOW }))
      .toEqual({ status: 'degraded', reason: 'reconnecting: pods' });
  });

  it('names every reason: not covered, namespace-only, expired, undecodable, stale', () => {
    const h = overallHealth(scopes({
      secrets: { state: 'forbidden', count: 0 },
      pods: ok({ namespaceOnly: true }),
      nodes: ok({ problem: { kind: 'expired', message: '' } }),
      events: ok({ problem: { kind: 'malformed', message: '' } }),
      services: ok({ problem: { kind: 'stale', message: '' } }),
    }), { now: NOW, namespace: 'team-a' });
    expect(h).toEqual({
      status: 'degraded',
      reason: 'not covered: secrets; namespace "team-a" only: pods; watch expired again and again (410), relisting with backoff: nodes; undecodable watch event, relisted: events; stale (watch silent past the bookmark interval), relisting: services',
    });
  });
});

describe('coverageOf', () => {
  it('reports when the data was last confirmed, and the stale mark', () => {
    expect(coverageOf('pods', 'instances', ok({ confirmedAt: Date.UTC(2026, 0, 1), problem: { kind: 'stale', message: '' } }))).toEqual({
      kind: 'pods', collections: ['instances'], state: 'ok', count: 1, confirmedAt: '2026-01-01T00:00:00.000Z', stale: true,
    });
  });
});

describe('scopeAfter (what each loop event does to a kind)', () => {
  const pending: ScopeHealth = { state: 'pending', count: 0 };
  const throttled429 = new KubeError('429 Too Many Requests: slow down', { status: 429, code: 'TooManyRequests', retryAfterMs: 20_000 });
  const forbidden = new KubeError('403 Forbidden: pods is forbidden', { status: 403, code: 'Forbidden' });
  const gone = new KubeError('410 Gone', { status: 410, code: 'Expired' });
  const reset = new KubeError('connection reset by https://k', { code: 'ECONNRESET' });
  const retry = (listFailed: boolean) => ({ listFailed, retryInMs: 20_000, now: NOW });

  it('a throttled first list is not "not covered": still pending, with when it retries', () => {
    const h = scopeAfter.failed(pending, throttled429, retry(true));
    expect(h).toEqual({ state: 'pending', count: 0, message: 'throttled, retrying in 20 s', problem: { kind: 'throttled', message: '429 Too Many Requests: slow down; retrying in 20 s', retryAt: NOW + 20_000 } });
    // The list answering later ends the throttling.
    expect(scopeAfter.listed(h, 3)).toEqual({ state: 'ok', count: 3, namespaceOnly: false });
  });

  it('a failed first list is forbidden or error, with no objects; a failed watch is a problem, the data stays', () => {
    expect(scopeAfter.failed(pending, forbidden, retry(true))).toEqual({ state: 'forbidden', count: 0, message: forbidden.message });
    const listed = scopeAfter.listed(pending, 5, 'team-a');
    expect(listed.message).toBe('namespace "team-a" only: listing all namespaces is forbidden');
    expect(scopeAfter.failed(listed, gone, retry(false))).toMatchObject({ state: 'ok', count: 5, problem: { kind: 'expired' } });
    expect(scopeAfter.failed(listed, reset, retry(false)).problem?.kind).toBe('reconnecting');
  });

  it('a watch connecting ends reconnecting and throttled, not an expired or stalled watch; delivering ends any problem', () => {
    const reconnecting = scopeAfter.failed(ok(), reset, retry(false));
    expect(scopeAfter.connected(reconnecting).problem).toBeUndefined();
    const stale = scopeAfter.stale(ok(), { since: NOW - 95_000, now: NOW, retryInMs: 0 });
    expect(stale.problem).toEqual({ kind: 'stale', message: 'watch silent, data last confirmed 95 s ago; relisting, retrying now', retryAt: NOW });
    expect(scopeAfter.connected(stale)).toBe(stale);
    expect(scopeAfter.confirmed(stale, NOW + 1, false)).toEqual({ ...stale, confirmedAt: NOW + 1 });
    expect(scopeAfter.confirmed(stale, NOW + 1, true)).toEqual({ state: 'ok', count: 1, confirmedAt: NOW + 1 });
  });
});
