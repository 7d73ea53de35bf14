import { describe, expect, it } from 'vitest';
import { ApiException } from '@kubernetes/client-node';
import { FakeClock } from '@/lib/util/fake-clock';
import { classifyError, retryAfter } from './errors';

const server = 'https://10.0.0.1:6443';

describe('classifyError', () => {
  it('names a refused connection with the server, from undici\'s nested cause', () => {
    const err = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), { code: 'ECONNREFUSED' }) });
    const e = classifyError(err, server);
    expect(e.message).toBe('connection refused at https://10.0.0.1:6443 — is the cluster running?');
    expect([e.status, e.code, e.network]).toEqual([undefined, 'ECONNREFUSED', true]);
  });
  it('401 and 403 from ApiException, with the Status message and never the headers', () => {
    const e401 = classifyError(new ApiException(401, 'Unauthorized', undefined, { authorization: 'Bearer SECRET' }), server);
    expect(e401.message).toBe('401 Unauthorized: credentials expired or invalid');
    const body = JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "x" cannot list resource "secrets"' });
    const e403 = classifyError(new ApiException(403, 'Unknown API Status Code!', body, { 'audit-id': 'a' }), server);
    expect(e403.message).toBe('403 Forbidden: secrets is forbidden: User "x" cannot list resource "secrets"');
    expect([e403.status, e403.code]).toEqual([403, 'Forbidden']);
    expect(JSON.stringify([e401, e401.message, e403.message])).not.toContain('SECRET');
  });
  it('410 is "expired"; 429 carries Retry-After', () => {
    expect(classifyError(new ApiException(410, 'x', { code: 410, reason: 'Expired', message: 'too old' }, {}), server).expired).toBe(true);
    const e = classifyError(new ApiException(429, 'x', { message: 'slow down' }, { 'retry-after': '7' }), server);
    expect(e.opts.retryAfterMs).toBe(7000);
    expect(e.message).toBe('429 Too Many Requests: slow down');
  });
  it('Retry-After as an HTTP date is read against the injected clock', () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    expect(retryAfter('Thu, 01 Jan 2026 12:00:30 GMT', clock)).toBe(30_000);
    expect(retryAfter('Thu, 01 Jan 2026 11:59:00 GMT', clock)).toBe(0);
    expect(retryAfter('soon', clock)).toBeUndefined();
    const e = classifyError(new ApiException(429, 'x', {}, { 'retry-after': 'Thu, 01 Jan 2026 12:00:05 GMT' }), server, clock);
    expect(e.opts.retryAfterMs).toBe(5_000);
  });
  it('watch errors carry statusCode; TLS and DNS failures are explained', () => {
    expect(classifyError(Object.assign(new Error('Gone'), { statusCode: 410 }), server).expired).toBe(true);
    const tls = classifyError(new TypeError('fetch failed', { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }), server);
    expect(tls.message).toMatch(/^TLS error talking to https:\/\/10\.0\.0\.1:6443: self-signed certificate/);
    const dns = classifyError(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }) }), server);
    expect(dns.message).toBe('host not found: https://10.0.0.1:6443 (DNS lookup failed)');
  });
});
