'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-bad/40 bg-bad-bg px-4 py-6 text-sm text-bad">
      <p className="font-semibold">Something broke while rendering this page.</p>
      <p className="mt-1 break-words">{error.message}</p>
      <button type="button" onClick={reset} className="mt-3 rounded border border-bad/40 px-2 py-1">Try again</button>
    </div>
  );
}
