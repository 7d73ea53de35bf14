import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, waitForSources } from './helpers';
import { rawRequest } from './http';

// The suite's own server (loopback; with PARALLAX_E2E_TOKEN, a token too): what a browser on another
// site, or a DNS-rebinding attacker, gets; the security headers on everything; and the pages under
// their CSP in Chromium (they hydrate, and nothing is refused).

const API = ['/api/snapshot', '/api/table?table=instances', '/api/sources', '/api/overview', '/api/workload?id=x', '/api/drift', '/api/drift/pair?id=x', '/api/drift/summary', '/api/search?q=web', '/api/object?id=x', '/api/raw?id=x', '/api/logs?id=x', '/api/stream', '/api/health'];
const PAGES = ['/', '/workloads', '/nodes', '/sources', '/resources?kind=configs', '/drift', '/login'];
const auth: Record<string, string> = E2E_TOKEN ? { authorization: `Bearer ${E2E_TOKEN}` } : {};

function expectSecurityHeaders(where: string, h: Record<string, string | string[] | undefined>) {
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('no-referrer');
  expect(h['x-frame-options'], where).toBe('DENY');
  expect(String(h['content-security-policy']), where).toContain("frame-ancestors 'none'");
}

test('the suite\'s server requires the token exactly when PARALLAX_E2E_TOKEN is set', async ({ baseURL }) => {
  expect((await rawRequest(baseURL!, '/api/sources')).status).toBe(E2E_TOKEN ? 401 : 200);
  expect((await rawRequest(baseURL!, '/api/sources', { headers: auth })).status).toBe(200);
});

test('a foreign Host is refused on every route and page (DNS rebinding), even with the token', async ({ baseURL }) => {
  for (const path of [...API.filter((p) => p !== '/api/health'), ...PAGES]) {
    const res = await rawRequest(baseURL!, path, { headers: { host: 'evil.example', ...auth } });
    expect(res.status, path).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'host not allowed' });
    expectSecurityHeaders(path, res.headers);
  }
  // Probes carry odd Host values too: /api/health answers them, with nothing but ok.
  const health = await rawRequest(baseURL!, '/api/health', { headers: { host: '10.1.2.3:3000' } });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ ok: true });
});

test('another site\'s Origin is refused on the event stream and on POST', async ({ baseURL }) => {
  const stream = await rawRequest(baseURL!, '/api/stream', { headers: { origin: 'http://evil.example', ...auth } });
  expect(stream.status).toBe(403);
  const login = await rawRequest(baseURL!, '/api/login', { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' });
  expect(login.status).toBe(403);
  // The same origin is fine.
  const own = await rawRequest(baseURL!, '/api/stream', { headers: { origin: new URL(baseURL!).origin, ...auth } });
  expect(own.status).toBe(200);
});

test('security headers on every API response, page and static file; pages carry a nonce CSP', async ({ baseURL }) => {
  for (const path of API) {
    const res = await rawRequest(baseURL!, path, { headers: auth });
    expect(res.status, path).toBeLessThan(500);
    expectSecurityHeaders(path, res.headers);
    expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  let script: string | undefined;
  for (const path of PAGES) {
    const res = await rawRequest(baseURL!, path, { headers: auth });
    expectSecurityHeaders(path, res.headers);
    if (res.status !== 200) continue; // /login redirects once signed in
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    // Every script tag in the page carries this response's nonce.
    const tags = res.body.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const t of tags) expect(t, path).toContain(`nonce="${nonce}"`);
    script ??= /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(res.body)?.[1];
  }
  expect(script).toBeTruthy();
  const asset = await rawRequest(baseURL!, script!);
  expect(asset.status).toBe(200);
  expectSecurityHeaders(script!, asset.headers);
});

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test('pages hydrate under the CSP with no violation; an injected inline handler does not run', async ({ page }) => {
  await waitForSources(page);
  const violations = await watchCsp(page);
  for (const path of PAGES.filter((p) => p !== '/login')) {
    await page.goto(path);
    await expect(page.locator('main h1').first()).toBeVisible();
    // Data on screen means React ran and fetched it.
    await expect(page.locator('main [role=status][aria-label^=Loading]')).toHaveCount(0);
  }
  // Client-side interactivity: the theme toggle responds.
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  const before = await toggle.textContent();
  await toggle.click();
  await expect(toggle).not.toHaveText(before!);
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);

  // The policy is enforced, and the checks above would have seen a violation: markup injected into
  // the page (what an XSS through some unescaped value would be) does not run its inline handler.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<img src="/nope.png" onerror="window.__injected = true">';
    document.body.appendChild(div);
  });
  await expect.poll(() => page.evaluate(() => ((window as unknown as { __csp?: string[] }).__csp ?? []).join(' '))).toContain('script-src-attr');
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
