// Kubernetes relations: which object links to which, by which field, as one table (KUBERNETES_RELATIONS)
// and the readers the normalizers, the adapter's live state and the workload page use.
//
// Two jobs read it. The normalizers (lib/k8s/normalize) fill model fields from one object's links
// (a pod's ReplicaSet, a workload's config references); the adapter's live state (lib/k8s/state.ts)
// keeps the fields that need the other end current (a ConfigMap's usedBy, a Service's workloads),
// and asks `dependentKinds` which kinds to normalize again when a whole kind is replaced. How it finds
// the affected objects one by one (its indexes) stays in the adapter: that is bookkeeping, not a rule.
// Protocol facts are in each reader's comment.
import type { Template, Workload } from '@/lib/model';
import { dependentKinds, type ApiObject, type Relation } from './rules';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const WORKLOADS = [...WORKLOAD_KINDS];

/** Label a Deployment puts on its ReplicaSets and their pods. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** Label a StatefulSet or DaemonSet puts on its pods: the ControllerRevision (or its hash). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** Label naming an EndpointSlice's Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const list = <T>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : []);
const namespaceOf = (o: ApiObject): string => o?.metadata?.namespace ?? 'default';
const sameNamespace = (a: ApiObject, b: ApiObject) => namespaceOf(a) === namespaceOf(b);
const named = (o: ApiObject, kind: readonly string[], name: string | undefined) =>
  name !== undefined && o?.metadata?.name === name && (o.kind === undefined || kind.includes(o.kind));

type OwnerReference = { kind?: string; name?: string; controller?: boolean };

/** The controller owner reference (controller: true), else the first owner. */
export function controllerOf(raw: { metadata?: { ownerReferences?: OwnerReference[] } }): { kind: string; name: string } | undefined {
  const refs = raw.metadata?.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const ctl = refs.find((r) => r && r.controller) ?? refs[0];
  return ctl && typeof ctl.kind === 'string' && typeof ctl.name === 'string' ? { kind: ctl.kind, name: ctl.name } : undefined;
}

/** The Deployment a ReplicaSet's name implies: ReplicaSets are named <deployment>-<pod-template-hash>. */
export function deploymentOfReplicaSetName(replicaSet: string, templateHash: string | undefined): string | undefined {
  if (!templateHash || !replicaSet.endsWith(`-${templateHash}`) || replicaSet.length <= templateHash.length + 1) return undefined;
  return replicaSet.slice(0, -(templateHash.length + 1));
}

/** The ControllerRevision a pod's controller-revision-hash names: StatefulSet pods carry its name, DaemonSet pods only the hash. */
export function controllerRevisionName(owner: string, hash: string): string {
  return hash.startsWith(`${owner}-`) ? hash : `${owner}-${hash}`;
}

/** True when every key/value of the selector is among the labels; an empty selector matches nothing. */
export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  return keys.every((k) => labels[k] === selector[k]);
}

export interface TemplateRefs {
  configs: string[];
  secrets: string[];
  claims: string[];
}

type NameRef = { name?: string } | undefined | null;
type EnvSource = { configMapRef?: NameRef; secretRef?: NameRef };
type EnvVar = { valueFrom?: { configMapKeyRef?: NameRef; secretKeyRef?: NameRef } | null };
/** The parts of a pod spec (core/v1 PodSpec) that name other objects. */
export interface PodSpecRefs {
  containers?: { env?: EnvVar[]; envFrom?: EnvSource[] }[];
  initContainers?: { env?: EnvVar[]; envFrom?: EnvSource[] }[];
  volumes?: {
    configMap?: NameRef; secret?: { secretName?: string } | null; persistentVolumeClaim?: { claimName?: string } | null;
    projected?: { sources?: { configMap?: NameRef; secret?: NameRef }[] } | null;
  }[];
  imagePullSecrets?: NameRef[];
}

/** Names of the ConfigMaps, Secrets and PersistentVolumeClaims (same namespace) a pod spec refers to. */
export function templateRefs(spec: PodSpecRefs): TemplateRefs {
  const configs = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  const add = (to: Set<string>, name: string | undefined) => { if (name) to.add(name); };
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    for (const e of list(c.env)) {
      add(configs, e.valueFrom?.configMapKeyRef?.name);
      add(secrets, e.valueFrom?.secretKeyRef?.name);
    }
    for (const s of list(c.envFrom)) {
      add(configs, s.configMapRef?.name);
      add(secrets, s.secretRef?.name);
    }
  }
  for (const v of list(spec.volumes)) {
    add(configs, v.configMap?.name);
    add(secrets, v.secret?.secretName);
    add(claims, v.persistentVolumeClaim?.claimName);
    for (const s of list(v.projected?.sources)) {
      add(configs, s.configMap?.name);
      add(secrets, s.secret?.name);
    }
  }
  for (const s of list(spec.imagePullSecrets)) add(secrets, s?.name);
  return { configs: [...configs], secrets: [...secrets], claims: [...claims] };
}

