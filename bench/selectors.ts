// Everything the browser part knows about the pages, in one place: their URLs and the elements it
// waits on (by data-testid, as e2e/ does). When a page changes shape, this is the file to fix.

export const PAGES = {
  /** The /resources instances table, optionally filtered through the URL. */
  instances: (q?: string) => `/resources?kind=instances${q ? `&q=${encodeURIComponent(q)}` : ''}`,
  workloads: (q?: string) => `/workloads?platform=kubernetes${q ? `&q=${encodeURIComponent(q)}` : ''}`,
};

export const SEL = {
  row: '[data-testid=row]',
  filter: '[data-testid=filter]',
  /** "10,000 instances" or "12 of 10,000 instances". */
  rowCount: '[data-testid=row-count]',
  /** A workloads row's "ready/desired". */
  readyCount: '[data-testid=workloads-table] [data-testid=row] [data-testid=ready-count]',
};

/** Rows shown, from the row-count text ("12 of 10,000 instances" -> 12; "10,000 instances" -> 10000). */
export const SHOWN = (n: number) => new RegExp(`^${n.toLocaleString('en-US')}( of [\\d,]+)? instances?$`);
/** The row-count once any filter has narrowed the rows. */
export const NARROWED = /^[\d,]+ of [\d,]+ instances?$/;
/** A ready/desired cell whose desired count is n. */
export const DESIRED = (n: number) => new RegExp(`^\\d+/${n}$`);
