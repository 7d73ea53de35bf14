// Helpers shared by the seeders: deciding whether what the API holds already says what the
// scenario says, and merging a scenario object onto a live one before a replace.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True when every field of `want` is present in `have` with an equal value. Objects may carry more
 * fields in `have` (servers add defaults: a container's terminationMessagePath, a port's protocol,
 * a task definition's volumesFrom); arrays must have the same length and match element by element.
 */
export function isSubset(want: unknown, have: unknown): boolean {
  if (Array.isArray(want)) {
    return Array.isArray(have) && have.length === want.length && want.every((w, i) => isSubset(w, have[i]));
  }
  if (isObject(want)) {
    if (!isObject(have)) return false;
    return Object.entries(want).every(([k, v]) => v === undefined || isSubset(v, have[k]));
  }
  if (typeof want === 'number' || typeof have === 'number') return String(want) === String(have);
  return want === have;
}

/**
 * `desired` laid over `live`: objects merge recursively, arrays and scalars come from `desired`.
 * Fields only the server sets (a Service's clusterIP, a bound claim's volumeName, resourceVersion)
 * survive, so a replace does not try to change what is immutable.
 */
export function overlay<T>(live: unknown, desired: T): T {
  if (!isObject(live) || !isObject(desired)) return desired;
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(desired)) out[k] = overlay(live[k], v);
  return out as T;
}

/** Replaces `${name}` placeholders; a string that is exactly one placeholder may become any value. */
export function fill<T>(value: T, vars: (name: string) => unknown): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = /^\$\{([^}]+)\}$/.exec(v);
      if (whole) return vars(whole[1]);
      return v.replace(/\$\{([^}]+)\}/g, (_, name: string) => String(vars(name)));
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const name = e.name && e.name !== 'Error' ? e.name : undefined;
    return [name, code !== undefined ? `HTTP ${String(code)}` : undefined, e.message.split('\n')[0]].filter(Boolean).join(': ');
  }
  return String(e);
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs one API call, naming it in the error when it fails. */
export type Step = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
