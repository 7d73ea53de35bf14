// The standalone server (.next/standalone/server.js, from `PARALLAX_STANDALONE=1 next build`) started
// the way the container image starts it (Dockerfile: static files copied next to it, `node server.js`),
// on loopback, with nothing configured: it must answer /api/health, sync the embedded demo (both
// platforms, which proves the Kubernetes client and the AWS SDK were traced into it) and serve a page.
// Usage: node scripts/check-standalone.mjs [port]   (run by scripts/test.sh after the build)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const standalone = path.join(root, '.next', 'standalone');
const port = Number(process.argv[2] || process.env.PARALLAX_STANDALONE_PORT || 3311);
const base = `http://127.0.0.1:${port}`;

if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error('standalone: .next/standalone/server.js not found: build with PARALLAX_STANDALONE=1 next build');
  process.exit(1);
}
fs.rmSync(path.join(standalone, '.next', 'static'), { recursive: true, force: true });
fs.cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });

const state = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-standalone-'));
const log = fs.openSync(path.join(state, 'server.log'), 'w');
// Only what the image sets, plus a private state dir: no kubeconfig, AWS settings or token from the shell.
const env = {
  PATH: process.env.PATH, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1',
  PORT: String(port), HOSTNAME: '127.0.0.1', HOST: '127.0.0.1',
  HOME: state, XDG_CONFIG_HOME: path.join(state, 'config'), PARALLAX_STATE_DIR: path.join(state, 'parallax'),
  PARALLAX_DEMO: '1', PARALLAX_ECS_POLL_MS: '2000',
};
const server = spawn(process.execPath, ['server.js'], { cwd: standalone, env, stdio: ['ignore', log, log] });
let exited = false;
server.on('exit', () => { exited = true; });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function get(p) {
  const res = await fetch(base + p, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}
async function until(what, fn, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end && !exited) {
    try { if ((last = await fn())) return last; } catch (e) { last = e; }
    await sleep(250);
  }
  throw new Error(`${what}: not within ${ms / 1000} s${exited ? ' (the server exited)' : ''}`);
}

let failed = false;
const started = Date.now();
try {
  const health = await until('/api/health', async () => { const r = await get('/api/health'); return r.status === 200 && r; }, 60_000);
  if (!JSON.parse(health.body).ok) throw new Error(`/api/health: ${health.body}`);
  console.log(`standalone: /api/health ok after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const sources = await until('the demo sources synced', async () => {
    const s = JSON.parse((await get('/api/sources')).body).sources;
    return s.length === 2 && s.every((x) => x.status === 'ok') && s;
  }, 90_000);
  console.log(`standalone: demo synced: ${sources.map((s) => `${s.name} (${s.platform}) ${s.status}`).join(', ')}`);
  const page = await get('/');
  if (page.status !== 200 || !page.type.includes('text/html')) throw new Error(`GET /: ${page.status} ${page.type}`);
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(page.body)?.[1];
  if (!css || (await get(css)).status !== 200) throw new Error(`GET /: its stylesheet ${css ?? '(none linked)'} is not served`);
  console.log('standalone: GET / and its static files served');
} catch (e) {
  failed = true;
  console.error(`standalone: FAILED: ${e.message}\n--- server log ---\n${fs.readFileSync(path.join(state, 'server.log'), 'utf8').slice(-4000)}`);
} finally {
  server.kill('SIGTERM');
  await Promise.race([new Promise((r) => server.once('exit', r)), sleep(5000)]);
  if (!exited) server.kill('SIGKILL');
  fs.rmSync(state, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
