import { describe, expect, it } from 'vitest';
import { KubeError } from '@/lib/k8s/errors';
import { EcsCallError } from '@/lib/ecs/errors';
import { findErrorCode, toSourceError } from './source-error';

describe('one failure shape', () => {
  const at = Date.UTC(2026, 0, 1);
  it('a KubeError and an EcsCallError become the same SourceError shape', () => {
    const kube = new KubeError('403 Forbidden: pods is forbidden', { status: 403, code: 'Forbidden', server: 'https://k' });
    const ecs = new EcsCallError({ operation: 'DescribeTasks', status: 400, code: 'AccessDeniedException', message: 'DescribeTasks: AccessDeniedException: no', failure: 'forbidden' });
    expect(toSourceError('list pods', kube, at)).toEqual({ operation: 'list pods', status: 403, code: 'Forbidden', message: kube.message, at: '2026-01-01T00:00:00.000Z' });
    expect(toSourceError(ecs.operation, ecs, at)).toEqual({ operation: 'DescribeTasks', status: 400, code: 'AccessDeniedException', message: ecs.message, at: '2026-01-01T00:00:00.000Z' });
    // No status or code: not even the keys (the snapshot schema and the UI tell "none" by absence).
    expect(Object.keys(toSourceError('start', { message: 'x' }, at))).toEqual(['operation', 'message', 'at']);
  });

  it('finds a network code down the cause chain and in an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: new AggregateError([refused], 'all failed') });
    expect(findErrorCode(fetchFailed, (c) => c.startsWith('E'))).toEqual({ code: 'ECONNREFUSED', message: refused.message });
    expect(findErrorCode(Object.assign(new Error('x'), { code: '500' }), (c) => !/^\d+$/.test(c))).toBeUndefined();
    expect(findErrorCode('not an error', () => true)).toBeUndefined();
  });
});
