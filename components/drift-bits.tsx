'use client';
// Small pieces the drift screens share: severity badges (a word and a shape, never colour alone),
// a workload side as badge + source + name, copyable command blocks, parallax.yaml errors.
import Link from 'next/link';
import { Fragment, useEffect, useRef, useState } from 'react';
import type { PairCounts, Severity, Side } from '@/lib/drift/types';
import type { DriftConfigStatus } from '@/lib/views/drift';
import { workloadHref } from '@/lib/views/url-state';
import { wrapTokens } from '@/lib/views/wrap';
import { PlatformBadge } from './ui';
import { copyText } from './clipboard';

const SEVERITY_CLASS: Record<Severity, string> = {
  critical: 'text-bad bg-bad-bg border-bad/40',
  warning: 'text-warn bg-warn-bg border-warn/40',
  info: 'text-info bg-info-bg border-info/40',
};
const SEVERITY_SYMBOL: Record<Severity, string> = { critical: '✖', warning: '▲', info: 'ℹ' };

/** "✖ critical", or "✖ 2 critical" with a count; a zero count is drawn muted. */
export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }) {
  const zero = count === 0;
  return (
    <span
      data-testid="severity"
      data-severity={severity}
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded border px-1.5 text-xs font-medium leading-5 ${zero ? 'border-line text-muted' : SEVERITY_CLASS[severity]}`}
    >
      <span aria-hidden className="text-[10px]">{SEVERITY_SYMBOL[severity]}</span>
      <span className="tabular">{count !== undefined ? `${count} ${severity}` : severity}</span>
    </span>
  );
}

/** The three severities of a pair or report, always all three so columns line up. */
export function SeverityCounts({ counts, hideZero = false }: { counts: Pick<PairCounts, 'critical' | 'warning' | 'info'>; hideZero?: boolean }) {
  const list = (['critical', 'warning', 'info'] as const).filter((s) => !hideZero || counts[s] > 0);
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="severity-counts">
      {list.map((s) => <SeverityBadge key={s} severity={s} count={counts[s]} />)}
    </span>
  );
}

/** One side of a pair: platform badge, source, and group/kind/name linking to the workload page. */
export function SideLabel({ side, link = true }: { side: Side; link?: boolean }) {
  const path = `${side.group ? `${side.group}/` : ''}${side.kind}/${side.name}`;
  return (
    <span className="inline-flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5" data-testid="side" data-platform={side.platform}>
      <PlatformBadge platform={side.platform} />
      <span className="text-muted">{side.sourceName}</span>
      {link
        ? <Link href={workloadHref(side.workloadId)} className="min-w-0 font-mono text-xs text-accent [overflow-wrap:anywhere] hover:underline">{path}</Link>
        : <span className="min-w-0 font-mono text-xs [overflow-wrap:anywhere]">{path}</span>}
    </span>
  );
}


export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      data-testid="copy"
      onClick={async () => {
        setState((await copyText(text)) ? 'copied' : 'failed');
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setState('idle'), 2_000);
      }}
      className="shrink-0 rounded border border-line bg-surface px-1.5 text-xs leading-5 text-muted hover:border-accent hover:text-fg"
      aria-label={label}
    >
      <span aria-live="polite">{state === 'copied' ? '✓ copied' : state === 'failed' ? 'select and copy' : 'copy'}</span>
    </button>
  );
}

/** Machine text that wraps at spaces and after slashes, never inside a flag or a short word (lib/views/wrap.ts). */
export function Wrap({ text }: { text: string }) {
  return (
    <>
      {wrapTokens(text).map((t, i) => (t.kind === 'break' ? <wbr key={i} />
        : t.nowrap ? <span key={i} className="whitespace-nowrap">{t.text}</span> : <Fragment key={i}>{t.text}</Fragment>))}
    </>
  );
}

/** Monospace text (long images, ARNs, multi-line aws commands) with a copy button; it wraps as Wrap does. */
export function CopyBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <div className="flex items-start gap-2 rounded border border-line bg-surface-2 px-2 py-1.5" data-testid={testId}>
      <pre className="min-w-0 flex-1 whitespace-pre-wrap font-mono text-[12px] leading-5 [overflow-wrap:anywhere]"><Wrap text={text} /></pre>
      <CopyButton text={text} label={label} />
    </div>
  );
}

/** parallax.yaml errors, one per line as file:line:col; the defaults apply meanwhile. */
export function ConfigErrors({ config }: { config: DriftConfigStatus }) {
  if (!config.errors.length) return null;
  return (
    <div role="alert" data-testid="config-errors" className="rounded-md border border-bad/40 bg-bad-bg px-3 py-2 text-sm text-bad">
      <p className="font-semibold">
        {config.file ?? 'parallax.yaml'} has {config.errors.length === 1 ? 'an error' : `${config.errors.length} errors`}: its pairs and ignore rules are not applied until it is fixed.
      </p>
      <ul className="mt-1 space-y-0.5">
        {config.errors.map((e, i) => <li key={i} className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="config-error">{e.text}</li>)}
      </ul>
    </div>
  );
}
