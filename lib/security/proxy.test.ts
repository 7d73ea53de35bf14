// proxy.ts (Next's request proxy) with real NextRequests: the first line of the access decision
// for pages and the place the security headers and the CSP nonce are set.
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, proxy } from '@/proxy';
import { SESSION_COOKIE, sessionValue } from './token';

const TOKEN = 'proxy-test-token-0123456789';
const req = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: '127.0.0.1:3000', ...headers } });

afterEach(() => vi.unstubAllEnvs());

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('proxy without a token', () => {
  beforeEach(() => vi.stubEnv('PARALLAX_TOKEN', ''));

  it('passes pages on with a fresh nonce in the CSP, for Next.js (request header) and the browser (response header)', () => {
    const a = proxy(req('/workloads'));
    const b = proxy(req('/workloads'));
    expectSecurityHeaders(a);
    const csp = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).not.toBe(b.headers.get('content-security-policy'));
    // NextResponse.next({ request: { headers } }) carries the overridden request headers this way.
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
  });

  it('refuses a foreign Host on pages and API alike (DNS rebinding), with the headers', async () => {
    for (const path of ['/', '/api/snapshot']) {
      const res = proxy(req(path, { host: 'evil.example' }));
      expect(res.status).toBe(400);
      expectSecurityHeaders(res);
      expect(await res.json()).toMatchObject({ error: 'host not allowed' });
    }
  });

  it('API responses get the non-document CSP', () => {
    expect(proxy(req('/api/snapshot')).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('proxy with a token', () => {
  beforeEach(() => vi.stubEnv('PARALLAX_TOKEN', TOKEN));

  it('sends a page request without a session to /login?next=…', () => {
    const res = proxy(req('/workloads?q=web'));
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!).pathname + new URL(res.headers.get('location')!).search).toBe('/login?next=%2Fworkloads%3Fq%3Dweb');
  });

  it('answers an API request without the token 401, and lets the login page, the form handlers and the health probe through', () => {
    expect(proxy(req('/api/snapshot')).status).toBe(401);
    for (const path of ['/login', '/api/login', '/api/logout', '/api/health']) expect(proxy(req(path)).status, path).toBe(200);
  });

  it('lets a session cookie or the bearer token through', () => {
    expect(proxy(req('/workloads', { cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` })).status).toBe(200);
    expect(proxy(req('/api/snapshot', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});

describe('proxy matcher', () => {
  it('skips exactly the static paths next.config.js gives headers to', () => {
    expect(config.matcher).toEqual(['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)']);
  });
});
