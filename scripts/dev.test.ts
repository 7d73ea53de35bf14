// `npm run dev` / `npm start` (scripts/dev.sh) refuse a non-loopback address without PARALLAX_TOKEN
// before Next starts, and say which variable to set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function run(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.PARALLAX_TOKEN;
  delete base.PARALLAX_ALLOWED_HOSTS;
  delete base.HOST;
  return spawnSync(args[0], args.slice(1), { cwd: ROOT, env: { ...base, PORT: '3999', ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('scripts/dev.sh', () => {
  for (const mode of ['start', 'dev']) {
    it(`${mode}: HOST=0.0.0.0 without PARALLAX_TOKEN exits 1 naming PARALLAX_TOKEN, before starting Next`, () => {
      const r = run(['bash', 'scripts/dev.sh', mode], { HOST: '0.0.0.0' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without PARALLAX_TOKEN');
      expect(r.stdout).not.toMatch(/Next\.js|next build/);
    });
  }

  it('a too-short token is refused too', () => {
    const r = run(['bash', 'scripts/dev.sh', 'start'], { HOST: '127.0.0.1', PARALLAX_TOKEN: 'short' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PARALLAX_TOKEN is 5 characters');
  });
});

describe('scripts/check-bind.ts', () => {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  it('defaults to 127.0.0.1:3000 and honours HOST and PORT', () => {
    expect(run([tsx, 'scripts/check-bind.ts', 'start'], { PORT: '' }).stdout).toBe('127.0.0.1 3000\n');
    expect(run([tsx, 'scripts/check-bind.ts', 'start'], { HOST: '::1', PORT: '3456' }).stdout).toBe('::1 3456\n');
  });
  it('a non-loopback address with a token starts, with a warning when no host names are allowed', () => {
    const r = run([tsx, 'scripts/check-bind.ts', 'start'], { HOST: '0.0.0.0', PARALLAX_TOKEN: 'a-long-enough-token-0123' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0.0.0.0 3999\n');
    expect(r.stderr).toMatch(/warning: .*PARALLAX_ALLOWED_HOSTS/);
  });
});
