import { describe, expect, it } from 'vitest';
import { bindCheck, securityConfig } from './config';
import { hostAllowed } from './host';
import { startupBindCheck } from './startup';

const TOKEN = '0123456789abcdef0123';

describe('bindCheck', () => {
  it('loopback starts without a token', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(bindCheck({ host })).toEqual({ ok: true, warnings: [] });
  });
  it('refuses any other address without PARALLAX_TOKEN, naming it', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'parallax.example.com']) {
      const r = bindCheck({ host });
      expect(r.ok, host).toBe(false);
      if (!r.ok) expect(r.error).toContain('PARALLAX_TOKEN');
    }
    expect(bindCheck({ host: '0.0.0.0', PARALLAX_TOKEN: '   ' }).ok).toBe(false);
  });
  it('starts with a token, and warns when a wildcard bind has no allowed host names', () => {
    expect(bindCheck({ host: '10.0.0.5', PARALLAX_TOKEN: TOKEN })).toEqual({ ok: true, warnings: [] });
    const r = bindCheck({ host: '0.0.0.0', PARALLAX_TOKEN: TOKEN });
    expect(r.ok && r.warnings[0]).toMatch(/PARALLAX_ALLOWED_HOSTS/);
    expect(bindCheck({ host: '0.0.0.0', PARALLAX_TOKEN: TOKEN, PARALLAX_ALLOWED_HOSTS: 'p.example' })).toEqual({ ok: true, warnings: [] });
  });
  it('refuses a short token anywhere', () => {
    const r = bindCheck({ host: '127.0.0.1', PARALLAX_TOKEN: 'short' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/PARALLAX_TOKEN is 5 characters; use at least 16/);
  });
});

describe('startupBindCheck', () => {
  it('checks HOST and every address the process listens on', () => {
    expect(startupBindCheck({ HOST: '127.0.0.1' }, ['127.0.0.1']).ok).toBe(true);
    // `next start` without --hostname listens on every interface even though HOST says nothing.
    expect(startupBindCheck({}, ['::']).ok).toBe(false);
    expect(startupBindCheck({ HOST: '127.0.0.1' }, ['0.0.0.0']).ok).toBe(false);
    expect(startupBindCheck({ HOST: '0.0.0.0' }, []).ok).toBe(false);
    expect(startupBindCheck({ HOST: '0.0.0.0', PARALLAX_TOKEN: TOKEN }, ['0.0.0.0']).ok).toBe(true);
    expect(startupBindCheck({}, []).ok).toBe(true);
  });
});

describe('securityConfig', () => {
  it('reads the token (trimmed) and the allowed hosts', () => {
    const cfg = securityConfig({ PARALLAX_TOKEN: ` ${TOKEN}\n`, PARALLAX_ALLOWED_HOSTS: 'p.example', HOST: '10.0.0.5' });
    expect(cfg.token).toBe(TOKEN);
    expect(cfg.session).toBeTruthy();
    expect(hostAllowed('p.example:3000', cfg.allowedHosts)).toBe(true);
    expect(hostAllowed('10.0.0.5:3000', cfg.allowedHosts)).toBe(true);
    expect(securityConfig({ PARALLAX_TOKEN: '' }).token).toBeUndefined();
  });
});
