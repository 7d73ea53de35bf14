import { describe, expect, it } from 'vitest';
import { KubeError } from './errors';
import { coverageOf, overallHealth, type ScopeHealth } from './health';

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
