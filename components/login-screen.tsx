// The login form, rendered by the root layout in place of any page when PARALLAX_TOKEN is set and
// the request has no valid session. A plain HTML form (no client script): it posts to /api/login,
// which sets the HttpOnly session cookie and sends the browser on to `next`.

export function LoginScreen({ next, failed }: { next: string; failed: boolean }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 pt-[12vh]">
      <div className="w-full max-w-sm rounded-lg border border-line bg-surface p-6 shadow-sm">
        <p className="text-base font-bold tracking-tight">Parallax</p>
        <h1 className="mt-4 text-lg font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-muted">This dashboard reads every configured cluster, so it asks for its access token.</p>
        {failed && (
          <p role="alert" data-testid="login-error" className="mt-3 rounded-md border border-bad/40 bg-bad-bg px-3 py-2 text-sm text-bad">
            That is not this server&apos;s token. Try again.
          </p>
        )}
        <form method="post" action="/api/login" className="mt-4 space-y-3">
          <input type="hidden" name="next" value={next} />
          {/* For password managers: the token is the "password" of a fixed user. */}
          <input type="text" name="username" value="parallax" autoComplete="username" readOnly hidden />
          <div>
            <label htmlFor="token" className="mb-1 block text-sm font-medium">Access token</label>
            <input
              id="token" name="token" type="password" required autoFocus autoComplete="current-password" spellCheck={false}
              className="w-full rounded-md border border-line bg-bg px-3 py-2 font-mono text-sm outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
            />
          </div>
          <button type="submit" className="w-full rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white hover:opacity-90 focus:outline-none focus:ring-2 focus:ring-accent/40 dark:text-bg">
            Sign in
          </button>
        </form>
        <p className="mt-4 text-xs text-muted">
          The token is <code className="font-mono">PARALLAX_TOKEN</code> in the server&apos;s environment.
          Scripts send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> instead.
        </p>
      </div>
    </main>
  );
}

/** Shown if a page request reaches the layout from a Host or Origin the proxy should have refused. */
export function RefusedScreen({ error, detail }: { error: string; detail: string }) {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 pt-[12vh]">
      <h1 className="text-lg font-semibold">Refused: {error}</h1>
      <p className="mt-1 text-sm text-muted">{detail}</p>
    </main>
  );
}
