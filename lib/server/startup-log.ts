// The server's start-up lines, one per source: what it reads, what could not start (and what to do),
// which platform nobody configured. Built from what the UI shows (ids, names, reasons), never from
// configuration values, so no credential or token can reach the log.
import type { NotConfigured, Source } from '@/lib/model';
import { PLATFORM_NAME } from '@/lib/views/format';

export function startupLines(sources: Source[], notConfigured: NotConfigured[]): string[] {
  const lines = sources.map((s) => {
    const label = `${PLATFORM_NAME[s.platform]} ${s.name}${s.demo ? ' (demo)' : ''}`;
    if (s.notStarted) return `${label}: could not start: ${s.reason ?? 'unknown reason'}${s.notStarted.hint ? ` — ${s.notStarted.hint}` : ''}`;
    if (s.status === 'down') return `${label}: down: ${s.reason ?? 'cannot be read'}`;
    const where = s.platform === 'ecs'
      ? [s.connection.profile && `profile ${s.connection.profile}`, s.connection.region, s.connection.endpoint].filter(Boolean).join(', ')
      : [s.connection.context && `context ${s.connection.context}`, s.connection.server].filter(Boolean).join(', ');
    return `${label}: ${s.status === 'syncing' ? 'starting' : s.status}${where ? ` (${where})` : ''}`;
  });
  for (const n of notConfigured) lines.push(`${PLATFORM_NAME[n.platform]}: not configured: ${n.reason} — ${n.hint}`);
  return lines;
}
