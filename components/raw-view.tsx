'use client';
// The Raw tab: the object as the platform returned it (GET /api/raw), read from the source when the
// tab opens or Refresh is pressed, never on live ticks. Read-only, highlighted, copyable.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { highlight, type TokenKind } from '@/lib/views/highlight';
import { ago } from '@/lib/views/format';
import { ApiError, rawQuery } from './queries';
import { useNow } from './data';
import { LoadingBlock, Mono } from './ui';
import { copyText } from './clipboard';

const TOKEN_CLASS: Record<TokenKind, string> = {
  key: 'text-k8s', string: 'text-ok', number: 'text-ecs', literal: 'text-info font-semibold', punct: 'text-muted', comment: 'text-muted italic', text: '',
};

/** Highlighted YAML or JSON. Tokens are text nodes: the content is never parsed as HTML. */
export function CodeBlock({ text, format, label, maxHeight = '70vh' }: { text: string; format: 'yaml' | 'json'; label: string; maxHeight?: string }) {
  const lines = useMemo(() => highlight(text, format), [text, format]);
  return (
    <pre aria-label={label} data-testid="raw-code" tabIndex={0} className="overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-[12px] leading-5" style={{ maxHeight }}>
      <code>
        {lines.map((tokens, i) => (
          <span key={i} className="block min-h-5">
            {tokens.map((t, j) => (TOKEN_CLASS[t.kind] ? <span key={j} className={TOKEN_CLASS[t.kind]}>{t.text}</span> : t.text))}
          </span>
        ))}
      </code>
    </pre>
  );
}


export function CopyButton({ text, label = 'Copy', className = '' }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={`rounded border border-line px-2 py-0.5 text-xs text-muted hover:text-fg ${className}`}
      onClick={async () => {
        setState((await copyText(text)) ? 'copied' : 'failed');
        setTimeout(() => setState('idle'), 1_500);
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      <span className="sr-only" aria-live="polite">{state === 'copied' ? ' (copied to the clipboard)' : ''}</span>
    </button>
  );
}

export function RawView({ id }: { id: string }) {
  const [managedFields, setManagedFields] = useState(false);
  const q = useQuery(rawQuery(id, managedFields));
  const now = useNow(5_000);
  const raw = q.data;
  return (
    <section aria-label="Raw object" data-testid="raw-view" className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
        {raw && <span className="min-w-0 [overflow-wrap:anywhere]">read by <Mono>{raw.call}</Mono> · {ago(raw.fetchedAt, now)}</span>}
        <span className="ml-auto flex flex-wrap items-center gap-2">
          {raw?.platform === 'kubernetes' && (
            <label className="flex cursor-pointer items-center gap-1">
              <input type="checkbox" data-testid="managed-fields" checked={managedFields} onChange={(e) => setManagedFields(e.target.checked)} className="accent-[var(--accent)]" />
              show managedFields{raw.managedFields.count ? ` (${raw.managedFields.count})` : ''}
            </label>
          )}
          <button type="button" onClick={() => void q.refetch()} disabled={q.isFetching} className="rounded border border-line px-2 py-0.5 hover:text-fg disabled:opacity-50">
            {q.isFetching ? 'Reading…' : 'Refresh'}
          </button>
          {raw && <CopyButton text={raw.text} label={`Copy ${raw.format.toUpperCase()}`} />}
        </span>
      </div>
      {q.isPending ? <LoadingBlock label="Reading the object from its source" rows={8} /> : q.error ? (
        <div role="alert" className={`rounded-md border px-3 py-2 text-sm ${q.error instanceof ApiError && q.error.status === 404 ? 'border-line text-muted' : 'border-bad/40 bg-bad-bg text-bad'}`}>
          {q.error instanceof ApiError && q.error.status === 404 ? 'Not found on the platform: ' : 'Could not read the object: '}
          {q.error.message.replace(/^\/api\/raw\?id=\S+: HTTP \d+ /, '')}
        </div>
      ) : raw ? (
        <>
          {raw.kind === 'Secret' && <p className="text-xs text-muted">Secret values are replaced by the server: only the keys are sent.</p>}
          <CodeBlock text={raw.text} format={raw.format} label={`${raw.kind} ${raw.name} as ${raw.format.toUpperCase()}`} />
        </>
      ) : null}
    </section>
  );
}
