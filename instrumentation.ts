// Next.js calls register() once when the server starts: begin syncing (and start the embedded
// demo when no source is configured) before the first page is requested.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRuntime } = await import('./lib/server/runtime');
  getRuntime().catch((err) => console.error(`[parallax] could not start: ${(err as Error).stack ?? err}`));
}
