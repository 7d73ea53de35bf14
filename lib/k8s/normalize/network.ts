// Service -> Endpoint, EndpointSlice -> ready/not-ready counts of its Service, Ingress -> Endpoint.
//
// Protocol facts: an EndpointSlice names its Service in the kubernetes.io/service-name label; an
// endpoint whose conditions.ready is absent counts as ready; dual-stack Services get one slice per
// address family, so backends are counted by target, not by slice entry. Ingress backends are
// service.{name, port.{number|name}} in networking.k8s.io/v1, serviceName/servicePort in the
// deprecated extensions/v1beta1 and networking.k8s.io/v1beta1 shapes.
import type { V1EndpointSlice, V1Ingress, V1Service } from '@kubernetes/client-node';
import type { Endpoint } from '@/lib/model/resources';
import { backendService, ingressBackends, SERVICE_NAME_LABEL, type IngressBackend } from '@/lib/relations/kubernetes';
import { asArray, baseOf, nameOf, type NormalizeContext } from './common';

export interface ServiceIndex {
  namespace: string;
  selector?: Record<string, string>;
}

/** Workload ids and ready counts are filled in by the adapter from its indexes. */
export function normalizeService(ctx: NormalizeContext, s: V1Service): { endpoint: Endpoint; index: ServiceIndex } {
  const base = baseOf(ctx, s, 'Service');
  const { namespace } = nameOf(s, 'Service');
  const spec = s.spec ?? {};
  const ips = asArray(spec.clusterIPs).length ? asArray(spec.clusterIPs) : spec.clusterIP ? [spec.clusterIP] : [];
  const headless = ips.includes('None');
  const lb = asArray(s.status?.loadBalancer?.ingress).map((i) => i.hostname ?? i.ip).filter((x): x is string => Boolean(x));
  const addresses = [...ips.filter((ip) => ip !== 'None'), ...asArray(spec.externalIPs), ...lb];
  if (spec.type === 'ExternalName' && spec.externalName) addresses.push(spec.externalName);
  const selector = spec.selector && Object.keys(spec.selector).length ? { ...spec.selector } : undefined;
  return {
    index: { namespace: namespace ?? 'default', ...(selector ? { selector } : {}) },
    endpoint: {
      ...base,
      kind: 'endpoint',
      endpointKind: 'service',
      type: headless ? 'Headless' : spec.type ?? 'ClusterIP',
      addresses,
      ports: asArray(spec.ports).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort as number | string } : {}),
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
        protocol: p.protocol ?? 'TCP',
      })),
      readyTargets: 0,
      notReadyTargets: 0,
      workloads: [],
      ...(selector ? { selector } : {}),
      rules: [],
      tls: [],
    },
  };
}

export interface SliceSummary {
  namespace: string;
  /** Service name from the kubernetes.io/service-name label; undefined for unmanaged slices. */
  service?: string;
  /** Target key (pod name, else first address) -> ready. */
  targets: Map<string, boolean>;
}

export function summarizeEndpointSlice(slice: V1EndpointSlice): SliceSummary {
  const { namespace } = nameOf(slice, 'EndpointSlice');
  const targets = new Map<string, boolean>();
  for (const e of asArray(slice.endpoints)) {
    const key = e.targetRef?.name ? `${e.targetRef.kind ?? ''}/${e.targetRef.name}` : asArray(e.addresses)[0];
    if (!key) continue;
    const ready = e.conditions?.ready !== false;
    targets.set(key, (targets.get(key) ?? false) || ready);
  }
  const service = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  return { namespace: namespace ?? 'default', ...(service ? { service } : {}), targets };
}

/** Ready / not-ready backends of a Service over all of its slices, each target counted once. */
export function countTargets(slices: Iterable<SliceSummary>): { ready: number; notReady: number } {
  const all = new Map<string, boolean>();
  for (const s of slices) for (const [k, r] of s.targets) all.set(k, (all.get(k) ?? false) || r);
  let ready = 0;
  for (const r of all.values()) if (r) ready++;
  return { ready, notReady: all.size - ready };
}

/** How the page shows a backend: service:port (networking/v1 or the legacy fields), else the resource. */
function backendText(b: IngressBackend): string | undefined {
  if (b.service?.name) {
    const port = b.service.port?.number ?? b.service.port?.name;
    return port !== undefined ? `${b.service.name}:${port}` : b.service.name;
  }
  if (b.serviceName) return b.servicePort !== undefined ? `${b.serviceName}:${b.servicePort}` : b.serviceName;
  if (b.resource) return `${b.resource.kind}/${b.resource.name}`;
  return undefined;
}

export interface IngressIndex {
  namespace: string;
  /** Services the ingress routes to (same namespace). */
  services: string[];
}

export function normalizeIngress(ctx: NormalizeContext, ing: V1Ingress): { endpoint: Endpoint; index: IngressIndex } {
  const base = baseOf(ctx, ing, 'Ingress');
  const { namespace } = nameOf(ing, 'Ingress');
  const spec = ing.spec ?? {};
  const services = new Set<string>();
  const rules: Endpoint['rules'] = [];
  for (const { host, path, backend } of ingressBackends(spec)) {
    const text = backendText(backend);
    if (text === undefined) continue;
    const service = backendService(backend);
    if (service) services.add(service);
    rules.push({ ...(host ? { host } : {}), ...(path ? { path } : {}), backend: text });
  }
  const cls = spec.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
  const addresses = asArray(ing.status?.loadBalancer?.ingress).map((i) => i.hostname ?? i.ip).filter((x): x is string => Boolean(x));
  const ports = asArray(spec.tls).length ? [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] : [{ port: 80, protocol: 'TCP' }];
  return {
    index: { namespace: namespace ?? 'default', services: [...services] },
    endpoint: {
      ...base,
      kind: 'endpoint',
      endpointKind: 'ingress',
      ...(cls ? { type: cls } : {}),
      addresses,
      ports,
      readyTargets: 0,
      notReadyTargets: 0,
      workloads: [],
      rules,
      tls: [...new Set(asArray(spec.tls).flatMap((t) => asArray(t.hosts)))],
    },
  };
}
