'use client';
// The generic table: column definitions per concept, sort controlled by the caller (the URL),
// rows virtualized past a few dozen (fixed row height) so 10,000 rows stay smooth. Two kinds of data:
// `data`, every row, sorted here (a workload's instances); or `paged`, a table the server filters,
// sorts and pages (components/server-table.ts): the scroll height comes from its count, the rows
// from what is loaded, a placeholder row where a page is still on its way.
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { columnsToHide } from '@/lib/views/column-fit';
import type { SortState } from '@/lib/views/url-state';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData> {
    /** Clock for ages ("5m"), so column definitions can stay static. */
    now: number;
    /** Source id -> name, for source columns. */
    sourceNames?: Map<string, string>;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    align?: 'right';
    className?: string;
    /** Keeps its width in px (badges, pills, numbers); other columns shrink with the table. */
    fixed?: boolean;
    /** 0: a key column, never hidden; higher numbers hide first when the table is narrow (default 2). */
    priority?: number;
  }
}

/** Rows held by the server: how many, the one at an index if loaded, and the window on screen reported back. */
export interface PagedRows<T> {
  count: number;
  rowAt: (index: number) => T | undefined;
  onRange: (first: number, last: number) => void;
  /** The column ids the server sorts by (other columns' headers are not buttons). */
  sortIds: readonly string[];
  /** What shows is the previous answer while a new filter or sort loads. */
  busy?: boolean;
}

export interface ResourceTableProps<T> {
  data?: T[];
  paged?: PagedRows<T>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  label: string;
  now: number;
  sourceNames?: Map<string, string>;
  rowHref?: (row: T) => string | undefined;
  sort?: SortState;
  onSortChange?: (sort: SortState | undefined) => void;
  /** CSS max-height of the scrolling body; default fills most of the viewport. */
  maxHeight?: string;
  rowHeight?: number;
  empty?: ReactNode;
  testId?: string;
}

const VIRTUALIZE_OVER = 60;

