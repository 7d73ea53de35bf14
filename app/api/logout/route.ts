import { guard } from '@/lib/security/guard';
import { clearedSessionCookie, overTls } from '@/lib/security/token';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Clears the session cookie. Needs no session (an expired one must still be able to leave), but
// Host and Origin are checked like everywhere else.
export async function POST(request: Request) {
  const denied = guard(request, { requireToken: false });
  if (denied) return denied;
  const secure = overTls({ url: request.url, origin: request.headers.get('origin'), forwardedProto: request.headers.get('x-forwarded-proto') });
  return new Response(null, { status: 303, headers: { location: '/login', 'cache-control': 'no-store', 'set-cookie': clearedSessionCookie({ secure }) } });
}
