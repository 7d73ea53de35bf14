// Display helpers shared by every screen: relative times, ages, counts, platform labels, freshness.
import type { Platform, Source } from '@/lib/model';

export const PLATFORM_LABEL: Record<Platform, string> = { kubernetes: 'K8s', ecs: 'ECS' };
export const PLATFORM_NAME: Record<Platform, string> = { kubernetes: 'Kubernetes', ecs: 'ECS' };
/** PLATFORM_NAME of a platform value (a facet's value is a plain string); anything else as it is. */
export const platformName = (platform: string): string => PLATFORM_NAME[platform as Platform] ?? platform;

function ms(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** "3 s ago", "4 min ago", "2 h ago", "3 d ago"; "just now" under a second; "—" when unknown. */
export function ago(iso: string | undefined, now: number): string {
  const t = ms(iso);
  if (t === undefined) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** kubectl-style age: "45s", "12m", "5h", "3d" (two units under a day when useful: "2h5m"). */
export function age(iso: string | undefined, now: number): string {
  const t = ms(iso);
  if (t === undefined) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h < 10 && m ? `${h}h${m}m` : `${h}h`;
  }
  return `${Math.floor(s / 86400)}d`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function seconds(msValue: number): string {
  const s = msValue / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

/**
 * How fresh a source's data is: "watching · changed 3 s ago" for Kubernetes (pushed by watches),
 * "polled every 10 s · 4 s ago" for ECS (polled server-side).
 */
export function freshness(source: Pick<Source, 'freshness' | 'lastSyncAt' | 'lastChangeAt' | 'status'>, now: number): string {
  if (source.status === 'syncing' && !source.lastSyncAt) return 'first sync…';
  if (source.freshness.mode === 'watch') {
    const changed = source.lastChangeAt ?? source.lastSyncAt;
    return changed ? `watching · changed ${ago(changed, now)}` : 'watching';
  }
  const every = source.freshness.intervalMs ? `polled every ${seconds(source.freshness.intervalMs)}` : 'polled';
  return source.lastSyncAt ? `${every} · ${ago(source.lastSyncAt, now)}` : every;
}

/** "a, b +3 more" */
export function listShort(items: string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}
