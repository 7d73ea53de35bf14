'use client';
// Per-source health: ok / degraded (kinds not covered) / down (reason and what to do) / syncing /
// could not start; and the platforms nobody configured.
import Link from 'next/link';
import { COLLECTIONS, type NotConfigured, type Source } from '@/lib/model';
import { PLATFORM_NAME, count, freshness } from '@/lib/views/format';
import { STATUS_TONE, bannerText, statusLabel, uncovered } from '@/lib/views/health';
import { Pill, PlatformBadge } from './ui';

export function SourceSummary({ s, now }: { s: Source; now: number }) {
  const missing = uncovered(s);
  // Only kinds that feed model collections hold objects (secretValues counts hashed values).
  const objects = s.status === 'syncing' && s.progress ? s.progress.objects
    : s.coverage.filter((c) => c.collections.some((col) => (COLLECTIONS as readonly string[]).includes(col))).reduce((n, c) => n + c.count, 0);
  const where = s.platform === 'ecs'
    ? [s.connection.profile && `profile ${s.connection.profile}`, s.connection.region, s.connection.endpoint].filter(Boolean).join(' · ')
    : [s.connection.context && `context ${s.connection.context}`, s.connection.server, s.connection.version].filter(Boolean).join(' · ');
  return (
    <div data-testid="health-card" data-status={s.status} className="min-w-0 rounded-lg border border-line bg-surface p-3">
      <div className="flex items-center gap-2">
        <PlatformBadge platform={s.platform} />
        <span className="truncate font-semibold">{s.name}</span>
        {s.demo && <span className="text-[11px] uppercase text-warn">demo</span>}
        <span className="ml-auto shrink-0"><Pill tone={STATUS_TONE[s.status]}>{statusLabel(s)}</Pill></span>
      </div>
      <p className="mt-1 truncate text-xs text-muted" title={where}>{where || '—'}</p>
      {!s.notStarted && <p className="mt-1 text-xs text-muted">{freshness(s, now)} · {count(objects)} objects</p>}
      {s.status === 'down' && <p className="mt-2 break-words text-sm text-bad">{bannerText(s)}</p>}
      {s.status === 'degraded' && (
        <p className="mt-2 text-sm text-warn">
          Not covered: {missing.length ? missing.map((c) => c.kind).join(', ') : (s.reason ?? 'some kinds')}
        </p>
      )}
      {s.status === 'syncing' && s.progress && (
        <p className="mt-2 text-sm text-info">First sync: {s.progress.done} of {s.progress.total} kinds, {count(s.progress.objects)} objects</p>
      )}
      {s.status === 'ok' && <p className="mt-2 text-sm text-ok">All {s.coverage.length} kinds read.</p>}
      <Link href="/sources" className="mt-1 inline-block text-xs text-accent hover:underline">connection &amp; coverage →</Link>
    </div>
  );
}

/** A platform nobody configured: what was looked for and what to set. */
export function NotConfiguredRow({ n }: { n: NotConfigured }) {
  return (
    <div data-testid="not-configured" data-platform={n.platform} className="flex min-w-0 flex-wrap items-start gap-x-3 gap-y-1 rounded-lg border border-dashed border-line bg-surface px-3 py-2 text-sm">
      <span className="flex items-center gap-2"><PlatformBadge platform={n.platform} /><span className="font-semibold">{PLATFORM_NAME[n.platform]}</span><Pill tone="warn">not configured</Pill></span>
      <p className="min-w-0 flex-1 basis-72 break-words"><span className="text-muted">{n.reason}.</span> {n.hint}.</p>
    </div>
  );
}

export function HealthCards({ sources, notConfigured = [], now }: { sources: Source[]; notConfigured?: NotConfigured[]; now: number }) {
  return (
    <div className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {sources.map((s) => <SourceSummary key={s.id} s={s} now={now} />)}
      </div>
      {notConfigured.map((n) => <NotConfiguredRow key={n.platform} n={n} />)}
    </div>
  );
}
