// Everything the workload detail page shows about one workload (the JSON of GET /api/workload,
// gathered on the server by lib/ui/related.ts), and how the page words env vars and health checks.
import type { Autoscaler, Config, EnvVar, HealthCheck, Instance, ModelEvent, Revision, Secret, Source, Volume, Workload, Endpoint } from '@/lib/model';

export interface AlsoOn { workload: Workload; by: 'label' | 'name' }

export interface WorkloadDetail {
  /** All sources (a handful): names for the workload's and the "also on" sources. */
  sources: Source[];
  workload: Workload;
  revisions: Revision[];
  /** How many instances run each revision, by revision id ("" for instances with no known revision), in instance order. */
  instancesByRevision: { revision: string; count: number }[];
  instances: Instance[];
  endpoints: Endpoint[];
  configs: Config[];
  secrets: Secret[];
  volumes: Volume[];
  autoscalers: Autoscaler[];
  events: ModelEvent[];
  alsoOn: AlsoOn[];
}

/**
 * What an env var shows: its value for plain and config values; for a secret only where it comes
 * from ("secret/shop-db key password", or the SSM / Secrets Manager ARN) — never a value.
 */
export function envDisplay(e: EnvVar): string {
  switch (e.from) {
    case 'secret':
      if (e.ref?.arn) return e.ref.arn;
      return `secret/${e.ref?.name ?? '?'}${e.ref?.key ? ` key ${e.ref.key}` : ''}`;
    case 'config':
      return e.value ?? `configmap/${e.ref?.name ?? '?'}${e.ref?.key ? ` key ${e.ref.key}` : ''}`;
    case 'field':
      return e.value ?? `field ${e.ref?.key ?? e.ref?.name ?? ''}`.trim();
    case 'resource':
      return e.value ?? `resource ${e.ref?.key ?? e.ref?.name ?? ''}`.trim();
    case 'unresolved':
      return `unresolved${e.ref?.name ? ` (${e.ref.name}${e.ref.key ? ` key ${e.ref.key}` : ''})` : ''}`;
    default:
      return e.value ?? '';
  }
}

/** "GET /healthz :8080 every 10 s", "TCP :5432", "CMD curl -f http://localhost/ every 30 s". */
export function healthCheckText(h: HealthCheck): string {
  let what: string;
  switch (h.type) {
    case 'http': what = `GET ${h.path ?? '/'}${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'tcp': what = `TCP${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'grpc': what = `gRPC${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    default: {
      const cmd = h.command ?? [];
      const shown = cmd[0] === 'CMD-SHELL' || cmd[0] === 'CMD' ? cmd.slice(1) : cmd;
      what = `${cmd[0] === 'CMD-SHELL' ? 'SHELL' : 'CMD'} ${shown.join(' ')}`.trim();
    }
  }
  const parts = [what];
  if (h.intervalSeconds !== undefined) parts.push(`every ${h.intervalSeconds} s`);
  if (h.timeoutSeconds !== undefined) parts.push(`timeout ${h.timeoutSeconds} s`);
  if (h.failureThreshold !== undefined) parts.push(`${h.failureThreshold} failures`);
  if (h.startPeriodSeconds !== undefined) parts.push(`start ${h.startPeriodSeconds} s`);
  return parts.join(' · ');
}
