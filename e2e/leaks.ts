import { expect } from '@playwright/test';

/** A value and the encodings it could leak in: as is, base64, base64 without padding. */
export function leakForms(values: string[]): string[] {
  return values.filter(Boolean).flatMap((v) => {
    const b64 = Buffer.from(v).toString('base64');
    return [v, b64, b64.replace(/=+$/, '')];
  });
}

export function assertClean(where: string, body: string, forms: string[]): void {
  for (const f of forms) expect(body.includes(f), `${where} contains a secret (${f.slice(0, 6)}…)`).toBe(false);
}

/**
 * Reads /api/stream (server-sent events) in the background until stop(): everything the server
 * sent, for the leak scan. Node's fetch, so the test sees the raw bytes.
 */
export async function captureStream(url: string, headers: Record<string, string> = {}): Promise<{ stop(): Promise<string> }> {
  const ac = new AbortController();
  const res = await fetch(url, { headers, signal: ac.signal });
  expect(res.status, `${url}`).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by stop()
    }
  })();
  return {
    async stop() {
      ac.abort();
      await done;
      return text;
    },
  };
}
