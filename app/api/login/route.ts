import { guard, currentConfig } from '@/lib/security/guard';
import { safeNext } from '@/lib/security/access';
import { overTls, sessionCookie, tokensEqual } from '@/lib/security/token';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });
}

// The login form's POST (components/login-screen.tsx): token in, HttpOnly session cookie out. The
// guard runs without requiring a session (this is how one gets it) but still checks Host and
// Origin, so another site cannot log a browser in or probe tokens through it.
export async function POST(request: Request) {
  const denied = guard(request, { requireToken: false });
  if (denied) return denied;
  const form = await request.formData().catch(() => undefined);
  const field = (name: string) => {
    const v = form?.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const next = safeNext(field('next'));
  const { token } = currentConfig();
  if (!token) return seeOther(next);
  const presented = field('token') ?? '';
  if (!tokensEqual(presented, token)) {
    console.warn('[parallax] login refused: wrong token');
    return seeOther(`/login?error=1&next=${encodeURIComponent(next)}`);
  }
  const secure = overTls({ url: request.url, origin: request.headers.get('origin'), forwardedProto: request.headers.get('x-forwarded-proto') });
  return seeOther(next, { 'set-cookie': sessionCookie(token, { secure }) });
}
