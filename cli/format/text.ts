// Plain-text layout for terminals: wrapping to a width and columns that fit one. Pure. Widths are
// counted in code points (the report's values are ASCII plus a few one-column symbols such as "—").

export const width = (s: string): number => [...s].length;

/** Cut to `max` columns, with "…" when something was cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

// After these a long word may break: paths, image references, ARNs, key=value lists. The first
// kind is preferred (a path segment or a key stays whole where it can).
const BREAK_AFTER = [/[/:,=&|@]/, /[._-]/];

/**
 * Lines of at most `max` columns: words kept whole where they fit, long words broken after a
 * separator (/ : , = . _ -) when there is one near the end, else at the width. Newlines are kept.
 */
export function wrap(text: string, max: number): string[] {
  if (max < 1) throw new Error('wrap: width must be at least 1');
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    const flush = () => {
      out.push(line.join('').trimEnd());
      line = [];
    };
    for (const word of paragraph.split(/(?<= )/)) {
      let rest = [...word];
      while (rest.length) {
        const bare = rest.length - (rest[rest.length - 1] === ' ' ? 1 : 0);
        if (bare <= max - line.length) {
          line.push(...rest);
          rest = [];
        } else if (line.length > 0) {
          flush();
        } else {
          // A word longer than a line: break it after a separator in the line's second half, else at the width.
          let cut = max;
          find: for (const separator of BREAK_AFTER) {
            for (let i = max - 1; i >= Math.ceil(max / 2); i--) {
              if (separator.test(rest[i])) {
                cut = i + 1;
                break find;
              }
            }
          }
          line.push(...rest.slice(0, cut));
          rest = rest.slice(cut);
          flush();
        }
      }
    }
    flush();
  }
  return out;
}

/** Wrapped with a hanging indent: the first line at `indent`, the rest at `indent + hang`. */
export function wrapIndented(text: string, total: number, indent = 0, hang = 2): string[] {
  const first = wrap(text, total - indent);
  if (first.length <= 1) return first.map((l) => ' '.repeat(indent) + l);
  const head = first[0];
  const tail = wrap(text.slice(head.length).trimStart(), total - indent - hang);
  return [' '.repeat(indent) + head, ...tail.map((l) => ' '.repeat(indent + hang) + l)];
}

export interface Column {
  header: string;
  /** Narrowest it may be squeezed to. */
  min: number;
  /** Widest it needs (its longest cell or header), capped where a column should never grow. */
  max?: number;
}

/**
 * Column widths that fit `total` columns (gaps included): each column's natural width (its longest
 * cell, capped at `max`), then the widest columns are narrowed first, never below `min`.
 */
export function fitColumns(columns: readonly Column[], rows: readonly string[][], total: number, gap: number): number[] {
  const widths = columns.map((c, i) => {
    const longest = Math.max(width(c.header), ...rows.map((r) => Math.max(...(r[i] ?? '').split('\n').map(width))));
    return Math.max(c.min, Math.min(longest, c.max ?? Infinity));
  });
  const room = total - gap * (columns.length - 1);
  let over = widths.reduce((a, b) => a + b, 0) - room;
  while (over > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] > columns[i].min && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break; // every column at its minimum: the caller's minimums are too wide
    widths[widest]--;
    over--;
  }
  return widths;
}

/** Rows laid out in columns of the given widths, cells wrapped onto as many lines as they need. */
export function renderColumns(rows: readonly string[][], widths: readonly number[], gap: number, indent = 0): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const cells = widths.map((w, i) => wrap(row[i] ?? '', w));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      const parts = cells.map((c, i) => {
        const cell = c[line] ?? '';
        return cell.padEnd(widths[i] + cell.length - width(cell));
      });
      out.push((' '.repeat(indent) + parts.join(' '.repeat(gap))).trimEnd());
    }
  }
  return out;
}
