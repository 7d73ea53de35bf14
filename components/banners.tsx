'use client';
// Per-source banners at the top of every page (down: the reason and what to do; degraded: the kinds
// not covered), and the first-sync progress while any source is still syncing. The other sources
// keep showing their data below.
import Link from 'next/link';
import { count, PLATFORM_NAME } from '@/lib/views/format';
import { bannerText, staleKinds, syncProgress, uncovered, waitingText } from '@/lib/views/health';
import { useNow, useSources } from './data';
import { ErrorNote, PlatformBadge } from './ui';

export function SourceBanners() {
  const { data, error } = useSources();
  const sources = data?.sources;
  const now = useNow();
  if (error && !sources) return <div className="mb-3"><ErrorNote error={error} /></div>;
  if (!sources) return null;
  const progress = syncProgress(sources);
  const down = sources.filter((s) => s.status === 'down');
  const degraded = sources.filter((s) => s.status === 'degraded');
  if (!progress.syncing && !down.length && !degraded.length) return null;
  return (
    <div className="mb-3 space-y-2">
      {progress.syncing && (
        <div role="status" data-testid="sync-progress" className="rounded-md border border-info/30 bg-info-bg px-3 py-2 text-sm">
          <p className="font-medium text-info">
            First sync: {progress.synced} of {progress.total} sources, {count(progress.objects)} objects
          </p>
          <ul className="mt-1 space-y-1">
            {sources.filter((s) => s.status === 'syncing').map((s) => {
              const p = s.progress;
              const pct = p && p.total ? Math.round((p.done / p.total) * 100) : undefined;
              return (
                <li key={s.id} className="flex items-center gap-2 text-xs">
                  <PlatformBadge platform={s.platform} />
                  <span className="w-48 truncate">{s.name}</span>
                  <div className="h-1.5 w-40 overflow-hidden rounded bg-surface" aria-hidden>
                    <div className="h-full bg-info transition-all" style={{ width: `${pct ?? 5}%` }} />
                  </div>
                  <span className="tabular text-muted">
                    {p ? `${p.done}/${p.total} kinds · ${count(p.objects)} objects` : 'connecting…'}
                    {waitingText(s, now) && <span className="text-warn"> · waiting for {waitingText(s, now)}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {down.map((s) => (
        <div key={s.id} role="alert" data-testid="source-banner" data-source={s.id} className="flex items-start gap-2 rounded-md border border-bad/40 bg-bad-bg px-3 py-2 text-sm text-bad">
          <span aria-hidden className="font-bold">■</span>
          <p className="min-w-0 flex-1 break-words"><span className="font-semibold">{s.notStarted ? 'Could not start.' : 'Source down.'}</span> {bannerText(s)}</p>
          <Link href="/sources" className="shrink-0 underline">details</Link>
        </div>
      ))}
      {degraded.map((s) => {
        const missing = uncovered(s);
        const stale = staleKinds(s, now);
        return (
          <div key={s.id} role="status" data-testid="source-banner" data-source={s.id} className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn-bg px-3 py-2 text-sm text-warn">
            <span aria-hidden className="font-bold">▲</span>
            <p className="min-w-0 flex-1 break-words">
              <span className="font-semibold">{PLATFORM_NAME[s.platform]} {s.name} degraded:</span>{' '}
              {missing.length ? `not covered: ${missing.map((c) => `${c.kind}${c.message ? ` (${c.message})` : ''}`).join('; ')}` : (s.reason ?? 'some kinds cannot be read')}
              {stale.length > 0 && <span data-testid="stale-kinds"> · stale: {stale.join(', ')}</span>}
            </p>
            <Link href="/sources" className="shrink-0 underline">details</Link>
          </div>
        );
      })}
    </div>
  );
}
