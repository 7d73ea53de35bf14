// One container of a workload's template: image, command, ports, resources, health checks, mounts, env.
// Secret env vars show only their reference (secret/name key k, or the ARN): the model has no values.
// Plain values that look like credentials are flagged and masked (PlainValue).
import { envDisplay, formatBytes, formatCpu, healthCheckText, shortImage, type Container } from '@/lib/model';
import { Mono } from './ui';
import { MiddleTruncate } from './middle-truncate';
import { PlainValue } from './plain-value';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 py-0.5">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

const FROM_LABEL: Record<string, string> = { value: 'value', config: 'config', secret: 'secret ref', field: 'field', resource: 'resource', unresolved: 'unresolved' };

export function ContainerCard({ c }: { c: Container }) {
  // What the process gets: envFrom expanded, references resolved (the declared list is a subset).
  const env = c.effectiveEnv ?? c.env;
  const declared = new Set(c.env.map((e) => e.name));
  return (
    <article data-testid="container" className="rounded-lg border border-line bg-surface p-3">
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{c.name}</h3>
        {c.role !== 'main' && <span className="rounded bg-surface-2 px-1.5 text-xs text-muted">{c.role}</span>}
        {!c.essential && <span className="rounded bg-surface-2 px-1.5 text-xs text-muted">not essential</span>}
        <Mono className="text-muted">{shortImage(c.image)}</Mono>
      </header>
      <dl className="text-sm">
        <Row label="image"><MiddleTruncate text={c.image.raw} />{c.image.digest && <span className="ml-1 text-xs text-muted">(pinned by digest)</span>}</Row>
        {c.command.length > 0 && <Row label="command"><Mono>{JSON.stringify(c.command)}</Mono></Row>}
        {c.args.length > 0 && <Row label="args"><Mono>{JSON.stringify(c.args)}</Mono></Row>}
        <Row label="ports">{c.ports.length ? c.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}${p.hostPort ? `→host ${p.hostPort}` : ''}/${p.protocol}`).join(', ') : '—'}</Row>
        <Row label="requests">cpu {formatCpu(c.requests.cpuMillis)} · memory {formatBytes(c.requests.memoryBytes)}</Row>
        <Row label="limits">cpu {formatCpu(c.limits.cpuMillis)} · memory {formatBytes(c.limits.memoryBytes)}</Row>
        <Row label="health">
          {c.health.length ? (
            <ul>{c.health.map((h, i) => <li key={i}><span className="text-muted">{h.role}:</span> <Mono>{healthCheckText(h)}</Mono></li>)}</ul>
          ) : <span className="text-muted">no health check</span>}
        </Row>
        {c.mounts.length > 0 && (
          <Row label="mounts">
            <ul>{c.mounts.map((m, i) => <li key={i}><Mono>{m.path}</Mono> ← {m.volume}{m.subPath ? ` (${m.subPath})` : ''}{m.readOnly ? ' · read-only' : ''}</li>)}</ul>
          </Row>
        )}
        {(c.user || c.privileged || c.readOnlyRootFilesystem) && (
          <Row label="security">{[c.user && `user ${c.user}`, c.privileged && 'privileged', c.readOnlyRootFilesystem && 'read-only root'].filter(Boolean).join(' · ')}</Row>
        )}
        {c.envFrom.length > 0 && (
          <Row label="env from">
            <ul>{c.envFrom.map((e, i) => (
              <li key={i}>{e.from} <Mono>{e.name}</Mono>{e.prefix ? ` prefix ${e.prefix}` : ''}{e.optional ? ' (optional)' : ''}
                <span className="text-xs text-muted"> · {e.keys ? `${e.keys.length} ${e.keys.length === 1 ? 'variable' : 'variables'}` : e.from === 'file' ? 'not read (an S3 file)' : 'not readable'}</span>
              </li>
            ))}</ul>
          </Row>
        )}
      </dl>
      {env.length > 0 && (
        <table className="mt-2 w-full table-fixed text-sm" aria-label={`Environment of ${c.name}, as the container sees it`}>
          <thead className="text-left text-xs text-muted"><tr><th className="w-32 font-medium sm:w-48">env (as the container sees it)</th><th className="w-20 font-medium sm:w-28">from</th><th className="font-medium">value / reference</th></tr></thead>
          <tbody>
            {env.map((e) => (
              <tr key={e.name} className="border-t border-line/70" data-testid="env" data-from={e.from}>
                <td className="truncate py-0.5 font-mono text-xs" title={e.name}>{e.name}</td>
                <td className="text-xs text-muted">{FROM_LABEL[e.from]}{declared.has(e.name) ? '' : <> <span className="whitespace-nowrap">· envFrom</span></>}</td>
                <td className={`break-all font-mono text-xs ${e.from === 'secret' ? 'text-warn' : ''}`}>
                  {(e.from === 'value' || e.from === 'config') && e.value !== undefined ? <PlainValue name={e.name} value={e.value} where="environment" /> : envDisplay(e)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
