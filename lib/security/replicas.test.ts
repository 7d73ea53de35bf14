// Several replicas behind one load balancer: a browser logs in on one and its next request lands on
// another. The session cookie is derived from PARALLAX_TOKEN alone (no per-process secret), so any
// replica with the same token accepts it. The other replica here is a separate Node process, with
// its own module state and randomness, deciding on the cookie the login handler of this one issued.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from './token';

const TOKEN = 'replica-test-token-0123456789';
const ROOT = path.resolve(__dirname, '../..');

/** The status another replica (another process) answers GET /api/sources with this Cookie header: 200 = allowed. */
function otherReplica(cookie: string, token: string): number {
  const script = `import(${JSON.stringify(path.join(ROOT, 'lib/security/guard.ts'))}).then((m) => {
    const guard = m.guard ?? m.default.guard; // CommonJS interop under tsx --eval
    const denied = guard(new Request('http://127.0.0.1:3000/api/sources', { headers: { host: '127.0.0.1:3000', cookie: process.env.COOKIE } }));
    console.log(denied ? denied.status : 200);
  });`;
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['--eval', script], {
    cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, NODE_ENV: 'test', PARALLAX_TOKEN: token, COOKIE: cookie }, timeout: 20_000,
  });
  return Number(out.trim().split('\n').pop());
}

beforeEach(() => {
  vi.stubEnv('PARALLAX_TOKEN', TOKEN);
  vi.stubEnv('PARALLAX_ALLOWED_HOSTS', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('a session across replicas', () => {
  it('a cookie issued by one replica is accepted by another with the same token, and refused with another token', async () => {
    const { POST } = await import('@/app/api/login/route');
    const res = await POST(new Request('http://127.0.0.1:3000/api/login', {
      method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, body: new URLSearchParams({ token: TOKEN }),
    }));
    const setCookie = res.headers.get('set-cookie')!;
    const cookie = setCookie.split(';')[0];
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(otherReplica(cookie, TOKEN)).toBe(200);
    expect(otherReplica(cookie, 'a-different-token-0123456789')).toBe(401);
    expect(otherReplica('', TOKEN)).toBe(401);
  });
});
