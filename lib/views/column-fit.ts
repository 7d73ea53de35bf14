// Which table columns to hide so that the rest fit the width the table has: columns carry a priority
// (0 = key, never hidden; higher = less important) and the least important go first, the later one
// of equal priority before the earlier. Pure, so the rule is tested without a browser.

export interface FitColumn {
  id: string;
  /** Nominal width in px. */
  size: number;
  /** 0 never hides; default 2. */
  priority?: number;
}

/**
 * Ids to hide at `width` px: columns go until the visible ones fit at their nominal widths (sized so
 * that their headers fit), so no column is squeezed below its header. A width of 0 (not measured
 * yet) hides nothing.
 */
export function columnsToHide(columns: FitColumn[], width: number): string[] {
  if (width <= 0) return [];
  const order = columns
    .map((c, i) => ({ ...c, i, p: c.priority ?? 2 }))
    .filter((c) => c.p > 0)
    .sort((a, b) => b.p - a.p || b.i - a.i);
  let total = columns.reduce((n, c) => n + c.size, 0);
  const hidden: string[] = [];
  for (const c of order) {
    if (total <= width) break;
    hidden.push(c.id);
    total -= c.size;
  }
  return hidden;
}