export function ResourceTable<T>({ data, paged, columns, getRowId, label, now, sourceNames, rowHref, sort, onSortChange, maxHeight = 'calc(100vh - 15rem)', rowHeight = 34, empty, testId }: ResourceTableProps<T>) {
  const router = useRouter();
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.id, desc: sort.desc }] : []), [sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The width the table has: the least important columns hide until the rest fit (lib/views/column-fit.ts).
  const [width, setWidth] = useState(0);
  // Measured before the first paint too (not only when the observer reports), so a table never shows, even for a frame, with every column squeezed in.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(([e]) => setWidth(Math.round(e.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const columnVisibility = useMemo(() => Object.fromEntries(columnsToHide(
    columns.map((c, i) => ({ id: c.id ?? String(i), size: c.size ?? 150, priority: c.meta?.priority })), width,
  ).map((id) => [id, false])), [columns, width]);
  const count = paged ? paged.count : data?.length ?? 0;
  const virtual = count > VIRTUALIZE_OVER;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 15,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const firstShown = virtual ? items[0]?.index ?? 0 : 0;
  const lastShown = virtual ? items[items.length - 1]?.index ?? 0 : Math.max(0, count - 1);
  const onRange = paged?.onRange;
  useEffect(() => { onRange?.(firstShown, lastShown); }, [onRange, firstShown, lastShown]);
  // Paged: the table model holds the loaded rows of the window only (the server sorted them).
  const windowRows = useMemo(() => {
    if (!paged) return undefined;
    const out: { index: number; row?: T }[] = [];
    for (let i = firstShown; i <= lastShown && i < count; i++) out.push({ index: i, row: paged.rowAt(i) });
    return out;
  }, [paged, firstShown, lastShown, count]);
  const tableData = useMemo(() => (windowRows ? windowRows.flatMap((w) => (w.row ? [w.row] : [])) : data ?? []), [windowRows, data]);
  const table = useReactTable({
    data: tableData,
    manualSorting: !!paged,
    // Paged, the window may hold no loaded row (placeholders) when a header is clicked: the first
    // direction must not depend on a row's value (TanStack's auto rule), or a click could clear the sort.
    sortDescFirst: paged ? false : undefined,
    columns,
    getRowId: (r) => getRowId(r),
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      onSortChange?.(next[0] ? { id: next[0].id, desc: next[0].desc } : undefined);
    },
    enableSortingRemoval: true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta: { now, sourceNames },
  });
  const rows = table.getRowModel().rows;
  const byOriginal = useMemo(() => new Map(rows.map((r) => [r.original, r])), [rows]);
  // [row or undefined (a placeholder), position]
  const shown = windowRows
    ? windowRows.map((w) => [w.row === undefined ? undefined : byOriginal.get(w.row), w.index] as const)
    : virtual ? items.map((v) => [rows[v.index], v.index] as const) : rows.map((r, i) => [r, i] as const);
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const colCount = table.getVisibleLeafColumns().length;
  const totalSize = table.getVisibleLeafColumns().reduce((n, c) => n + c.getSize(), 0) || 1;

  return (
    <div ref={scrollRef} className="overflow-auto rounded-lg border border-line bg-surface" style={{ maxHeight }} data-testid={testId}>
      {/* The least important columns hide until the rest fit at their nominal widths; text columns are proportions of the width, fixed ones (badges, numbers) keep theirs; with only key columns left and below 3/4 of their width, the table scrolls sideways in its box. */}
      <table className={`w-full table-fixed border-collapse text-sm ${paged?.busy ? 'opacity-70' : ''}`} aria-label={label} aria-rowcount={count + 1} aria-busy={paged?.busy || undefined} style={{ minWidth: Math.round(totalSize * 0.75) }}>
        <colgroup>
          {table.getVisibleLeafColumns().map((c) => <col key={c.id} style={{ width: c.columnDef.meta?.fixed ? c.getSize() : `${(c.getSize() / totalSize) * 100}%` }} />)}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-surface-2 text-left text-xs text-muted">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const dir = h.column.getIsSorted();
                const sortable = h.column.getCanSort() && !!onSortChange && (!paged || paged.sortIds.includes(h.column.id));
                const align = h.column.columnDef.meta?.align === 'right' ? 'text-right' : '';
                return (
                  <th key={h.id} scope="col" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined} className={`truncate whitespace-nowrap border-b border-line px-2 py-1.5 font-medium ${align}`}>
                    {sortable ? (
                      <button type="button" onClick={h.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-fg">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden className="w-2 text-[10px]">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
                      </button>
                    ) : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }}><td colSpan={colCount} /></tr>}
          {shown.map(([row, pos]) => {
            if (!row) return <PlaceholderRow key={`placeholder-${pos}`} pos={pos} height={rowHeight} colCount={colCount} />;
            const href = rowHref?.(row.original);
            return (
              <tr
                // Paged, two windows read at different versions may both hold a row for a moment: the position keeps keys unique.
                key={windowRows ? `${pos}:${row.id}` : row.id}
                data-testid="row"
                aria-rowindex={pos + 2}
                style={{ height: rowHeight }}
                className={`border-b border-line/70 last:border-0 ${href ? 'cursor-pointer hover:bg-surface-2' : ''}`}
                onClick={href ? (e) => { if (!(e.target as HTMLElement).closest('a,button')) router.push(href); } : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`truncate px-2 ${cell.column.columnDef.meta?.align === 'right' ? 'text-right tabular' : ''} ${cell.column.columnDef.meta?.className ?? ''}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }}><td colSpan={colCount} /></tr>}
        </tbody>
      </table>
      {count === 0 && <div className="p-4">{empty ?? <p className="text-center text-sm text-muted">Nothing to show.</p>}</div>}
    </div>
  );
}

/** A row whose page is still loading: its height kept (the scrollbar does not jump), a quiet bar in place of text. */
function PlaceholderRow({ pos, height, colCount }: { pos: number; height: number; colCount: number }) {
  return (
    <tr data-testid="row-placeholder" aria-rowindex={pos + 2} aria-busy style={{ height }} className="border-b border-line/70">
      <td colSpan={colCount} className="px-2"><span className="block h-2.5 w-2/3 animate-pulse rounded bg-surface-2" /></td>
    </tr>
  );
}
