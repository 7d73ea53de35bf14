// The real `parallax` (node_modules/.bin/parallax) on the embedded demo: it must list exactly the
// differences scenarios/demo/DRIFT.md documents, in each format, and exit 1.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/drift';
import { SnapshotSchema } from '@/lib/model';
import { DEMO_SECRET_VALUE, DEMO_SECRET_VALUE_BASE64, differenceKey, documentedDrift, type DocumentedDifference } from '@/lib/seed';
import { hashKeyId } from '@/lib/secrets/hasher';
import { codeSpan } from './format/markdown';
import { PROJECT_ROOT } from './root';
import { isolatedDirs, isolatedEnv, removeIsolatedDirs, runParallax, said, type CliRun } from './testing/run';

// The test's HOME, config and state directories go when the file is done.
afterAll(removeIsolatedDirs);

const rowOf = (f: Finding): DocumentedDifference => ({
  workload: f.key, container: f.container ?? '-', field: f.field, kubernetes: f.leftValue, ecs: f.rightValue, severity: f.severity,
});

let documented: DocumentedDifference[];
beforeAll(async () => {
  documented = await documentedDrift(path.join(PROJECT_ROOT, 'scenarios/demo'));
  expect(documented.length).toBeGreaterThan(0);
});

describe('parallax drift --demo', () => {
  it('--format json: one object whose findings are exactly DRIFT.md\'s rows; exit 1', async () => {
    const dirs = isolatedDirs();
    const r = await runParallax(['drift', '--demo', '--format', 'json'], { env: isolatedEnv(dirs) });
    expect(r.code, said(r)).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map(rowOf).map(differenceKey).sort()).toEqual(documented.map(differenceKey).sort());
    expect(out).toMatchObject({ schema: 'parallax.drift/v1', mode: 'sources', failOn: 'info', exitCode: 1, onlyOn: [], ambiguous: [] });
    expect(out.pairs.map((p: { key: string; by: string }) => `${p.key} ${p.by}`)).toEqual(['api label', 'db label', 'web label', 'worker label']);
    // The demo hashes ECS secret values too (PARALLAX_ECS_SECRET_HASHES is on for it): equal passwords
    // compare equal by keyed hash, and nothing is left uncompared.
    expect(out.notCompared).toEqual([]);
    const web = out.pairs.find((p: { key: string }) => p.key === 'web');
    expect(web.equal).toContainEqual(expect.objectContaining({ container: 'web', field: 'env.DB_PASSWORD', leftValue: expect.stringContaining('same value') }));
    for (const f of out.findings) expect(f.hints.length, f.id).toBeGreaterThan(0);
    // Progress on stderr, per source; nothing but the JSON on stdout.
    expect(r.stderr).toMatch(/^k8s\/parallax-demo: ok \(\d+ objects\)$/m);
    expect(r.stderr).toMatch(/^ecs\/demo\/us-east-1: ok \(\d+ objects\)$/m);
    expect(r.stdout.trim().startsWith('{') && r.stdout.trim().endsWith('}')).toBe(true);
    // The demo ran in a temporary state directory of its own, never in PARALLAX_STATE_DIR (a dev server's demo).
    expect(fs.readdirSync(dirs.state)).toEqual([]);
  }, 90_000);

  it('--format table: every line fits 80 columns and every documented row is there; exit 1', async () => {
    const r = await runParallax(['drift', '--demo', '-q'], { env: isolatedEnv(isolatedDirs()) });
    expect(r.code, said(r)).toBe(1);
    expect(r.stderr.trim()).toBe('');
    for (const line of r.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const d of documented) expect(flat, differenceKey(d)).toMatch(new RegExp(`${d.severity} +${d.container === '-' ? '-' : d.container} +${d.field.replace(/\./g, '\\.')} `));
    expect(r.stdout.split('\n')[0]).toBe(`parallax drift: ${documented.length} findings in 3 of 4 pairs: 3 critical, 3 warning, 0 info`);
  }, 90_000);

  it('--format markdown: a table row for each documented difference; exit 1', async () => {
    const r = await runParallax(['drift', '--demo', '--format', 'markdown', '-q'], { env: isolatedEnv(isolatedDirs()) });
    expect(r.code, said(r)).toBe(1);
    const cell = (v: string) => (v === '—' ? '—' : codeSpan(v));
    for (const d of documented) {
      const severity = d.severity === 'critical' ? '**critical**' : d.severity;
      expect(r.stdout).toContain(`| ${severity} | ${d.container === '-' ? '—' : d.container} | ${codeSpan(d.field)} | ${cell(d.kubernetes)} | ${cell(d.ecs)} |`);
    }
    expect(r.stdout.match(/^\| (\*\*critical\*\*|warning|info) \|/gm)).toHaveLength(documented.length);
  }, 90_000);
});

describe('parallax snapshot --demo', () => {
  it('writes a snapshot the model validates, with keyed hashes of secrets and neither values nor the key', async () => {
    const dirs = isolatedDirs();
    const file = path.join(dirs.root, 'snap.json');
    const r = await runParallax(['snapshot', '--demo', '--out', file], { env: isolatedEnv(dirs) });
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`written to ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    const snap = SnapshotSchema.parse(JSON.parse(text));
    expect(snap.sources.map((s) => [s.id, s.status])).toEqual([['k8s/parallax-demo', 'ok'], ['ecs/demo/us-east-1', 'ok']]);
    // The key file was made in the test's config dir (never the user's), 0600, and is not in the snapshot.
    const keyFile = path.join(dirs.config, 'parallax', 'hash-key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(text).not.toContain(key);
    expect(text).not.toContain(DEMO_SECRET_VALUE);
    expect(text).not.toContain(DEMO_SECRET_VALUE_BASE64);
    expect(text).not.toContain('parallax-demo-stripe-key-5e21'); // the demo's SSM parameter (scenarios/demo/ecs/secrets.json)
    const hashes = snap.secrets.flatMap((s) => s.keys.map((k) => k.hash)).filter(Boolean) as string[];
    expect(hashes.length).toBeGreaterThan(0);
    expect(new Set(hashes.map(hashKeyId)).size).toBe(1);
  }, 90_000);
});

describe('packaging', () => {
  it('`npx parallax --help` works in the project (the bin npm linked from cli/)', async () => {
    const run = (): Promise<CliRun> => new Promise((resolve) => {
      // npm writes logs into its cache: the test's own, like HOME (nothing in the user's home).
      const dirs = isolatedDirs();
      const env = isolatedEnv(dirs, { npm_config_cache: path.join(dirs.root, 'npm-cache'), npm_config_update_notifier: 'false' });
      execFile('npx', ['--no-install', 'parallax', '--help'], { cwd: path.join(PROJECT_ROOT, 'lib'), env: env as NodeJS.ProcessEnv, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });
    const r = await run();
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toMatch(/^usage: parallax <command> \[options\]/);
    expect(r.stdout).toContain("kubectl diff's");
  }, 60_000);
});
