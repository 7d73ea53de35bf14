import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E against the production build: `npm run build && npx playwright test` (the build is not done here).
// `npm start` with no source configured starts the embedded demo clusters (Kubernetes + ECS).
// PARALLAX_E2E_TOKEN=<16+ characters> runs the whole suite against a server that requires that
// access token: every request the browser and the test make then carries it as a bearer token.
const PORT = Number(process.env.PLAYWRIGHT_PORT || 3100);
const STATE_DIR = process.env.PARALLAX_E2E_STATE_DIR || '.parallax/e2e';
const TOKEN = process.env.PARALLAX_E2E_TOKEN || '';
// The server's parallax.yaml (PARALLAX_CONFIG), in the state dir so that e2e/drift.spec.ts can edit
// it while the server runs. It must exist before the server starts: a named file that is missing is
// a config error shown on every drift screen. drift.spec.ts empties it before and after its tests.
const E2E_CONFIG = path.resolve(STATE_DIR, 'parallax.yaml');
if (!fs.existsSync(E2E_CONFIG)) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(E2E_CONFIG, '# parallax.yaml of the e2e server (e2e/drift.spec.ts edits it)\n'); // = EMPTY_CONFIG in e2e/helpers.ts
}

export default defineConfig({
  testDir: 'e2e',
  // The screenshots of every page are for looking at, not a test: `npm run screenshots`.
  testIgnore: process.env.PARALLAX_SCREENSHOTS ? [] : ['**/screens.spec.ts'],
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    extraHTTPHeaders: TOKEN ? { authorization: `Bearer ${TOKEN}` } : {},
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The server's output also goes to <state dir>/server.log, which e2e/no-secrets.spec.ts scans.
    command: `mkdir -p '${STATE_DIR}' && npm start 2>&1 | tee '${STATE_DIR}/server.log'`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PARALLAX_STATE_DIR: STATE_DIR,
      // Empty: no token (a PARALLAX_TOKEN in the shell must not change what the suite tests).
      PARALLAX_TOKEN: TOKEN,
      PARALLAX_ALLOWED_HOSTS: '',
      // The embedded demo, whatever kubeconfig or AWS settings the machine has.
      PARALLAX_DEMO: '1',
      PARALLAX_ECS_POLL_MS: '2000',
      PARALLAX_CONFIG: E2E_CONFIG,
    },
  },
});
