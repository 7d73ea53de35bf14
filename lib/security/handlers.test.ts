// The route handlers refuse on their own, without the proxy in front (as if it were bypassed, cf.
// CVE-2025-29927): each handler is called directly with a Request, the way Next.js calls it. They
// return before touching the inventory, so no runtime is started here.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUNTIME_ROUTES as DATA_ROUTES } from '@/lib/testing/runtime-routes';
import { SESSION_COOKIE, sessionValue } from './token';

const TOKEN = 'handler-test-token-0123456789';
const BASE = 'http://127.0.0.1:3000';

const request = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(`${BASE}${path}`, { ...init, headers: { host: '127.0.0.1:3000', ...headers } });

beforeEach(() => {
  vi.stubEnv('PARALLAX_TOKEN', TOKEN);
  vi.stubEnv('PARALLAX_ALLOWED_HOSTS', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('data routes, called directly', () => {
  for (const [path, load] of Object.entries(DATA_ROUTES)) {
    it(`${path}: 400 for a foreign Host, 403 for a foreign Origin, 401 without the token`, async () => {
      const { GET } = await load();
      const host = await GET(request(path, { host: 'evil.example' }));
      expect(host.status).toBe(400);
      expect(await host.json()).toMatchObject({ error: 'host not allowed' });
      const origin = await GET(request(path, { origin: 'http://evil.example', authorization: `Bearer ${TOKEN}` }));
      expect(origin.status).toBe(403);
      const anon = await GET(request(path));
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toBe('Bearer realm="parallax"');
      expect(await anon.json()).toEqual({ error: 'unauthorized', detail: expect.stringContaining('Bearer') });
      const wrong = await GET(request(path, { authorization: 'Bearer not-the-token' }));
      expect(wrong.status).toBe(401);
    });
  }
});

describe('POST /api/login and /api/logout, called directly', () => {
  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

  it('the right token sets an HttpOnly, SameSite=Strict session cookie and goes to next', async () => {
    const { POST } = await import('@/app/api/login/route');
    const res = await POST(request('/api/login', { origin: BASE }, form({ token: TOKEN, next: '/workloads?q=web' })));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/workloads?q=web');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${sessionValue(TOKEN)}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toContain(TOKEN);
  });

  it('Secure when the browser is on TLS (behind a TLS-terminating proxy)', async () => {
    const { POST } = await import('@/app/api/login/route');
    const res = await POST(request('/api/login', { 'x-forwarded-proto': 'https' }, form({ token: TOKEN })));
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('a wrong token goes back to the form with an error and sets nothing; next cannot leave the site', async () => {
    const { POST } = await import('@/app/api/login/route');
    const res = await POST(request('/api/login', {}, form({ token: 'wrong', next: '//evil.example/x' })));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?error=1&next=%2F');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('another site cannot post the form (403), nor through a foreign Host (400)', async () => {
    const { POST } = await import('@/app/api/login/route');
    expect((await POST(request('/api/login', { origin: 'http://evil.example' }, form({ token: TOKEN })))).status).toBe(403);
    expect((await POST(request('/api/login', { host: 'evil.example' }, form({ token: TOKEN })))).status).toBe(400);
  });

  it('logout clears the cookie', async () => {
    const { POST } = await import('@/app/api/logout/route');
    const res = await POST(request('/api/logout', { origin: BASE }, { method: 'POST' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await POST(request('/api/logout', { origin: 'http://evil.example' }, { method: 'POST' }))).status).toBe(403);
  });
});
