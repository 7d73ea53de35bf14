// Host and Origin checks. Why: a page on any site can make a browser talk to 127.0.0.1 once its
// own DNS name is re-pointed there (DNS rebinding); the request then carries that site's name in
// Host. Accepting only names we expect closes that door; checking Origin on the stream and on any
// state-changing method stops other sites from driving a logged-in browser (CSRF).

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** "[::1]:3000" -> "[::1]", "Example.COM:443" -> "example.com": the name part of a Host value, lower-case. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(0, end + 1);
  }
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** The port of a Host value, or undefined when absent. */
function hostPort(host: string): string | undefined {
  const h = host.trim();
  const afterName = h.startsWith('[') ? h.slice(h.indexOf(']') + 1) : h;
  const colon = afterName.lastIndexOf(':');
  return colon === -1 ? undefined : afterName.slice(colon + 1);
}

/** A bind address or name that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Wildcard binds (every interface) are not names anyone types in a browser. */
function isWildcard(host: string): boolean {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  return h === '0.0.0.0' || h === '::' || h === '';
}

/** One allow-list entry: a name (any port) or name:port. */
export interface AllowedHost { name: string; port?: string }

/**
 * The Host values the server answers: the loopback names (any port), each entry of
 * PARALLAX_ALLOWED_HOSTS ("parallax.example.com,10.0.0.5:3000"), and the bind address itself when it
 * is a specific address (HOST=10.0.0.5): a rebinding attacker's request carries the attacker's name,
 * never our own address.
 */
export function allowedHosts(opts: { allowed?: string; bindHost?: string }): AllowedHost[] {
  const out: AllowedHost[] = [...LOOPBACK_NAMES].map((name) => ({ name }));
  const entries = (opts.allowed ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (opts.bindHost && !isWildcard(opts.bindHost) && !isLoopbackAddress(opts.bindHost)) {
    entries.push(opts.bindHost.includes(':') && !opts.bindHost.startsWith('[') ? `[${opts.bindHost}]` : opts.bindHost);
  }
  for (const e of entries) {
    const port = hostPort(e);
    out.push({ name: hostName(e), ...(port ? { port } : {}) });
  }
  return out;
}

/** Whether a Host header value names this server. A missing Host (HTTP/1.0) is refused. */
export function hostAllowed(host: string | null | undefined, allowed: AllowedHost[]): boolean {
  if (!host || /[\s/\\@]/.test(host.trim())) return false;
  const name = hostName(host);
  const port = hostPort(host);
  return allowed.some((a) => a.name === name && (a.port === undefined || a.port === port));
}

/**
 * Whether a request's Origin may act on this server: absent (not a browser, or a same-origin GET),
 * or exactly the origin the request was sent to (same host and port as Host). "null" is what a
 * browser sends on a same-origin POST from a page served with Referrer-Policy: no-referrer (ours),
 * and also what sandboxed frames and file:// pages send: it passes only when the browser itself
 * says the request is same-origin (Sec-Fetch-Site, which pages cannot set).
 */
export function originAllowed(origin: string | null | undefined, host: string | null | undefined, fetchSite?: string | null): boolean {
  if (origin === null || origin === undefined || origin === '') return true;
  if (origin === 'null') return fetchSite === 'same-origin';
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host.toLowerCase() === normalizeHostHeader(host, url.protocol);
}

/**
 * Fetch metadata (Sec-Fetch-Site / -Mode, set by the browser): another site may link to us (a
 * top-level navigation) but not fetch, embed or frame us, even in no-cors mode where no Origin is sent.
 */
export function fetchSiteAllowed(site: string | null | undefined, mode: string | null | undefined): boolean {
  if (site !== 'cross-site' && site !== 'same-site') return true;
  return mode === 'navigate';
}

/** Host as URL.host would print it for that scheme (default port dropped, lower-case). */
function normalizeHostHeader(host: string, protocol: string): string {
  const h = host.trim().toLowerCase();
  const port = hostPort(h);
  const defaultPort = protocol === 'https:' ? '443' : '80';
  return port === defaultPort ? h.slice(0, h.length - port.length - 1) : h;
}
