import { withRuntime } from '@/lib/server/route';
import { FollowerLimit, followersFromEnv, logsResponse } from '@/lib/server/logs';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// One cap per server process (PARALLAX_LOG_FOLLOWERS_MAX, default 20).
const followers = new FollowerLimit(followersFromEnv());

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => logsResponse(rt.inventory, request, followers));
}
