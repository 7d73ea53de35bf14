// A container definition's logConfiguration -> where its log goes (ContainerLogging). Only the
// options that name a destination are kept (a whitelist): drivers take tokens and passwords in their
// options too (splunk-token, FireLens outputs' HTTP_Passwd, apikey…), and those must never be kept.
// `secretOptions` (references to secrets) are not read at all.
import type { LogConfiguration } from '@aws-sdk/client-ecs';
import type { ContainerLogging } from '@/lib/model';

/** Per driver, the options that say where the log goes, in the order they are shown. */
const DESTINATION_OPTIONS: Record<string, readonly string[]> = {
  // FireLens: the Fluent Bit / Fluentd output plugin (Name) and its target.
  awsfirelens: ['Name', 'region', 'log_group_name', 'delivery_stream', 'stream', 'bucket', 'Host', 'host', 'Port', 'index'],
  splunk: ['splunk-url', 'splunk-index'],
  fluentd: ['fluentd-address'],
  gelf: ['gelf-address'],
  syslog: ['syslog-address'],
  logentries: [],
  journald: [],
  'json-file': [],
  none: [],
};

/** A URL without its user-info (`https://user:pass@host` -> `https://host`). */
function withoutUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

export function normalizeLogging(lc: LogConfiguration | undefined): ContainerLogging | undefined {
  if (!lc?.logDriver) return undefined;
  const options = lc.options ?? {};
  if (lc.logDriver === 'awslogs') {
    const group = options['awslogs-group'];
    const region = options['awslogs-region'];
    const prefix = options['awslogs-stream-prefix'];
    return { driver: 'awslogs', ...(group ? { group } : {}), ...(region ? { region } : {}), ...(prefix ? { streamPrefix: prefix } : {}) };
  }
  const keys = DESTINATION_OPTIONS[lc.logDriver] ?? [];
  const destination = keys.filter((k) => options[k]).map((k) => `${k}=${withoutUserInfo(options[k])}`).join(' ');
  return { driver: lc.logDriver, ...(destination ? { destination } : {}) };
}

