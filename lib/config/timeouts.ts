// Request deadlines and watch staleness, from the environment (documented in .env.example); unset
// means the adapter's default (lib/k8s/source.ts KUBE_DEFAULTS, lib/ecs/source.ts ECS_DEFAULTS):
//   PARALLAX_KUBE_REQUEST_TIMEOUT_MS  deadline of each Kubernetes list page, watch connect, version call (60000)
//   PARALLAX_KUBE_STALE_AFTER_MS      a watch with no event or bookmark for this long is stale and relisted (90000)
//   PARALLAX_ECS_CALL_TIMEOUT_MS      deadline of each AWS call, the SDK's retries included (30000)
//   PARALLAX_AWS_CREDENTIALS_TIMEOUT_MS  deadline of the SDK credential chain, asked once at start (5000)
// A value that is not a positive number of milliseconds is ignored.
import type { Env } from './types';

function ms(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function kubeTimeouts(env: Env): { requestTimeoutMs?: number; staleAfterMs?: number } {
  return defined({ requestTimeoutMs: ms(env.PARALLAX_KUBE_REQUEST_TIMEOUT_MS), staleAfterMs: ms(env.PARALLAX_KUBE_STALE_AFTER_MS) });
}

export function ecsTimeouts(env: Env): { callTimeoutMs?: number } {
  return defined({ callTimeoutMs: ms(env.PARALLAX_ECS_CALL_TIMEOUT_MS) });
}

export function awsCredentialsTimeoutMs(env: Env): number | undefined {
  return ms(env.PARALLAX_AWS_CREDENTIALS_TIMEOUT_MS);
}