/** Claims of a StatefulSet's volumeClaimTemplates: one per replica, <template>-<statefulset>-<ordinal>. */
export function isTemplateClaim(claim: string, template: string, statefulSet: string): boolean {
  const prefix = `${template}-${statefulSet}-`;
  return claim.startsWith(prefix) && /^\d+$/.test(claim.slice(prefix.length));
}

/** An Ingress backend: networking/v1 `service` or `resource`, or the legacy extensions/v1beta1 `serviceName` / `servicePort`. */
export type IngressBackend = { service?: { name?: string; port?: { number?: number; name?: string } }; serviceName?: string; servicePort?: number | string; resource?: { kind?: string; name?: string } };
/** An Ingress's backends in order: the default backend (networking/v1 `defaultBackend`, legacy `backend`), then each rule path's. */
export function ingressBackends(spec: { defaultBackend?: IngressBackend; backend?: IngressBackend; rules?: { host?: string; http?: { paths?: { path?: string; backend?: IngressBackend }[] } }[] }): { host?: string; path?: string; backend: IngressBackend }[] {
  const out: { host?: string; path?: string; backend: IngressBackend }[] = [];
  const def = spec.defaultBackend ?? spec.backend;
  if (def) out.push({ backend: def });
  for (const r of list(spec.rules)) {
    for (const p of list(r.http?.paths)) if (p.backend) out.push({ ...(r.host ? { host: r.host } : {}), ...(p.path ? { path: p.path } : {}), backend: p.backend });
  }
  return out;
}
/** The Service an Ingress backend names (networking/v1 `service.name`, extensions/v1beta1 `serviceName`). */
export const backendService = (b: IngressBackend): string | undefined => b.service?.name || b.serviceName || undefined;

/** The template's env and volumes name these ConfigMaps or Secrets: the same references as `templateRefs`, read from a normalized template. */
export function declaredRefs(t: Template, to: 'config' | 'secret'): Set<string> {
  const names = new Set<string>();
  for (const c of t.containers) {
    for (const e of c.env) if (e.from === to && e.ref?.name) names.add(e.ref.name);
    for (const e of c.envFrom) if (e.from === to) names.add(e.name);
  }
  for (const v of t.volumes) if (v.source === (to === 'config' ? 'configMap' : 'secret') && v.target) names.add(v.target);
  return names;
}

/** Whether a claim of the workload's namespace is the workload's, read from a normalized template; undefined when it claims none. */
export function declaredClaims(w: Workload): ((claim: string) => boolean) | undefined {
  const claims = new Set(w.template.volumes.filter((v) => v.source === 'persistentVolumeClaim' && v.target).map((v) => v.target!));
  const templates = w.template.volumes.filter((v) => v.source === 'volumeClaimTemplate').map((v) => v.name);
  if (!claims.size && !templates.length) return undefined;
  return (claim) => claims.has(claim) || templates.some((t) => isTemplateClaim(claim, t, w.name));
}

const owns = (kinds: readonly string[]) => (from: ApiObject, to: ApiObject) => {
  const owner = controllerOf(from);
  return Boolean(owner && kinds.includes(owner.kind) && sameNamespace(from, to) && named(to, kinds, owner.name));
};
const podTemplate = (w: ApiObject) => (w.kind === 'CronJob' ? w.spec?.jobTemplate?.spec?.template : w.spec?.template);
const refersTo = (pick: keyof TemplateRefs) => (w: ApiObject, o: ApiObject) =>
  sameNamespace(w, o) && templateRefs(podTemplate(w)?.spec ?? {})[pick].includes(o.metadata?.name);

