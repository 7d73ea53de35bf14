// The shell scripts users run (the demo, dev, test and CI entry points, and any under deploy/) pass
// shellcheck: the demo scripts need Docker and cannot run in the suite, so this is their check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const MISSING = 'shellcheck not found: install it to check the shell scripts (apt-get install shellcheck, brew install shellcheck)';
const HAVE = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;

function shellScripts(): string[] {
  const under = (dir: string): string[] => !fs.existsSync(path.join(ROOT, dir)) ? [] : fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sh'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
  return [...under('scripts'), ...under('deploy'), '.ci/run'].sort();
}

describe('shellcheck availability', () => {
  it('shellcheck is on PATH (required in CI)', () => {
    if (!HAVE && process.env.CI) throw new Error(MISSING);
    if (!HAVE) console.warn(`\n*** [scripts/shellcheck.test.ts] SKIPPED: ${MISSING} ***\n`);
  });
});

describe.skipIf(!HAVE)('shell scripts', () => {
  it('includes the demo scripts', () => {
    expect(shellScripts()).toEqual(expect.arrayContaining(['scripts/demo-kind.sh', 'scripts/demo-moto.sh', 'scripts/demo-common.sh', '.ci/run']));
  });

  it('pass shellcheck (following sourced files)', () => {
    const r = spawnSync('shellcheck', ['-x', ...shellScripts()], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
