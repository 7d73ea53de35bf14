'use client';
// Each source: connection, status and reason, last sync, freshness, what it is waiting for, coverage
// per kind (with when each kind was last confirmed current, and a stale mark), recent errors.
import type { Source } from '@/lib/model';
import { ago, count, freshness } from '@/lib/views/format';
import { STATUS_TONE, bannerText, confirmedText, statusLabel, waitingText } from '@/lib/views/health';
import { useNow, useSources } from './data';
import { NotConfiguredRow } from './health-cards';
import { PinButton } from './pins';
import { Card, Empty, ErrorNote, LoadingBlock, Mono, PageTitle, Pill, PlatformBadge } from './ui';

const COVERAGE_TONE = { ok: 'ok', pending: 'info', forbidden: 'warn', error: 'bad' } as const;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </>
  );
}

function SourceCard({ s, now }: { s: Source; now: number }) {
  const c = s.connection;
  const waiting = waitingText(s, now);
  return (
    <Card
      id={encodeURIComponent(s.id)}
      title={<span className="flex items-center gap-2"><PlatformBadge platform={s.platform} />{s.name}{s.demo && <span className="text-[11px] uppercase text-warn">demo</span>}<PinButton pin={{ kind: 'source', id: s.id, name: s.name, platform: s.platform }} /></span>}
      actions={<Pill tone={STATUS_TONE[s.status]}>{statusLabel(s)}</Pill>}
    >
      <div data-testid="source-card" data-source={s.id} className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="space-y-3">
          {(s.status === 'down' || s.status === 'degraded') && <p data-testid="source-reason" className={s.status === 'down' ? 'text-sm text-bad' : 'text-sm text-warn'}>{bannerText(s)}</p>}
          <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <Field label="id"><Mono>{s.id}</Mono></Field>
            {s.platform === 'kubernetes' ? (
              <>
                <Field label="context">{c.context ?? '—'}</Field>
                <Field label="server"><Mono>{c.server ?? '—'}</Mono></Field>
                <Field label="version">{c.version ?? '—'}</Field>
                {c.user && <Field label="user">{c.user}</Field>}
              </>
            ) : (
              <>
                <Field label="profile">{c.profile ?? '—'}</Field>
                <Field label="region">{c.region ?? '—'}</Field>
                <Field label="endpoint"><Mono>{c.endpoint ?? 'AWS default'}</Mono></Field>
                {c.account && <Field label="account">{c.account}</Field>}
              </>
            )}
            {/* A source that could not start never syncs: no freshness to speak of. */}
            {!s.notStarted && <Field label="freshness">{freshness(s, now)}</Field>}
            {!s.notStarted && <Field label="last sync">{s.lastSyncAt ? `${ago(s.lastSyncAt, now)} (${new Date(s.lastSyncAt).toLocaleTimeString()})` : 'not yet'}</Field>}
            <Field label="last change">{ago(s.lastChangeAt, now)}</Field>
            {s.progress && s.status === 'syncing' && <Field label="progress">{s.progress.done}/{s.progress.total} kinds · {count(s.progress.objects)} objects</Field>}
            {waiting && <Field label="waiting for"><span data-testid="source-waiting" className="text-warn">{waiting}</span></Field>}
          </dl>
        </div>
        <div className="space-y-3">
          {s.notStarted ? <p className="text-sm text-muted">Nothing was read: the source could not be set up from its configuration. Fix it as above and restart the server.</p> : <>
          {s.status === 'down' && <p className="text-xs text-warn">The source is down: this is the coverage of the last successful read; the objects shown elsewhere are its last known state.</p>}
          {/* On a phone the coverage table scrolls in its own box, never the page. */}
          <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label={`Coverage of ${s.name}`}>
            <thead className="text-left text-xs text-muted">
              <tr><th className="py-1 pr-2 font-medium">kind</th><th className="pr-2 font-medium">state</th><th className="pr-2 text-right font-medium">count</th><th className="pr-2 font-medium">confirmed</th><th className="font-medium">message</th></tr>
            </thead>
            <tbody>
              {s.coverage.map((cv) => (
                <tr key={cv.kind} className="border-t border-line/70">
                  <td className="py-1 pr-2">{cv.kind}</td>
                  <td className="pr-2">
                    <Pill tone={COVERAGE_TONE[cv.state]}>{cv.state === 'forbidden' || cv.state === 'error' ? `not covered (${cv.state})` : cv.state}</Pill>
                    {cv.stale && <> <Pill tone="warn">stale</Pill></>}
                  </td>
                  <td className="pr-2 text-right tabular">{cv.state === 'ok' ? count(cv.count) : '—'}</td>
                  <td data-testid="coverage-confirmed" className={`pr-2 text-xs ${cv.stale ? 'text-warn' : 'text-muted'}`}>{confirmedText({ confirmedAt: cv.confirmedAt }, now) ?? '—'}</td>
                  <td className="text-xs text-muted break-words">{cv.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          </>}
          {s.errors.length > 0 && (
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Recent errors</h3>
              <ul className="space-y-1 text-xs">
                {[...s.errors].reverse().map((e, i) => (
                  <li key={i} className="rounded border border-line px-2 py-1">
                    <span className="text-muted">{ago(e.at, now)} · {e.operation}{e.status ? ` · HTTP ${e.status}` : ''}{e.code ? ` · ${e.code}` : ''}</span>
                    <p className="break-words text-bad">{e.message}</p>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
    </Card>
  );
}

export function SourcesView() {
  const { data, error, isPending } = useSources();
  const now = useNow();
  return (
    <div className="space-y-4">
      <PageTitle sub="where the data comes from, and how fresh it is">Sources</PageTitle>
      {isPending ? <LoadingBlock label="Loading sources" /> : !data ? <ErrorNote error={error} /> : data.sources.length === 0 && data.notConfigured.length === 0 ? (
        <Empty title="No sources configured">Set KUBECONFIG or AWS_REGION / AWS_PROFILE, or start without any to get the demo.</Empty>
      ) : (
        <>
          {data.sources.map((s) => <SourceCard key={s.id} s={s} now={now} />)}
          {data.notConfigured.length > 0 && (
            <section id="not-configured" aria-label="Not configured" className="space-y-2">
              {data.notConfigured.map((n) => <NotConfiguredRow key={n.platform} n={n} />)}
            </section>
          )}
        </>
      )}
    </div>
  );
}
