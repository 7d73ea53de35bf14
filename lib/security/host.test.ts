import { describe, expect, it } from 'vitest';
import { allowedHosts, fetchSiteAllowed, hostAllowed, hostName, isLoopbackAddress, originAllowed } from './host';

describe('hostName', () => {
  it('takes the name part, lower-case, IPv6 in brackets', () => {
    expect(hostName('Example.COM:443')).toBe('example.com');
    expect(hostName('[::1]:3000')).toBe('[::1]');
    expect(hostName('localhost')).toBe('localhost');
  });
});

describe('isLoopbackAddress', () => {
  it('knows 127/8, ::1 and localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackAddress(h), h).toBe(true);
  });
  it('anything else is not loopback: wildcards, LAN addresses, names that merely start with 127', () => {
    for (const h of ['0.0.0.0', '::', '[::]', '10.0.0.5', '192.168.1.2', '127.evil.example', 'parallax.example.com', '']) expect(isLoopbackAddress(h), h).toBe(false);
  });
});

describe('hostAllowed', () => {
  const loopbackOnly = allowedHosts({});
  it('answers the loopback names with any port', () => {
    for (const h of ['localhost', 'localhost:3000', '127.0.0.1:3202', '[::1]:8080', 'LocalHost:1']) expect(hostAllowed(h, loopbackOnly), h).toBe(true);
  });
  it('refuses any other name (DNS rebinding), a missing Host, and odd values', () => {
    for (const h of ['evil.example', 'evil.example:3000', '127.0.0.1.evil.example', 'localhost.evil.example', '10.0.0.5:3000', '', 'localhost/x', 'user@localhost', 'local host']) {
      expect(hostAllowed(h, loopbackOnly), h).toBe(false);
    }
    expect(hostAllowed(null, loopbackOnly)).toBe(false);
    expect(hostAllowed(undefined, loopbackOnly)).toBe(false);
  });
  it('adds PARALLAX_ALLOWED_HOSTS entries: a bare name for any port, name:port for that port only', () => {
    const a = allowedHosts({ allowed: ' parallax.example.com , 10.0.0.5:3000,[fd00::1]' });
    expect(hostAllowed('parallax.example.com', a)).toBe(true);
    expect(hostAllowed('Parallax.Example.com:8443', a)).toBe(true);
    expect(hostAllowed('10.0.0.5:3000', a)).toBe(true);
    expect(hostAllowed('10.0.0.5:3001', a)).toBe(false);
    expect(hostAllowed('10.0.0.5', a)).toBe(false);
    expect(hostAllowed('[fd00::1]:3000', a)).toBe(true);
    expect(hostAllowed('sub.parallax.example.com', a)).toBe(false);
  });
  it('adds the bind address when it is a specific one, never a wildcard', () => {
    expect(hostAllowed('10.0.0.7:3000', allowedHosts({ bindHost: '10.0.0.7' }))).toBe(true);
    expect(hostAllowed('[fd00::7]:3000', allowedHosts({ bindHost: 'fd00::7' }))).toBe(true);
    expect(allowedHosts({ bindHost: '0.0.0.0' })).toEqual(loopbackOnly);
    expect(allowedHosts({ bindHost: '::' })).toEqual(loopbackOnly);
  });
});

describe('originAllowed', () => {
  it('allows no Origin (scripts, same-origin GETs) and the exact origin of the Host', () => {
    expect(originAllowed(null, '127.0.0.1:3000')).toBe(true);
    expect(originAllowed(undefined, '127.0.0.1:3000')).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(originAllowed('https://parallax.example.com', 'parallax.example.com')).toBe(true);
    expect(originAllowed('https://parallax.example.com', 'parallax.example.com:443')).toBe(true);
    expect(originAllowed('http://parallax.example.com', 'parallax.example.com:80')).toBe(true);
  });
  it('refuses other sites, other ports on the same name, "null" and non-web schemes', () => {
    expect(originAllowed('http://evil.example', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('http://127.0.0.1:5173', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('http://localhost:3000', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('file://', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('chrome-extension://abc', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed('http://127.0.0.1:3000', null)).toBe(false);
  });
});

describe('originAllowed with Origin "null"', () => {
  it('passes only when the browser says the request is same-origin (a form POST under Referrer-Policy: no-referrer)', () => {
    expect(originAllowed('null', '127.0.0.1:3000', 'same-origin')).toBe(true);
    expect(originAllowed('null', '127.0.0.1:3000', 'cross-site')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000', null)).toBe(false);
  });
});

describe('fetchSiteAllowed', () => {
  it('other sites may navigate to us, not fetch or embed us; scripts send no fetch metadata', () => {
    expect(fetchSiteAllowed('cross-site', 'navigate')).toBe(true);
    expect(fetchSiteAllowed('cross-site', 'no-cors')).toBe(false);
    expect(fetchSiteAllowed('cross-site', 'cors')).toBe(false);
    expect(fetchSiteAllowed('same-site', 'cors')).toBe(false);
    expect(fetchSiteAllowed('same-origin', 'cors')).toBe(true);
    expect(fetchSiteAllowed('none', 'navigate')).toBe(true);
    expect(fetchSiteAllowed(null, null)).toBe(true);
  });
});
