// Bounded concurrency, batching and paging helpers (pure, no SDK types).

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

/** A semaphore: at most `limit` functions run at once; the rest wait in FIFO order. */
export function createLimiter(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      release();
    }
  };
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
