// When the runtime cannot start, every route answers JSON {error, detail} with 503, never Next's
// HTML error page; a failure while answering is a JSON 500. The runtime is broken for real: the
// demo is forced while its state directory is a file, so it cannot even create its folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES } from './api-routes';
import { NOT_RUNTIME_ROUTES, RUNTIME_ROUTES as ROUTES } from '@/lib/testing/runtime-routes';
import { withRuntime } from './route';

const TOKEN = 'route-test-token-0123456789';
const request = (p: string) => new Request(`http://127.0.0.1:3000${p}`, { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${TOKEN}` } });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-route-'));
  const notADir = path.join(dir, 'state');
  fs.writeFileSync(notADir, 'a file where the state directory should be');
  vi.stubEnv('PARALLAX_TOKEN', TOKEN);
  vi.stubEnv('PARALLAX_ALLOWED_HOSTS', '');
  vi.stubEnv('PARALLAX_DEMO', '1');
  vi.stubEnv('PARALLAX_STATE_DIR', notADir);
  vi.stubEnv('XDG_CONFIG_HOME', path.join(dir, 'config'));
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a runtime that cannot start', () => {
  const routeDirs = (fs.readdirSync(path.join(__dirname, '../../app/api'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('route.ts')).map((f) => path.dirname(f).split(path.sep).join('/'));

  it('the JSON 404 names every route there is', () => {
    expect([...API_ROUTES].sort()).toEqual(routeDirs.filter((d) => d !== '[...unknown]').map((d) => `/api/${d}`).sort());
  });

  it('every route handler under app/api is in this test', () => {
    const found = routeDirs.filter((d) => !NOT_RUNTIME_ROUTES.includes(d));
    const tested = Object.keys(ROUTES).map((p) => p.replace(/^\/api\//, '').replace(/\?.*$/, ''));
    expect(found.sort()).toEqual(tested.sort());
  });

  for (const [p, load] of Object.entries(ROUTES)) {
    it(`${p}: JSON 503 with the reason`, async () => {
      const { GET } = await load();
      const res = await GET(request(p));
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: 'the inventory could not be started', detail: expect.stringMatching(/ENOTDIR|EEXIST|not a directory/) });
    });
  }

  it('/api/health: JSON 503, the reason only for a caller the guard lets in', async () => {
    const { GET } = await import('@/app/api/health/route');
    const res = await GET(request('/api/health'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: expect.stringMatching(/ENOTDIR|EEXIST|not a directory/) });
  });
});

describe('withRuntime', () => {
  it('a route that throws while answering is a JSON 500', async () => {
    const globals = globalThis as Record<symbol, unknown>;
    const key = Symbol.for('parallax.runtime');
    const before = globals[key];
    globals[key] = Promise.resolve({});
    try {
      const res = await withRuntime(() => { throw new Error('boom'); });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'the request failed', detail: 'boom' });
    } finally {
      globals[key] = before;
    }
  });
});
