import { describe, expect, it } from 'vitest';
import { decideAccess, loginScreenState, safeNext, type RequestFacts } from './access';
import { securityConfig } from './config';
import { SESSION_COOKIE, sessionValue } from './token';

const TOKEN = 'test-token-0123456789abcdef';
const open = securityConfig({});
const locked = securityConfig({ PARALLAX_TOKEN: TOKEN, PARALLAX_ALLOWED_HOSTS: 'parallax.example.com' });
const req = (over: Partial<RequestFacts> = {}): RequestFacts => ({ method: 'GET', host: '127.0.0.1:3000', origin: null, authorization: null, cookie: null, ...over });

describe('decideAccess', () => {
  it('without a token configured: loopback Host names pass, others are a 400', () => {
    expect(decideAccess(req(), open)).toEqual({ ok: true, via: 'no token configured' });
    const r = decideAccess(req({ host: 'evil.example' }), open);
    expect(r).toMatchObject({ ok: false, status: 400, error: 'host not allowed' });
    expect(decideAccess(req({ host: null }), open)).toMatchObject({ ok: false, status: 400 });
  });

  it('another site\'s Origin is a 403, whatever the method', () => {
    for (const method of ['GET', 'POST']) {
      expect(decideAccess(req({ method, origin: 'http://evil.example' }), open)).toMatchObject({ ok: false, status: 403, error: 'origin not allowed' });
    }
    expect(decideAccess(req({ method: 'POST', origin: 'http://127.0.0.1:3000' }), open).ok).toBe(true);
  });

  it('a cross-site fetch without Origin (no-cors: <img>, <script>) is a 403; a cross-site link is not', () => {
    expect(decideAccess(req({ fetchSite: 'cross-site', fetchMode: 'no-cors' }), open)).toMatchObject({ ok: false, status: 403, error: 'cross-site request' });
    expect(decideAccess(req({ fetchSite: 'cross-site', fetchMode: 'navigate' }), open).ok).toBe(true);
    expect(decideAccess(req({ method: 'POST', origin: 'null', fetchSite: 'same-origin', fetchMode: 'navigate' }), open).ok).toBe(true);
    expect(decideAccess(req({ method: 'POST', origin: 'null', fetchSite: 'cross-site', fetchMode: 'navigate' }), open)).toMatchObject({ status: 403 });
  });

  it('with a token: none is a 401, the bearer token or the session cookie pass', () => {
    expect(decideAccess(req(), locked)).toMatchObject({ ok: false, status: 401, error: 'unauthorized' });
    expect(decideAccess(req({ authorization: `Bearer ${TOKEN}` }), locked)).toEqual({ ok: true, via: 'bearer' });
    expect(decideAccess(req({ cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` }), locked)).toEqual({ ok: true, via: 'cookie' });
  });

  it('a wrong bearer token, a stale cookie, or the raw token as a cookie are a 401', () => {
    expect(decideAccess(req({ authorization: 'Bearer wrong' }), locked)).toMatchObject({ ok: false, status: 401 });
    expect(decideAccess(req({ cookie: `${SESSION_COOKIE}=${sessionValue('an-older-token-0123456789')}` }), locked)).toMatchObject({ ok: false, status: 401, detail: expect.stringMatching(/log in again/) });
    expect(decideAccess(req({ cookie: `${SESSION_COOKIE}=${TOKEN}` }), locked)).toMatchObject({ ok: false, status: 401 });
    // A valid cookie does not rescue a wrong bearer: what a script sends is what it gets.
    expect(decideAccess(req({ authorization: 'Bearer wrong', cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` }), locked)).toMatchObject({ ok: false, status: 401 });
  });

  it('Host and Origin come first: the right token from the wrong Host is still refused', () => {
    expect(decideAccess(req({ host: 'evil.example', authorization: `Bearer ${TOKEN}` }), locked)).toMatchObject({ ok: false, status: 400 });
    expect(decideAccess(req({ host: 'parallax.example.com', authorization: `Bearer ${TOKEN}` }), locked).ok).toBe(true);
    expect(decideAccess(req({ origin: 'http://evil.example', authorization: `Bearer ${TOKEN}` }), locked)).toMatchObject({ ok: false, status: 403 });
  });

  it('requireToken: false (login, logout) skips the token but not Host and Origin', () => {
    expect(decideAccess(req({ method: 'POST' }), locked, { requireToken: false })).toEqual({ ok: true, via: 'not required' });
    expect(decideAccess(req({ method: 'POST', host: 'evil.example' }), locked, { requireToken: false })).toMatchObject({ status: 400 });
    expect(decideAccess(req({ method: 'POST', origin: 'http://evil.example' }), locked, { requireToken: false })).toMatchObject({ status: 403 });
  });
});

describe('safeNext', () => {
  it('keeps paths on this server', () => {
    expect(safeNext('/workloads?q=web&platform=ecs')).toBe('/workloads?q=web&platform=ecs');
    expect(safeNext('/workloads/view?id=k8s%2Fx')).toBe('/workloads/view?id=k8s%2Fx');
  });
  it('sends anything else home: other sites, protocol-relative, backslashes, the login page, the API', () => {
    for (const n of [null, undefined, '', 'workloads', 'https://evil.example', '//evil.example', '/\\evil.example', '/login', '/login?next=/x', '/api/snapshot', '/x\nSet-Cookie: a=b']) {
      expect(safeNext(n), String(n)).toBe('/');
    }
  });
});

describe('loginScreenState', () => {
  it('on /login: its next and error; elsewhere: that page', () => {
    expect(loginScreenState('/login?next=%2Fnodes&error=1')).toEqual({ next: '/nodes', failed: true });
    expect(loginScreenState('/login')).toEqual({ next: '/', failed: false });
    expect(loginScreenState('/resources?kind=configs')).toEqual({ next: '/resources?kind=configs', failed: false });
    expect(loginScreenState('/login?next=https%3A%2F%2Fevil.example')).toEqual({ next: '/', failed: false });
    expect(loginScreenState(null)).toEqual({ next: '/', failed: false });
  });
});
