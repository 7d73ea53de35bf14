import { json } from '@/lib/server/http';
import { guard } from '@/lib/security/guard';
import { API_ROUTES } from '@/lib/server/api-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Any /api/* path no route serves: JSON 404 {error, detail} (not the HTML not-found page), after the
// same access checks as every route, so a script learns the path is wrong and a stranger learns nothing.

function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return json({ error: 'not found', detail: `no API route ${pathname}; the routes are ${API_ROUTES.join(', ')}` }, { status: 404 });
}

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return notFound(request);
}

export async function POST(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return notFound(request);
}

export async function PUT(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return notFound(request);
}

export async function PATCH(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return notFound(request);
}

export async function DELETE(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return notFound(request);
}