/** Every cross-kind link the Kubernetes adapter and the workload page make. */
export const KUBERNETES_RELATIONS: readonly Relation[] = [
  { from: ['Pod'], to: ['ReplicaSet'], by: 'owner', field: 'metadata.ownerReferences (controller)',
    fills: "instance.revision; instance.workload: the ReplicaSet's Deployment", rederive: ['from'], links: owns(['ReplicaSet']) },
  { from: ['Pod'], to: ['Deployment'], by: 'naming', field: `the owner ReplicaSet's name: <deployment>-<metadata.labels[${POD_TEMPLATE_HASH}]>`,
    fills: 'instance.workload while the ReplicaSet is unknown', rederive: [],
    links: (pod, d) => {
      const owner = controllerOf(pod);
      return owner?.kind === 'ReplicaSet' && sameNamespace(pod, d)
        && deploymentOfReplicaSetName(owner.name, pod.metadata?.labels?.[POD_TEMPLATE_HASH]) === d.metadata?.name;
    } },
  { from: ['Pod'], to: ['StatefulSet', 'DaemonSet', 'Job'], by: 'owner', field: 'metadata.ownerReferences (controller)',
    fills: 'instance.workload', rederive: [], links: owns(['StatefulSet', 'DaemonSet', 'Job']) },
  { from: ['ReplicaSet'], to: ['Deployment'], by: 'owner', field: 'metadata.ownerReferences (controller)',
    fills: 'revision.workload', rederive: [], links: owns(['Deployment']) },
  { from: ['ControllerRevision'], to: ['StatefulSet', 'DaemonSet'], by: 'owner', field: 'metadata.ownerReferences (controller)',
    fills: 'revision.workload', rederive: [], links: owns(['StatefulSet', 'DaemonSet']) },
  { from: ['Pod'], to: ['ControllerRevision'], by: 'label', field: `metadata.labels[${CONTROLLER_REVISION_HASH}], with the owner's name`,
    fills: "instance.revision; the ControllerRevision's desired and ready counts", rederive: ['to'],
    links: (pod, cr) => {
      const owner = controllerOf(pod);
      const hash = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH];
      return Boolean(owner && hash && (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') && sameNamespace(pod, cr)
        && cr.metadata?.name === controllerRevisionName(owner.name, hash));
    } },
  { from: WORKLOADS, to: ['ConfigMap'], by: 'config-ref',
    field: 'pod template: (init)containers[].env[].valueFrom.configMapKeyRef, envFrom[].configMapRef, volumes[].configMap, volumes[].projected.sources[].configMap',
    fills: "config.usedBy; the containers' env values, envFrom keys and effectiveEnv", rederive: ['from', 'to'], links: refersTo('configs') },
  { from: WORKLOADS, to: ['Secret'], by: 'secret-ref',
    field: 'pod template: (init)containers[].env[].valueFrom.secretKeyRef, envFrom[].secretRef, volumes[].secret, volumes[].projected.sources[].secret, imagePullSecrets',
    fills: "secret.usedBy; the containers' secret hashes, envFrom keys and effectiveEnv", rederive: ['from', 'to'], links: refersTo('secrets') },
  { from: WORKLOADS, to: ['PersistentVolumeClaim'], by: 'claim', field: 'pod template: volumes[].persistentVolumeClaim.claimName',
    fills: 'volume.usedBy', rederive: ['to'], links: refersTo('claims') },
  { from: ['StatefulSet'], to: ['PersistentVolumeClaim'], by: 'naming', field: 'spec.volumeClaimTemplates[].metadata.name: claims <template>-<statefulset>-<ordinal>',
    fills: "the workload page's volumes (lib/views/related.ts)", rederive: [],
    links: (s, pvc) => sameNamespace(s, pvc) && list(s.spec?.volumeClaimTemplates).some((t: ApiObject) => isTemplateClaim(pvc.metadata?.name ?? '', t.metadata?.name ?? '', s.metadata?.name ?? '')) },
  { from: ['Service'], to: WORKLOADS, by: 'selector', field: 'spec.selector over the pod template labels',
    fills: 'endpoint.workloads', rederive: ['from'],
    links: (svc, w) => sameNamespace(svc, w) && selectorMatches(svc.spec?.selector, podTemplate(w)?.metadata?.labels ?? {}) },
  { from: ['EndpointSlice'], to: ['Service'], by: 'label', field: `metadata.labels[${SERVICE_NAME_LABEL}]`,
    fills: "endpoint.readyTargets and notReadyTargets of the Service", rederive: ['to'],
    links: (slice, svc) => sameNamespace(slice, svc) && slice.metadata?.labels?.[SERVICE_NAME_LABEL] === svc.metadata?.name },
  { from: ['Ingress'], to: ['Service'], by: 'backend', field: 'spec.defaultBackend, spec.rules[].http.paths[].backend: service.name (legacy serviceName)',
    fills: "endpoint.workloads and target counts: the Services'", rederive: ['from'],
    links: (ing, svc) => sameNamespace(ing, svc) && ingressBackends(ing.spec ?? {}).some((b) => backendService(b.backend) === svc.metadata?.name) },
  { from: ['Pod'], to: ['Node'], by: 'node', field: 'spec.nodeName',
    fills: "instance.node; instance.zone: the node's; node.requested: summed over its pods (lib/inventory/derive.ts)", rederive: ['from'],
    links: (pod, node) => Boolean(pod.spec?.nodeName) && pod.spec.nodeName === node.metadata?.name },
  { from: ['HorizontalPodAutoscaler'], to: WORKLOADS, by: 'scale-target', field: 'spec.scaleTargetRef (kind, name)',
    fills: 'autoscaler.target', rederive: [],
    links: (hpa, w) => sameNamespace(hpa, w) && hpa.spec?.scaleTargetRef?.name === w.metadata?.name && hpa.spec?.scaleTargetRef?.kind === w.kind },
  { from: ['Event'], to: ['Pod', 'ReplicaSet', ...WORKLOADS], by: 'involved', field: 'involvedObject (kind, namespace, name)',
    fills: "event.involved.id; event.workload: a pod's or ReplicaSet's workload, looked up again once after the first full sync", rederive: [],
    links: (ev, o) => ev.involvedObject?.kind === o.kind && ev.involvedObject?.name === o.metadata?.name
      && (ev.involvedObject?.namespace ?? ev.metadata?.namespace) === o.metadata?.namespace },
];

/** Kinds to normalize again after every object of `kind` was replaced, in the order of `kinds`. */
export const kubernetesDependents = (kind: string, kinds: readonly string[]): string[] => dependentKinds(KUBERNETES_RELATIONS, kind, kinds);
