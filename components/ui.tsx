// Small presentational pieces shared by every screen.
import type { ReactNode } from 'react';
import type { Platform } from '@/lib/model';
import { PLATFORM_LABEL, PLATFORM_NAME } from '@/lib/views/format';
import type { Tone } from '@/lib/views/health';

/** Platform as a text badge (never colour alone). */
export function PlatformBadge({ platform }: { platform: Platform }) {
  const cls = platform === 'ecs' ? 'border-ecs/50 text-ecs' : 'border-k8s/50 text-k8s';
  return (
    <span title={PLATFORM_NAME[platform]} className={`inline-flex shrink-0 items-center rounded border px-1 text-[11px] font-semibold leading-4 tracking-wide ${cls}`}>
      {PLATFORM_LABEL[platform]}
    </span>
  );
}

export const TONE_TEXT: Record<Tone, string> = { ok: 'text-ok', warn: 'text-warn', bad: 'text-bad', info: 'text-info' };
const TONE_BG: Record<Tone, string> = { ok: 'bg-ok-bg', warn: 'bg-warn-bg', bad: 'bg-bad-bg', info: 'bg-info-bg' };
const TONE_DOT: Record<Tone, string> = { ok: 'bg-ok', warn: 'bg-warn', bad: 'bg-bad', info: 'bg-info' };
const TONE_SYMBOL: Record<Tone, string> = { ok: '●', warn: '▲', bad: '■', info: '◌' };

export function Dot({ tone }: { tone: Tone }) {
  return <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${TONE_DOT[tone]}`} />;
}

/** A status with its word and a shape, so it reads without colour. */
export function Pill({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded px-1.5 text-xs font-medium leading-5 ${TONE_TEXT[tone]} ${TONE_BG[tone]}`}>
      <span aria-hidden className="text-[9px]">{TONE_SYMBOL[tone]}</span>
      {children}
    </span>
  );
}

export function Card({ title, actions, children, className = '', id }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} className={`rounded-lg border border-line bg-surface ${className}`}>
      {title !== undefined && (
        <header className="flex items-center justify-between gap-2 border-b border-line px-3 py-2">
          <h2 className="text-sm font-semibold">{title}</h2>
          {actions}
        </header>
      )}
      <div className="p-3">{children}</div>
    </section>
  );
}

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden className={`skeleton ${className}`} />;
}

export function LoadingBlock({ label = 'Loading…', rows = 6 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="space-y-2">
      {Array.from({ length: rows }, (_, i) => <Skeleton key={i} className="h-7 w-full" />)}
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-line px-4 py-8 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-sm text-muted">{children}</div>}
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  return (
    <div role="alert" className="rounded-md border border-bad/40 bg-bad-bg px-3 py-2 text-sm text-bad">
      Could not load data: {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

/** A used / total bar with its numbers as text. */
export function UsageBar({ used, total, label }: { used?: number; total?: number; label: string }) {
  const pct = used !== undefined && total ? Math.min(100, (used / total) * 100) : 0;
  const tone = pct >= 90 ? 'bg-bad' : pct >= 70 ? 'bg-warn' : 'bg-accent';
  return (
    <div className="flex min-w-0 items-center gap-2" title={`${label} (${Math.round(pct)}%)`}>
      <div className="h-1.5 w-16 shrink-0 overflow-hidden rounded bg-surface-2" aria-hidden>
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="truncate tabular text-xs">{label}</span>
    </div>
  );
}

export function Mono({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <code className={`font-mono text-[12px] [overflow-wrap:anywhere] ${className}`}>{children}</code>;
}

export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
      <h1 className="text-lg font-semibold">{children}</h1>
      {sub && <span className="text-sm text-muted">{sub}</span>}
    </div>
  );
}

/** A titled section of a detail page, reachable by its anchor. */
export function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} data-testid={`section-${id}`} className="scroll-mt-28">
      <h2 id={`${id}-h`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">
        {title}{count !== undefined && <span className="ml-1 font-normal normal-case">({count})</span>}
      </h2>
      {children}
    </section>
  );
}

