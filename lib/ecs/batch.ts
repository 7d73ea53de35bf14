// Batching and paging helpers (pure, no SDK types). The concurrency limit is lib/util/limiter.ts.

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function unique<T>(items: Iterable<T | undefined | null>): T[] {
  const s = new Set<T>();
  for (const i of items) if (i !== undefined && i !== null && i !== '') s.add(i);
  return [...s];
}

/** Follows a next token until the end; `fetch` returns the page's items and the next token. */
export async function allPages<T>(fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next?: string }>, maxPages = 10_000): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetch(token);
    if (page.items) out.push(...page.items);
    if (!page.next || page.next === token) break;
    token = page.next;
  }
  return out;
}
