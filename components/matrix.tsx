'use client';
// The concept matrix: concepts down, sources (or platforms) across; each cell links to the filtered table.
import Link from 'next/link';
import type { Source } from '@/lib/model';
import { count } from '@/lib/views/format';
import type { MatrixCell } from '@/lib/views/matrix';
import type { OverviewMatrix } from '@/lib/views/overview';
import { STATUS_TONE, statusLabel } from '@/lib/views/health';
import { Dot, PlatformBadge } from './ui';

const SEGMENT_CLASS: Record<string, string> = { running: 'bg-ok', pending: 'bg-info', succeeded: 'bg-muted', failed: 'bg-bad', stopped: 'bg-warn', unknown: 'bg-warn' };

function Cell({ cell, label }: { cell: MatrixCell; label: string }) {
  if (cell.state === 'not-covered') {
    return (
      <span className="text-warn" data-testid="not-covered" title={cell.reasons.join('\n')}>
        <span aria-hidden>⊘ </span>not covered
        <span className="block truncate text-xs text-muted">{cell.reasons[0]}</span>
      </span>
    );
  }
  const total = cell.segments?.reduce((n, s) => n + s.count, 0) ?? 0;
  return (
    <Link href={cell.href} className="group block rounded px-1 -mx-1 hover:bg-surface-2" aria-label={`${label}: ${cell.total} — ${cell.detail}`}>
      <span className="flex items-baseline gap-2">
        <span className="text-base font-semibold tabular group-hover:text-accent" data-testid="matrix-count">{cell.state === 'syncing' && cell.total === 0 ? '…' : count(cell.total)}</span>
        <span className="truncate text-xs text-muted">{cell.state === 'syncing' ? 'syncing… ' : ''}{cell.state === 'syncing' && cell.total === 0 ? '' : cell.detail}</span>
      </span>
      {cell.segments && total > 0 && (
        <span className="mt-1 flex h-1.5 w-full max-w-56 overflow-hidden rounded bg-surface-2" aria-hidden>
          {cell.segments.map((s) => <span key={s.key} className={SEGMENT_CLASS[s.key]} style={{ width: `${(s.count / total) * 100}%` }} />)}
        </span>
      )}
      {cell.state === 'partial' && <span className="block text-xs text-warn" title={cell.reasons.join('\n')}>partly not covered: {cell.reasons[0]}</span>}
      {cell.state === 'stale' && <span className="block text-xs text-warn" data-testid="stale" title={cell.reasons.join('\n')}><span aria-hidden>◷ </span>last known, not current: {cell.reasons[0]}</span>}
    </Link>
  );
}

/** Cells come computed by the server (GET /api/overview); sources give the column headers their status. */
export function ConceptMatrix({ matrix, sources }: { matrix: OverviewMatrix; sources: Source[] }) {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const columns = matrix.columns.map((c) => ({ ...c, only: c.sourceIds.length === 1 ? byId.get(c.sourceIds[0]) : undefined }));
  return (
    // Below sm the table stacks: each concept, then one line per platform, labelled (its header row is hidden).
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm max-sm:block" aria-label="Concepts by platform" data-testid="concept-matrix">
        <thead className="max-sm:hidden">
          <tr className="text-left">
            <th scope="col" className="w-40 border-b border-line px-2 py-2 text-xs font-medium text-muted">concept</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="border-b border-line px-2 py-2" data-testid="matrix-column" data-platform={c.platform}>
                <span className="flex items-center gap-2">
                  <PlatformBadge platform={c.platform} />
                  <span className="font-semibold">{c.label}</span>
                  <span className="truncate font-normal text-muted">{c.sublabel}</span>
                  {c.only && <Dot tone={STATUS_TONE[c.only.status]} />}
                  {c.only && <span className="text-xs font-normal text-muted">{statusLabel(c.only)}</span>}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {matrix.rows.map((row) => (
            <tr key={row.key} className="border-b border-line/70 last:border-0 align-top max-sm:block max-sm:py-1">
              <th scope="row" className="px-2 py-2 text-left font-medium max-sm:block max-sm:pb-0">{row.label}</th>
              {columns.map((c, i) => (
                <td key={c.key} className="max-w-0 px-2 py-2 max-sm:flex max-sm:max-w-none max-sm:items-start max-sm:gap-2 max-sm:py-1">
                  <span className="mt-0.5 flex w-28 shrink-0 items-center gap-1 text-xs text-muted sm:hidden" title={`${c.label} ${c.sublabel ?? ''}`}><PlatformBadge platform={c.platform} /><span className="truncate">{c.sublabel ?? c.label}</span></span>
                  <span className="block min-w-0 flex-1"><Cell cell={row.cells[i]} label={`${row.label} on ${c.label} ${c.sublabel ?? ''}`} /></span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
