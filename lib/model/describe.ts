// How a person reads model values: env vars (a secret only by where it comes from, never a value),
// health checks, resources in each platform's own units. Shared by the pages and the drift engine.
import type { ContainerLogging, EnvVar, HealthCheck } from './workload';

/** The script of `sh -c SCRIPT` (any of sh, /bin/sh, bash, /bin/bash), else undefined. */
export function shellScript(argv: readonly string[]): string | undefined {
  return argv.length === 3 && /^(\/bin\/|\/usr\/bin\/)?(ba)?sh$/.test(argv[0]) && argv[1] === '-c' ? argv[2] : undefined;
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
    case 'http': what = `${h.scheme === 'HTTPS' ? 'HTTPS ' : ''}GET ${h.path ?? '/'}${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'tcp': what = `TCP${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    case 'grpc': what = `gRPC${h.port !== undefined ? ` :${h.port}` : ''}`; break;
    default: {
      const script = shellScript(h.command ?? []);
      what = script !== undefined ? `SHELL ${script}` : `CMD ${(h.command ?? []).join(' ')}`.trim();
    }
  }
  const parts = [what];
  if (h.intervalSeconds !== undefined) parts.push(`every ${h.intervalSeconds} s`);
  if (h.timeoutSeconds !== undefined) parts.push(`timeout ${h.timeoutSeconds} s`);
  if (h.failureThreshold !== undefined) parts.push(`${h.failureThreshold} failures`);
  if (h.startPeriodSeconds !== undefined) parts.push(`start ${h.startPeriodSeconds} s`);
  return parts.join(' · ');
}

const DRIVER_NAME: Record<string, string> = {
  awsfirelens: 'FireLens', splunk: 'the splunk driver', fluentd: 'the fluentd driver', gelf: 'the gelf driver',
  syslog: 'the syslog driver', journald: 'journald', 'json-file': 'the json-file driver',
};

/** Whether Parallax reads this container's log: CloudWatch Logs, written by the awslogs driver. */
export const readsCloudWatchLogs = (l: ContainerLogging | undefined): boolean => l?.driver === 'awslogs' && !!l.group;

/**
 * The container an ECS log view reads when none is named: the first essential one whose log is read
 * (not a FireLens router's own log, say), else the first one read, else the first.
 */
export function defaultLogContainer<T extends { essential?: boolean; logging?: ContainerLogging }>(containers: readonly T[]): T | undefined {
  return containers.find((c) => c.essential !== false && readsCloudWatchLogs(c.logging)) ?? containers.find((c) => readsCloudWatchLogs(c.logging)) ?? containers[0];
}

/**
 * Where an ECS container's log goes, when Parallax does not read it: "container app sends its logs with
 * FireLens to Name=firehose delivery_stream=shop; Parallax reads CloudWatch Logs (awslogs) only".
 */
export function loggingNote(container: string, l: ContainerLogging | undefined): string {
  const only = 'Parallax reads CloudWatch Logs (awslogs) only';
  if (!l) return `container ${container} has no logConfiguration: its log is not kept anywhere Parallax can read (${only})`;
  if (l.driver === 'none') return `container ${container} discards its log (log driver none)`;
  if (l.driver === 'awslogs') return `container ${container} uses awslogs without an awslogs-group option`;
  const how = DRIVER_NAME[l.driver] ?? `the ${l.driver} driver`;
  const where = l.destination ? ` to ${l.destination}` : l.driver === 'json-file' || l.driver === 'journald' ? ' on its host' : '';
  return `container ${container} sends its logs with ${how}${where}; ${only}`;
}
