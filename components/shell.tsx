'use client';
// Top bar: brand, demo badge, navigation, the global search (Ctrl-K, /), source chips with freshness,
// "synced N s ago", theme toggle.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ago, freshness } from '@/lib/views/format';
import { STATUS_TONE, healthSummary, statusLabel } from '@/lib/views/health';
import { THEME_KEY } from '@/components/theme';
import { useNow, useSources } from './data';
import { useLive } from './live';
import { SearchPalette } from './search-palette';
import { Dot, PlatformBadge, TONE_TEXT } from './ui';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/workloads', label: 'Workloads' },
  { href: '/drift', label: 'Drift' },
  { href: '/nodes', label: 'Nodes' },
  { href: '/resources', label: 'Resources' },
  { href: '/sources', label: 'Sources' },
];

function isActive(path: string, href: string) {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

type Theme = 'system' | 'light' | 'dark';

function applyTheme(theme: Theme) {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
}

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') setTheme(saved);
  }, []);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = () => applyTheme('system');
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [theme]);
  const next: Theme = theme === 'system' ? 'light' : theme === 'light' ? 'dark' : 'system';
  return (
    <button
      type="button"
      onClick={() => { setTheme(next); if (next === 'system') localStorage.removeItem(THEME_KEY); else localStorage.setItem(THEME_KEY, next); }}
      className="rounded border border-line px-2 py-0.5 text-xs text-muted hover:text-fg"
      aria-label={`Theme: ${theme}. Switch to ${next}`}
      title={`Theme: ${theme} (click for ${next})`}
    >
      {theme === 'system' ? '◐ auto' : theme === 'light' ? '☀ light' : '☾ dark'}
    </button>
  );
}

/** A plain form post: /api/logout clears the HttpOnly cookie (which no script could). */
function SignOut() {
  return (
    <form method="post" action="/api/logout">
      <button type="submit" className="rounded border border-line px-2 py-0.5 text-xs text-muted hover:text-fg">Sign out</button>
    </form>
  );
}

/** `signedIn`: the page was served on a login session (PARALLAX_TOKEN set), so offer to end it. */
export function TopBar({ signedIn = false }: { signedIn?: boolean }) {
  const path = usePathname();
  const sources = useSources();
  const live = useLive();
  const now = useNow();
  const list = sources.data?.sources ?? [];
  const demo = list.some((s) => s.demo);
  const synced = sources.dataUpdatedAt ? ago(new Date(sources.dataUpdatedAt).toISOString(), now) : undefined;
  // Green only when the stream is live and every source is up; otherwise how many are not.
  const health = sources.data ? healthSummary(list, sources.data.notConfigured.length) : undefined;
  const tone = live.state !== 'live' ? 'warn' : health && !health.allUp ? health.tone : 'ok';
  return (
    <header className="sticky top-0 z-20 border-b border-line bg-surface/95 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-surface focus:px-2">Skip to content</a>
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
        <Link href="/" className="text-base font-bold tracking-tight">Parallax</Link>
        {demo && (
          <span data-testid="demo-badge" title="Embedded demo simulators, not real clusters" className="rounded bg-warn-bg px-1.5 text-xs font-semibold uppercase leading-5 tracking-wide text-warn">demo</span>
        )}
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
          {NAV.map((n) => (
            <Link
              key={n.href}
              href={n.href}
              aria-current={isActive(path, n.href) ? 'page' : undefined}
              className={`rounded px-2 py-1 text-sm ${isActive(path, n.href) ? 'bg-surface-2 font-semibold text-fg' : 'text-muted hover:text-fg'}`}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-xs text-muted">
          <SearchPalette />
          <Link
            href="/sources"
            data-testid="synced"
            data-state={health?.allUp ? 'all-up' : health ? 'not-all-up' : 'loading'}
            title={`${live.state === 'live' ? 'Live: the server pushes a tick on every change' : 'Stream disconnected: polling every 5 s'}${health ? `. Sources: ${health.text}` : ''}`}
            className="hover:text-fg"
          >
            <span aria-hidden className={TONE_TEXT[tone]}>{live.state !== 'live' ? '○' : health && !health.allUp ? '▲' : '●'}</span>{' '}
            {live.state === 'live' ? 'live' : live.state === 'connecting' ? 'connecting' : 'stream down'}
            {health && !health.allUp && <span data-testid="synced-health" className={`font-medium ${TONE_TEXT[health.tone]}`}> · {health.text}</span>}
            {synced && ` · synced ${synced}`}
          </Link>
          <ThemeToggle />
          {signedIn && <SignOut />}
        </div>
      </div>
      {(list.length > 0 || !!sources.data?.notConfigured.length) && (
        <div className="mx-auto flex max-w-[1600px] flex-wrap gap-2 px-4 pb-2" aria-label="Sources">
          {list.map((s) => (
            <Link key={s.id} href="/sources" data-testid="source-chip" className="flex items-center gap-1.5 rounded-full border border-line bg-surface px-2 py-0.5 text-xs hover:border-accent">
              <Dot tone={STATUS_TONE[s.status]} />
              <PlatformBadge platform={s.platform} />
              <span className="font-medium">{s.name}</span>
              <span className="text-muted">{s.notStarted ? statusLabel(s) : `${s.status === 'ok' ? '' : `${s.status} · `}${freshness(s, now)}`}</span>
            </Link>
          ))}
          {sources.data?.notConfigured.map((n) => (
            <Link key={n.platform} href="/sources#not-configured" data-testid="source-chip" data-state="not-configured" title={n.reason} className="flex items-center gap-1.5 rounded-full border border-dashed border-line px-2 py-0.5 text-xs text-muted hover:border-accent">
              <PlatformBadge platform={n.platform} />
              <span>not configured</span>
            </Link>
          ))}
        </div>
      )}
    </header>
  );
}
