// Next.js calls register() once when the server starts: refuse an unsafe listening address (see
// lib/security/startup.ts), then begin syncing (and start the embedded demo when no source is
// configured) before the first page is requested.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseUnsafeBind } = await import('./lib/security/startup');
  refuseUnsafeBind();
  const { getRuntime } = await import('./lib/server/runtime');
  getRuntime().catch((err) => console.error(`[parallax] could not start: ${(err as Error).stack ?? err}`));
}
