/**
 * Plausible, deterministic container log lines, shared by both simulators: the Kubernetes
 * simulator's `pods/log` and the ECS simulator's CloudWatch Logs (where `namespace` is the
 * cluster and `pod` the task id). A container
 * instance writes line i at a time fixed by (seed, pod, container, instance, i), so any window
 * (tail, since, follow) is computed, never stored: the same clock and seed give the same lines.
 * The flavour follows the image: an nginx access log, postgres/redis server logs, a shell loop
 * for busybox/alpine, a JSON application log otherwise.
 */
import { hash, rng } from './prng';

export interface LogSource {
  /** Kubernetes namespace; for ECS, the cluster name. */
  namespace: string;
  /** Kubernetes pod name; for ECS, the task id. */
  pod: string;
  container: string;
  image: string;
  /** Which run of the container (restarts make new instances with their own lines). */
  instance: number;
  /** When the instance started (ms). */
  startedAt: number;
  /** When it ended (ms), for a terminated instance: it writes nothing after, and its last line says why. */
  finishedAt?: number;
  /** Pod IP, used as the client address in access logs and in app logs. */
  podIp?: string;
}

export interface LogLine {
  /** ms since the epoch */
  at: number;
  /** nanoseconds within the millisecond, so timestamps read like RFC3339Nano */
  nanos: number;
  text: string;
}

/** Lines a simulated kubelet keeps per container (older lines are rotated away). */
export const LOG_RETENTION_LINES = 10_000;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

type Flavour = 'nginx' | 'postgres' | 'redis' | 'shell' | 'json';

function flavour(image: string): Flavour {
  const name = image.split('@')[0].split(':')[0].split('/').pop() ?? '';
  if (/nginx|ingress|envoy|haproxy/.test(name)) return 'nginx';
  if (/postgres/.test(name)) return 'postgres';
  if (/redis|valkey/.test(name)) return 'redis';
  if (/^(busybox|alpine|bash|ubuntu|debian)$/.test(name)) return 'shell';
  return 'json';
}

/** Milliseconds between a container's lines on average (each container has its own pace). */
export function lineIntervalMs(src: Pick<LogSource, 'namespace' | 'pod' | 'container'>, seed: number): number {
  return 800 + (hash(`${seed}/${src.namespace}/${src.pod}/${src.container}/pace`) % 2200);
}

