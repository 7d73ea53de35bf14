// The browser at scale: Chromium (Playwright, as e2e/ uses it) against the production server on
// the bench's cluster. On /resources instances: time to first rows, filter keystroke latency (one
// character typed until the row count reflects it), the JS heap after GC; new pods visible on an
// open page after a scale-up written to the simulator, and the scaled desired count on /workloads.
// Times of changes are taken in the page (a MutationObserver, Date.now()) against Date.now() here
// just before the write or the key press, so Playwright's polling adds nothing.
import { chromium, type Page } from '@playwright/test';
import { deploymentName, deploymentNamespace, deploymentReplicas } from './cluster';
import { DESIRED, NARROWED, PAGES, SEL, SHOWN } from './selectors';
import type { SimProcess } from './sim';
import { spread, type Spread } from './stats';

/** CPU milliseconds each process spent from a live update's write until the page showed it (medians). */
export interface LiveCpu { server: number; sim: number }
interface LiveRun extends LiveCpu { ms: number }
export interface BrowserResult { firstRows: Spread; keystroke: Spread; heapMb: number; liveUpdate: Spread; liveCpu: LiveCpu; desired: Spread; desiredCpu: LiveCpu }

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Arms an observer in the page: the first Date.now() at which `selector`'s text matches `pattern`.
 * A string, not a function: tsx's name-keeping helper would not exist in the page.
 */
const WATCH = `(({ selector, source, flags }) => {
  const w = window;
  const re = new RegExp(source, flags);
  w.__benchSeen = undefined;
  if (w.__benchObs) w.__benchObs.disconnect();
  const check = () => {
    const texts = [...document.querySelectorAll(selector)].map((e) => (e.textContent || '').trim());
    if (w.__benchSeen === undefined && texts.some((t) => re.test(t))) {
      w.__benchSeen = Date.now();
      w.__benchObs.disconnect();
    }
  };
  w.__benchObs = new MutationObserver(check);
  w.__benchObs.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

async function armWatch(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await page.evaluate(`${WATCH}(${JSON.stringify({ selector, source: pattern.source, flags: pattern.flags })})`);
}

async function seenAt(page: Page, timeoutMs: number): Promise<number> {
  // A function (the page's CSP forbids evaluating a string), anonymous (so tsx adds no helper to it).
  const h = await page.waitForFunction(() => (window as unknown as { __benchSeen?: number }).__benchSeen, undefined, { timeout: timeoutMs, polling: 50 });
  return (await h.jsonValue()) as number;
}

async function scale(sim: SimProcess, d: number, replicas: number): Promise<void> {
  const name = deploymentName(d);
  const namespace = deploymentNamespace(d, sim.shape);
  const r = await sim.request('PUT', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/scale`,
    { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace }, spec: { replicas } });
  if (r.status !== 200) throw new Error(`scaling ${namespace}/${name}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

/**
 * Times one live update: from just before `write` until the armed watch fires in the page, and the
 * CPU the server and the simulator spent meanwhile (a slow update is then attributed at once).
 */
async function timeLive(page: Page, o: { sim: SimProcess; server: { cpuMs(): number }; timeoutMs: number }, write: () => Promise<void>): Promise<LiveRun> {
  const server0 = o.server.cpuMs();
  const sim0 = o.sim.cpuMs();
  const t0 = Date.now();
  await write();
  const ms = (await seenAt(page, o.timeoutMs)) - t0;
  return { ms, server: o.server.cpuMs() - server0, sim: o.sim.cpuMs() - sim0 };
}

const medianCpu = (runs: LiveRun[]): LiveCpu => ({ server: spread(runs.map((r) => r.server)).median, sim: spread(runs.map((r) => r.sim)).median });

export async function benchBrowser(o: { url: string; sim: SimProcess; server: { cpuMs(): number }; runs: number; timeoutMs: number }): Promise<BrowserResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ baseURL: o.url, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const rows = page.locator(SEL.row).first();

    // First rows: a fresh load of the page each run (the bundles cached, as for a returning user).
    const first: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const t0 = Date.now();
      await page.goto(PAGES.instances(), { waitUntil: 'commit' });
      await rows.waitFor({ timeout: o.timeoutMs });
      first.push(Date.now() - t0);
    }
    await page.locator(SEL.rowCount).filter({ hasText: SHOWN(o.sim.shape.pods) }).waitFor({ timeout: o.timeoutMs });

    // One character into the empty filter, until the row count says the rows narrowed; then clear.
    const keys: number[] = [];
    const filter = page.locator(SEL.filter);
    for (const ch of '7359') {
      await filter.click();
      await armWatch(page, SEL.rowCount, NARROWED);
      const t0 = Date.now();
      await page.keyboard.type(ch);
      keys.push((await seenAt(page, o.timeoutMs)) - t0);
      await filter.press('Escape');
      await page.locator(SEL.rowCount).filter({ hasText: SHOWN(o.sim.shape.pods) }).waitFor({ timeout: o.timeoutMs });
    }

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;

    // New pods on an open page: the page filtered to one Deployment's pods, the Deployment scaled up
    // by 5 in the simulator; the time until the row count shows them. Repeated like the others: one
    // sample is at the mercy of a major GC in a server holding every pod.
    const live: LiveRun[] = [];
    const d = 7;
    let replicas = deploymentReplicas(d, o.sim.shape);
    await page.goto(PAGES.instances(`${deploymentName(d)}-`));
    for (let i = 0; i < o.runs; i++) {
      await page.locator(SEL.rowCount).filter({ hasText: SHOWN(replicas) }).waitFor({ timeout: o.timeoutMs });
      await armWatch(page, SEL.rowCount, SHOWN(replicas + 5));
      live.push(await timeLive(page, o, () => scale(o.sim, d, (replicas += 5))));
    }

    // The scaled desired count on /workloads.
    const desiredRuns: LiveRun[] = [];
    const w = 8;
    let desired = deploymentReplicas(w, o.sim.shape);
    await page.goto(PAGES.workloads(deploymentName(w)));
    for (let i = 0; i < o.runs; i++) {
      await page.locator(SEL.readyCount).filter({ hasText: DESIRED(desired) }).waitFor({ timeout: o.timeoutMs });
      await armWatch(page, SEL.readyCount, DESIRED(desired + 3));
      desiredRuns.push(await timeLive(page, o, () => scale(o.sim, w, (desired += 3))));
    }

    return {
      firstRows: spread(first), keystroke: spread(keys), heapMb,
      liveUpdate: spread(live.map((r) => r.ms)), liveCpu: medianCpu(live),
      desired: spread(desiredRuns.map((r) => r.ms)), desiredCpu: medianCpu(desiredRuns),
    };
  } finally {
    await browser.close();
  }
}
