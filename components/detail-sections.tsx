// Workload detail sections for the related objects: endpoints, config, secrets, volumes, autoscaling, placement.
import Link from 'next/link';
import { formatBytes, type Placement, type PlacementTerm } from '@/lib/model';
import type { WorkloadDetail } from '@/lib/views/detail';
import { tableHref } from '@/lib/views/url-state';
import { Fragment } from 'react';
import { Mono, Section } from './ui';
import { PlainValue } from './plain-value';

function None({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}

function Box({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return <div data-testid={testId} className="rounded-lg border border-line bg-surface p-3 text-sm">{children}</div>;
}

export function DetailResources({ detail }: { detail: WorkloadDetail; now: number }) {
  const w = detail.workload;
  return (
    <>
      <Section id="endpoints" title="Endpoints" count={detail.endpoints.length}>
        {detail.endpoints.length ? (
          <div className="grid gap-2 lg:grid-cols-2">
            {detail.endpoints.map((e) => (
              <Box key={e.id} testId="endpoint">
                <p className="font-medium">{e.name} <span className="font-normal text-muted">{e.endpointKind}{e.type ? ` · ${e.type}` : ''}</span></p>
                <p>ports: {e.ports.map((p) => `${p.port}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}${p.nodePort ? ` (node ${p.nodePort})` : ''}/${p.protocol}`).join(', ') || '—'}</p>
                {e.addresses.length > 0 && <p>addresses: <Mono>{e.addresses.join(', ')}</Mono></p>}
                <p>targets: {e.readyTargets} ready{e.notReadyTargets ? `, ${e.notReadyTargets} not ready` : ''}</p>
                {e.rules.length > 0 && <ul className="mt-1">{e.rules.map((r, i) => <li key={i}><Mono>{r.host ?? '*'}{r.path ?? ''}</Mono> → {r.backend}</li>)}</ul>}
                {e.tls.length > 0 && <p>TLS: {e.tls.join(', ')}</p>}
                {e.targetGroup && <p>target group <Mono>{e.targetGroup}</Mono>{e.container ? ` → ${e.container}` : ''}</p>}
              </Box>
            ))}
          </div>
        ) : <None>No Service, Ingress or load balancer sends traffic to this workload.</None>}
      </Section>

      <Section id="config" title="Config" count={detail.configs.length}>
        {detail.configs.length ? (
          <div className="grid gap-2 lg:grid-cols-2">
            {detail.configs.map((c) => (
              <Box key={c.id} testId="config">
                <p className="mb-1 font-medium">{c.name} <span className="font-normal text-muted">{c.configKind === 'configMap' ? 'ConfigMap' : 'task environment'}</span></p>
                <table className="w-full table-fixed text-xs">
                  <tbody>
                    {Object.entries(c.data).map(([k, v]) => (
                      <tr key={k} className="border-t border-line/70"><td className="w-2/5 truncate py-0.5 font-mono" title={k}>{k}</td><td className="break-all font-mono"><PlainValue name={k} value={v} where={c.configKind === 'configMap' ? 'config' : 'environment'} /></td></tr>
                    ))}
                    {c.binaryKeys.map((k) => <tr key={k} className="border-t border-line/70"><td className="font-mono">{k}</td><td className="text-muted">(binary)</td></tr>)}
                  </tbody>
                </table>
              </Box>
            ))}
          </div>
        ) : <None>No config map or environment set.</None>}
      </Section>

      <Section id="secrets" title="Secrets" count={detail.secrets.length}>
        {detail.secrets.length ? (
          <div className="grid gap-2 lg:grid-cols-2">
            {detail.secrets.map((s) => (
              <Box key={s.id} testId="secret">
                <p className="mb-1 font-medium">{s.name} <span className="font-normal text-muted">{s.secretKind}{s.type ? ` · ${s.type}` : ''}</span></p>
                <ul className="text-xs">
                  {s.keys.map((k) => (
                    <li key={k.key} className="border-t border-line/70 py-0.5"><span className="font-mono" data-testid="secret-key">{k.key}</span>{k.ref && <> ← <Mono>{k.ref}</Mono></>}</li>
                  ))}
                </ul>
                <p className="mt-1 text-xs text-muted">Keys and references only; values never leave the server.</p>
              </Box>
            ))}
          </div>
        ) : <None>No secret used.</None>}
      </Section>

      <Section id="volumes" title="Volumes" count={w.template.volumes.length + detail.volumes.length}>
        {w.template.volumes.length || detail.volumes.length ? (
          <div className="space-y-2">
            {w.template.volumes.length > 0 && (
              <Box testId="template-volumes">
                <table className="w-full text-xs">
                  <thead className="text-left text-muted"><tr><th className="font-medium">name</th><th className="font-medium">data</th><th className="font-medium">source</th><th className="font-medium">target</th><th className="font-medium">detail</th></tr></thead>
                  <tbody>
                    {w.template.volumes.map((v) => (
                      <tr key={v.name} className="border-t border-line/70" data-testid="volume">
                        <td className="py-0.5 font-mono">{v.name}</td><td>{v.persistence}</td><td>{v.source}</td><td className="font-mono">{v.target ?? '—'}</td>
                        <td className="font-mono">{Object.entries(v.detail).map(([k, x]) => `${k}=${x}`).join(' ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Box>
            )}
            {detail.volumes.map((v) => (
              <Box key={v.id} testId="volume-object">
                <span className="font-medium">{v.name}</span> <span className="text-muted">{v.volumeKind} · {v.backing}</span>{' '}
                {[v.storageClass && `class ${v.storageClass}`, (v.capacityBytes ?? v.requestBytes) !== undefined && formatBytes(v.capacityBytes ?? v.requestBytes), v.accessModes.join(','), v.phase, v.fileSystemId, v.rootDirectory, v.transitEncryption && 'transit encryption'].filter(Boolean).join(' · ')}
              </Box>
            ))}
          </div>
        ) : <None>No volume.</None>}
      </Section>

      <Section id="autoscaling" title="Autoscaling" count={detail.autoscalers.length}>
        {detail.autoscalers.length ? detail.autoscalers.map((a) => (
          <Box key={a.id} testId="autoscaler">
            <span className="font-medium">{a.name}</span> · min {a.min} · max {a.max} · current {a.current ?? '—'} · desired {a.desired ?? '—'}
            <ul className="text-xs">{a.metrics.map((m, i) => <li key={i}>{m.name}: {m.targetType} target {m.target}{m.targetType === 'utilization' ? '%' : ''}{m.current !== undefined ? `, now ${m.current}` : ''}</li>)}</ul>
          </Box>
        )) : <None>Not autoscaled.</None>}
      </Section>
      <p className="text-xs text-muted">
        See also: <Link className="text-accent hover:underline" href={tableHref('/resources', { kind: 'events', source: w.source }, w.name)}>all events mentioning {w.name}</Link>
      </p>
    </>
  );
}

const TERM_LABEL: Record<PlacementTerm['type'], string> = {
  spread: 'spread over', distinct: 'one per', apart: 'away from', together: 'next to', binpack: 'binpack', random: 'random', node: 'only on nodes', tolerate: 'tolerates',
};

export function PlacementView({ placement: p }: { placement: Placement }) {
  if (!p.terms.length) return <None>No placement rules: the scheduler&apos;s defaults apply.</None>;
  return (
    <Box testId="placement">
      <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        {p.terms.map((t, i) => (
          <Fragment key={i}>
            <dt className="text-muted">{TERM_LABEL[t.type]}</dt>
            <dd className="min-w-0 font-mono text-xs [overflow-wrap:anywhere]">
              {[t.over, t.expression].filter(Boolean).join(' · ')}
              <span className="ml-2 font-sans text-muted">{t.required ? 'required' : t.weight !== undefined ? `preferred (${t.weight})` : 'preferred'}{t.maxSkew !== undefined ? ` · max skew ${t.maxSkew}` : ''} · {t.field}</span>
            </dd>
          </Fragment>
        ))}
      </dl>
    </Box>
  );
}
