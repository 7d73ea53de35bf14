// Source health as the UI explains it: banners with the reason and what to do, not-covered kinds,
// first-sync progress.
import type { Coverage, Source } from '@/lib/model';
import { ago, platformName } from './format';

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

export const STATUS_TONE: Record<Source['status'], Tone> = { ok: 'ok', degraded: 'warn', down: 'bad', syncing: 'info' };

/** What the user can do about a failure, guessed from the reason text (the server's own advice wins). */
export function adviceFor(reason: string, platform: Source['platform']): string | undefined {
  const r = reason.toLowerCase();
  const target = platform === 'ecs' ? 'the ECS endpoint (or emulator)' : 'the cluster';
  if (/econnrefused|connection refused/.test(r)) return `is ${target} running?`;
  if (/enotfound|getaddrinfo|name resolution|dns/.test(r)) return 'check the server address';
  if (/timed? ?out|etimedout|deadline/.test(r)) return `is ${target} reachable from here?`;
  if (/certificate|x509|self.signed|tls/.test(r)) return 'check the CA / TLS settings of the connection';
  if (/\b401\b|unauthori[sz]ed|expired ?token|invalid.*token|credentials|signature/.test(r)) return 'check the credentials';
  if (/\b403\b|forbidden|accessdenied|not authori[sz]ed/.test(r)) return 'grant read (list/watch or Describe*) permissions';
  if (/econnreset|socket hang up|closed/.test(r)) return `is ${target} still up?`;
  return undefined;
}

/** The status as a word: "could not start" for a source whose configuration could not be used. */
export function statusLabel(source: Pick<Source, 'status' | 'notStarted'>): string {
  return source.notStarted ? 'could not start' : source.status;
}

/** "ECS demo/us-east-1: connection refused at http://… — is the endpoint (or emulator) running?" */
export function bannerText(source: Source): string {
  const reason = source.reason || source.errors.at(-1)?.message || (source.status === 'down' ? 'cannot be read' : 'some kinds cannot be read');
  const label = `${platformName(source.platform)} ${source.name}`;
  if (source.notStarted?.hint) return `${label}: ${reason} — ${source.notStarted.hint}`;
  if (/ — |\?$/.test(reason)) return `${label}: ${reason}`;
  const advice = adviceFor(reason, source.platform);
  return advice ? `${label}: ${reason} — ${advice}` : `${label}: ${reason}`;
}

/** Coverage entries whose kind could not be read. */
export function uncovered(source: Source): Source['coverage'] {
  return source.coverage.filter((c) => c.state === 'forbidden' || c.state === 'error');
}

export interface SyncProgress {
  syncing: boolean;
  synced: number;
  total: number;
  objects: number;
}

/** First-sync progress over all sources: "3 of 4 sources, 4,210 objects". */
export function syncProgress(sources: Source[]): SyncProgress {
  let synced = 0;
  let objects = 0;
  for (const s of sources) {
    if (s.status !== 'syncing') synced++;
    objects += s.progress?.objects ?? s.coverage.reduce((n, c) => n + c.count, 0);
  }
  return { syncing: synced < sources.length, synced, total: sources.length, objects };
}

/** "list pods (45 s), list nodes (12 s)": what a source is waiting for, and for how long; undefined when nothing is slow. */
export function waitingText(source: Pick<Source, 'waiting'>, now: number): string | undefined {
  const w = source.waiting ?? [];
  if (!w.length) return undefined;
  return w.map((x) => `${x.operation} (${Math.max(0, Math.round((now - Date.parse(x.since)) / 1000))} s)`).join(', ');
}

/** "last confirmed 3 min ago" for a kind; "stale, last confirmed 3 min ago" when its watch went silent. */
export function confirmedText(c: Pick<Coverage, 'confirmedAt' | 'stale'>, now: number): string | undefined {
  if (!c.confirmedAt) return c.stale ? 'stale' : undefined;
  return `${c.stale ? 'stale, ' : ''}last confirmed ${ago(c.confirmedAt, now)}`;
}

/** The kinds of a source whose data is stale: "pods (last confirmed 3 min ago)". */
export function staleKinds(source: Pick<Source, 'coverage'>, now: number): string[] {
  return source.coverage.filter((c) => c.stale).map((c) => `${c.kind}${c.confirmedAt ? ` (last confirmed ${ago(c.confirmedAt, now)})` : ''}`);
}

export interface HealthSummary {
  /** Sources configured (could-not-start ones included) plus platforms nobody configured. */
  total: number;
  up: number;
  degraded: number;
  syncing: number;
  /** Down while running (connection refused, expired credentials…). */
  down: number;
  couldNotStart: number;
  notConfigured: number;
  /** Every source is up: the only state shown green. */
  allUp: boolean;
  /** No source can be read at all (all down, could not start or not configured): /api/health answers 503. */
  blind: boolean;
  tone: Tone;
  /** "all 2 sources up", "1 down · 1 not configured". */
  text: string;
}

/** The one-line health of every source, for the header and /api/health. Not configured and could not start count as not live. */
export function healthSummary(sources: Pick<Source, 'status' | 'notStarted'>[], notConfigured: number): HealthSummary {
  const n = (f: (s: Pick<Source, 'status' | 'notStarted'>) => boolean) => sources.filter(f).length;
  const couldNotStart = n((s) => !!s.notStarted);
  const h = {
    total: sources.length + notConfigured,
    up: n((s) => s.status === 'ok'),
    degraded: n((s) => s.status === 'degraded'),
    syncing: n((s) => s.status === 'syncing'),
    down: n((s) => s.status === 'down' && !s.notStarted),
    couldNotStart,
    notConfigured,
  };
  const allUp = h.total > 0 && h.up === h.total;
  const blind = h.up + h.degraded + h.syncing === 0;
  const parts = [
    [h.down, 'down'], [h.couldNotStart, 'could not start'], [h.notConfigured, 'not configured'], [h.degraded, 'degraded'], [h.syncing, 'syncing'],
  ].filter(([k]) => (k as number) > 0).map(([k, w]) => `${k} ${w}`);
  const text = allUp ? `${h.total === 1 ? 'the source is' : `all ${h.total} sources`} up`
    : h.total === 0 ? 'no source' : `${h.up} of ${h.total} up · ${parts.join(' · ')}`;
  const tone: Tone = allUp ? 'ok' : blind || h.down + h.couldNotStart > 0 ? 'bad' : h.degraded + h.notConfigured > 0 ? 'warn' : 'info';
  return { ...h, allUp, blind, tone, text };
}
