import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const STATE_DIR = path.resolve(process.env.PARALLAX_E2E_STATE_DIR || '.parallax/e2e');
export const SCREENSHOTS = path.resolve('test-results/screenshots');

/** The demo's endpoints, written by `npm start` when it starts the embedded simulators. */
export interface DemoSources {
  kubernetes: { url: string; kubeconfig: string; context: string; token?: string };
  ecs: { url?: string; endpoint?: string; region: string };
}

export function demoSources(): DemoSources {
  return JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'demo', 'sources.json'), 'utf8'));
}

/** The demo cluster's apps/v1 API, through the real client-node, for tests that change it while a page is open. */
export async function demoAppsApi() {
  const k8s = await import('@kubernetes/client-node');
  const demo = demoSources();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(demo.kubernetes.kubeconfig);
  kc.setCurrentContext(demo.kubernetes.context);
  return { k8s, apps: kc.makeApiClient(k8s.AppsV1Api) };
}

/** One full-page screenshot per page, kept as an artifact under test-results/screenshots/. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until both demo sources have finished their first sync. */
export async function waitForSources(page: Page, baseURL = ''): Promise<void> {
  await expect.poll(async () => {
    const res = await page.request.get(`${baseURL}/api/sources`);
    if (!res.ok()) return 'http ' + res.status();
    const { sources } = await res.json();
    return sources.length >= 2 && sources.every((s: { status: string }) => s.status === 'ok') ? 'ok' : sources.map((s: { status: string }) => s.status).join(',');
  }, { timeout: 60_000, message: 'demo sources never became ok' }).toBe('ok');
}

export const SECRET_VALUE = 'parallax-demo-secret-value-7f3a';

/** The access token the suite runs with (PARALLAX_E2E_TOKEN), or '' for none. */
export const E2E_TOKEN = process.env.PARALLAX_E2E_TOKEN || '';

/** The server's output, as playwright.config.ts tees it. */
export function serverLog(): string {
  return fs.readFileSync(path.join(STATE_DIR, 'server.log'), 'utf8');
}

/** What a context made by a test (not by the config's `use`) needs to reach a token-protected suite server. */
export function authHeaders(): Record<string, string> {
  return E2E_TOKEN ? { authorization: `Bearer ${E2E_TOKEN}` } : {};
}

/** The e2e server's parallax.yaml (PARALLAX_CONFIG, set by playwright.config.ts). */
export const E2E_CONFIG = path.join(STATE_DIR, 'parallax.yaml');
export const EMPTY_CONFIG = '# parallax.yaml of the e2e server (e2e/drift.spec.ts edits it)\n';

/** A screenshot at a given width and colour scheme, in its own context (test-results/screenshots/<name>.png). */
export async function shotAt(page: Page, url: string, name: string, opts: { width: number; dark: boolean; ready: (p: Page) => Promise<void> }): Promise<void> {
  const context = await page.context().browser()!.newContext({ viewport: { width: opts.width, height: 900 }, colorScheme: opts.dark ? 'dark' : 'light', extraHTTPHeaders: authHeaders() });
  const p = await context.newPage();
  try {
    await p.goto(url);
    await opts.ready(p);
    // Nothing may stick out sideways: a phone would scroll the whole page horizontally.
    expect(await p.evaluate(() => document.documentElement.scrollWidth), `${name}: page wider than ${opts.width}px`).toBeLessThanOrEqual(opts.width);
    await shot(p, name);
  } finally {
    await context.close();
  }
}