const PATHS = ['/', '/healthz', '/api/orders', '/api/orders/{id}', '/api/items/{id}', '/static/app.js', '/api/cart', '/login', '/metrics'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', 'curl/8.5.0', 'kube-probe/1.32', 'Go-http-client/1.1'];
const MESSAGES = ['handled request', 'cache hit', 'cache miss', 'query done', 'published event', 'job finished'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function nginxTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function text(kind: Flavour, src: LogSource, r: () => number, at: number, last: boolean): string {
  const iso = new Date(at).toISOString();
  const path = pick(r, PATHS).replace('{id}', String(1 + Math.floor(r() * 500)));
  const status = r() < 0.93 ? 200 : pick(r, [301, 404, 500, 503]);
  const client = `10.244.${Math.floor(r() * 4)}.${2 + Math.floor(r() * 250)}`;
  switch (kind) {
    case 'nginx':
      if (last) return `${iso.replace('T', ' ').slice(0, 19).replace(/-/g, '/')} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address in use)`;
      return `${client} - - [${nginxTime(new Date(at))}] "${pick(r, ['GET', 'GET', 'GET', 'POST'])} ${path} HTTP/1.1" ${status} ${Math.floor(r() * 20_000)} "-" "${pick(r, AGENTS)}"`;
    case 'postgres': {
      const stamp = `${iso.replace('T', ' ').replace('Z', '')} UTC [${40 + Math.floor(r() * 60)}]`;
      if (last) return `${stamp} FATAL:  could not open configuration file "/etc/postgresql/postgresql.conf": No such file or directory`;
      return r() < 0.5 ? `${stamp} LOG:  checkpoint starting: time` : `${stamp} LOG:  checkpoint complete: wrote ${Math.floor(r() * 300)} buffers (${(r() * 2).toFixed(1)}%)`;
    }
    case 'redis': {
      const d = new Date(at);
      const stamp = `1:M ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${iso.slice(11, 23)}`;
      if (last) return `${stamp} # Can't handle RDB format version 12`;
      return r() < 0.5 ? `${stamp} * ${1 + Math.floor(r() * 100)} changes in 60 seconds. Saving...` : `${stamp} * Background saving terminated with success`;
    }
    case 'shell':
      if (last) return 'sh: exit 1';
      return `${iso} ${src.container}: tick ${Math.floor(r() * 100_000)}`;
    default: {
      if (last) return JSON.stringify({ time: iso, level: 'fatal', msg: 'cannot connect to database', error: 'dial tcp 10.96.0.20:5432: connect: connection refused', container: src.container });
      const level = status >= 500 ? 'error' : r() < 0.1 ? 'warn' : 'info';
      return JSON.stringify({ time: iso, level, msg: pick(r, MESSAGES), method: 'GET', path, status, duration_ms: Math.floor(r() * 250), remote: client, pod: src.pod });
    }
  }
}

function lineRng(src: LogSource, seed: number, index: number): () => number {
  return rng(hash(`${seed}/${src.namespace}/${src.pod}/${src.container}/${src.instance}/${index}`));
}

/** Line i lands within its slot [start + i*interval, start + (i+1)*interval), so lines stay in time order. */
function slotTime(src: LogSource, seed: number, index: number, r: () => number): number {
  const interval = lineIntervalMs(src, seed);
  return src.startedAt + index * interval + Math.floor(r() * (interval - 1));
}

/** Line `index` (0-based) of an instance: when it was written and what it says. */
export function logLine(src: LogSource, seed: number, index: number): LogLine {
  const r = lineRng(src, seed, index);
  const at = slotTime(src, seed, index, r);
  const nanos = Math.floor(r() * 1_000_000);
  const last = src.finishedAt !== undefined && index === lastIndex(src, seed, src.finishedAt);
  return { at, nanos, text: text(flavour(src.image), src, r, at, last) };
}

/** Index of the last line written at or before `now` (-1 when none yet). */
function lastIndex(src: LogSource, seed: number, now: number): number {
  const interval = lineIntervalMs(src, seed);
  const end = src.finishedAt !== undefined ? Math.min(now, src.finishedAt) : now;
  if (end < src.startedAt) return -1;
  let i = Math.floor((end - src.startedAt) / interval);
  // The slot of `end` may hold a line written after `end`.
  if (slotTime(src, seed, i, lineRng(src, seed, i)) > end) i--;
  return i;
}

export interface LogWindow {
  /** Only the last N lines. */
  tailLines?: number;
  /** Only lines written at or after this time (ms). */
  since?: number;
}

/** The lines written up to `now` within the window (at most LOG_RETENTION_LINES), oldest first, and the next index. */
export function linesUpTo(src: LogSource, seed: number, now: number, window: LogWindow = {}): { lines: LogLine[]; next: number } {
  const last = lastIndex(src, seed, now);
  let first = Math.max(0, last + 1 - LOG_RETENTION_LINES);
  if (window.since !== undefined) first = Math.max(first, Math.floor((window.since - src.startedAt) / lineIntervalMs(src, seed)));
  if (window.tailLines !== undefined) first = Math.max(first, last + 1 - window.tailLines);
  const lines: LogLine[] = [];
  for (let i = first; i <= last; i++) {
    const l = logLine(src, seed, i);
    if (window.since === undefined || l.at >= window.since) lines.push(l);
  }
  return { lines, next: last + 1 };
}

/** RFC3339Nano as Go prints it (trailing zeros of the fraction trimmed). */
export function rfc3339Nano(line: Pick<LogLine, 'at' | 'nanos'>): string {
  const iso = new Date(line.at).toISOString();
  const frac = `${iso.slice(20, 23)}${String(line.nanos).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

export function formatLine(line: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${rfc3339Nano(line)} ` : ''}${line.text}\n`;
}
