// Values as a person reads them in a finding: each platform in its own units with the canonical
// value beside it ("512 units (500m)", "2048 MiB (2Gi)"), secrets only by where they come from.
import { formatBytes, formatCpu, healthCheckText, millisToEcsCpu, shortImage, type Autoscaler, type Container, type EnvVar, type HealthCheck, type ImageRef, type Platform } from '@/lib/model';

export const ABSENT = '—';

export function cpuText(platform: Platform, millis: number | undefined, derived = false): string {
  if (millis === undefined) return ABSENT;
  const text = platform === 'ecs' ? `${millisToEcsCpu(millis)} units (${formatCpu(millis)})` : formatCpu(millis);
  return derived ? `${text} from the task size` : text;
}

export function memoryText(platform: Platform, bytes: number | undefined, derived = false): string {
  if (bytes === undefined) return ABSENT;
  const mib = bytes / 2 ** 20;
  const text = platform === 'ecs' && Number.isInteger(mib) ? `${mib} MiB (${formatBytes(bytes)})` : formatBytes(bytes);
  return derived ? `${text} from the task size` : text;
}

export const imageText = (i: ImageRef | undefined) => (i ? (i.digest && i.tag ? `${shortImage({ ...i, digest: undefined })}@${i.digest}` : i.digest ? `${i.registry}/${i.repository}@${i.digest}` : shortImage(i)) : ABSENT);

export const listText = (items: readonly string[]) => (items.length ? JSON.stringify(items) : ABSENT);

/** Where a secret-backed variable comes from: "secret shop-db/password", "SSM /shop/stripe-key", "Secrets Manager shop/db (password)". */
export function secretSourceText(e: EnvVar): string {
  const arn = e.ref?.arn;
  if (arn) {
    if (/^arn:[^:]+:secretsmanager:/.test(arn)) {
      const [, , , , , , name, jsonKey] = arn.split(':');
      return `Secrets Manager ${name}${jsonKey ? ` (${jsonKey})` : ''}`;
    }
    return `SSM ${e.ref?.name ?? arn}`;
  }
  return `secret ${e.ref?.name ?? '?'}/${e.ref?.key ?? '?'}`;
}

/** A variable's value as shown: plain and config values as they are, secrets by source, never a value. */
export function envText(e: EnvVar | undefined): string {
  if (!e) return ABSENT;
  switch (e.from) {
    case 'secret': return secretSourceText(e);
    case 'config': return e.value ?? `(config map ${e.ref?.name ?? '?'} key ${e.ref?.key ?? '?'}, not read)`;
    case 'field': return `fieldRef ${e.value ?? '?'}`;
    case 'resource': return `resourceFieldRef ${e.value ?? '?'}`;
    case 'unresolved': return '(unresolved reference)';
    default: return e.value ?? '';
  }
}

export const healthText = (h: HealthCheck | undefined) => (h ? healthCheckText(h) : ABSENT);

export function portsText(c: Container | undefined): string {
  if (!c || !c.ports.length) return ABSENT;
  return [...new Set(c.ports.map((p) => `${p.containerPort}/${p.protocol.toUpperCase()}`))].sort().join(', ');
}

export function autoscalerText(a: Autoscaler | undefined): string {
  if (!a) return ABSENT;
  const metrics = a.metrics.map((m) => `${m.name} ${m.target}${m.targetType === 'utilization' ? '%' : ''}`).join(', ');
  return `${a.min}..${a.max}${metrics ? ` on ${metrics}` : ''}`;
}
