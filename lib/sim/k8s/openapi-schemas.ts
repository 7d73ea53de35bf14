/**
 * OpenAPI v3 `components.schemas` for the kinds of proto-schema.ts, built from the same field
 * tables, so that `kubectl explain <kind>[.field...]` works: a kind's schema carries
 * `x-kubernetes-group-version-kind`, message fields refer to other schemas through
 * `allOf: [{$ref}]` as the API server's documents do, and each group/version document holds every
 * schema its kinds reach. Descriptions are short; fields without one show none.
 */
import { MESSAGES, messageFields, PROTOBUF_KINDS, type FieldSpec } from './proto-schema';
import type { Dict } from './types';

const PACKAGES: Record<string, string> = {
  'meta.v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  'core.v1': 'io.k8s.api.core.v1',
  'apps.v1': 'io.k8s.api.apps.v1',
  'batch.v1': 'io.k8s.api.batch.v1',
  'rbac.v1': 'io.k8s.api.rbac.v1',
  'networking.v1': 'io.k8s.api.networking.v1',
  'policy.v1': 'io.k8s.api.policy.v1',
  'scheduling.v1': 'io.k8s.api.scheduling.v1',
};

const WELL_KNOWN: Record<string, [string, Dict]> = {
  Quantity: ['io.k8s.apimachinery.pkg.api.resource.Quantity', { type: 'string', description: 'A fixed-point number with a suffix: 500m, 2, 128Mi, 1Gi.' }],
  IntOrString: ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', { type: 'string', format: 'int-or-string', description: 'An integer or a string (a number of pods or a percentage, a port number or name).' }],
  Time: ['io.k8s.apimachinery.pkg.apis.meta.v1.Time', { type: 'string', format: 'date-time', description: 'An RFC 3339 date and time in UTC.' }],
};

/** Short descriptions: `Message` for a message, `Message.field` for a field. */
const DESCRIPTIONS: Record<string, string> = {
  'meta.v1.ObjectMeta': 'Standard object metadata: name, namespace, labels, annotations, owners.',
  'meta.v1.ObjectMeta.name': 'Name, unique within the namespace (or the cluster for cluster-scoped kinds).',
  'meta.v1.ObjectMeta.namespace': 'The namespace the object lives in.',
  'meta.v1.ObjectMeta.labels': 'Key/value pairs that selectors match.',
  'meta.v1.ObjectMeta.annotations': 'Arbitrary key/value metadata for tools.',
  'meta.v1.LabelSelector': 'Selects objects by labels: matchLabels and matchExpressions are ANDed.',
  'core.v1.Namespace': 'Namespace provides a scope for names.',
  'core.v1.ConfigMap': 'ConfigMap holds configuration data for pods to consume.',
  'core.v1.ConfigMap.data': 'UTF-8 configuration data.',
  'core.v1.Secret': 'Secret holds a small amount of sensitive data.',
  'core.v1.Secret.data': 'Secret data, base64-encoded values.',
  'core.v1.Secret.type': 'Used to facilitate programmatic handling of secret data (Opaque, kubernetes.io/tls, ...).',
  'core.v1.Service': 'Service exposes pods selected by labels under one virtual IP and DNS name.',
  'core.v1.ServiceSpec': 'The behaviour of a service.',
  'core.v1.ServiceSpec.ports': 'The ports the service exposes.',
  'core.v1.ServiceSpec.selector': 'Pods with these labels receive the traffic.',
  'core.v1.ServiceSpec.type': 'ClusterIP, NodePort, LoadBalancer or ExternalName.',
  'core.v1.ServiceAccount': 'ServiceAccount binds together a name for processes in pods, secrets and image pull secrets.',
  'core.v1.Pod': 'Pod is a collection of containers that run on a host.',
  'core.v1.PodSpec': 'The description of a pod: its containers, volumes and scheduling.',
  'core.v1.PodSpec.containers': 'The containers of the pod. There must be at least one.',
  'core.v1.PodSpec.restartPolicy': 'Always, OnFailure or Never.',
  'core.v1.PodTemplateSpec': 'The pods a controller creates: metadata and spec.',
  'core.v1.Container': 'A single application container.',
  'core.v1.Container.image': 'Container image name.',
  'core.v1.Container.resources': 'Compute resources the container requests and may not exceed.',
  'core.v1.ResourceRequirements.requests': 'Minimum compute resources, used for scheduling.',
  'core.v1.ResourceRequirements.limits': 'Maximum compute resources allowed.',
  'core.v1.ResourceQuota': 'ResourceQuota sets aggregate quota restrictions per namespace.',
  'core.v1.ResourceQuotaSpec.hard': 'The hard limit for each named resource.',
  'apps.v1.Deployment': 'Deployment enables declarative updates for Pods and ReplicaSets.',
  'apps.v1.DeploymentSpec': 'The desired behaviour of the Deployment.',
  'apps.v1.DeploymentSpec.replicas': 'Number of desired pods. Defaults to 1.',
  'apps.v1.DeploymentSpec.selector': 'Label selector for pods; must match the template labels.',
  'apps.v1.DeploymentSpec.template': 'Template describes the pods that will be created.',
  'apps.v1.DeploymentSpec.strategy': 'The deployment strategy used to replace existing pods with new ones.',
  'apps.v1.DeploymentStatus': 'The most recently observed status of the Deployment.',
  'batch.v1.Job': 'Job represents the configuration of a single job.',
  'batch.v1.JobSpec': 'The desired behaviour of the job.',
  'batch.v1.CronJob': 'CronJob represents the configuration of a single cron job.',
  'batch.v1.CronJobSpec.schedule': 'The schedule in Cron format.',
  'rbac.v1.Role': 'Role is a namespaced, logical grouping of PolicyRules.',
  'rbac.v1.RoleBinding': 'RoleBinding grants the permissions of a Role or ClusterRole within a namespace.',
  'rbac.v1.ClusterRole': 'ClusterRole is a cluster-level, logical grouping of PolicyRules.',
  'rbac.v1.ClusterRoleBinding': 'ClusterRoleBinding grants the permissions of a ClusterRole across the cluster.',
  'rbac.v1.PolicyRule': 'Actions (verbs) allowed on resources.',
  'networking.v1.Ingress': 'Ingress routes external HTTP traffic to services by host and path.',
  'networking.v1.IngressSpec.rules': 'Host rules; the first rule matching a request wins.',
  'policy.v1.PodDisruptionBudget': 'PodDisruptionBudget limits the number of pods of a replicated application that are down simultaneously from voluntary disruptions.',
  'policy.v1.PodDisruptionBudgetSpec.minAvailable': 'An eviction is allowed if at least this many pods (or percentage) stay available.',
  'policy.v1.PodDisruptionBudgetSpec.maxUnavailable': 'An eviction is allowed if at most this many pods (or percentage) are unavailable after it.',
  'scheduling.v1.PriorityClass': 'PriorityClass maps a priority class name to a priority value.',
  'scheduling.v1.PriorityClass.value': 'The priority pods of this class get; higher is more important.',
};

const KIND_FIELDS: Dict = {
  apiVersion: { type: 'string', description: 'The versioned schema of this representation of an object.' },
  kind: { type: 'string', description: 'The REST resource this object represents.' },
};

export function schemaName(key: string): string {
  const [group, version, name] = key.split('.');
  return `${PACKAGES[`${group}.${version}`]}.${name}`;
}

const ref = (name: string): Dict => ({ $ref: `#/components/schemas/${name}` });

function fieldSchema(spec: FieldSpec, refs: Set<string>): Dict {
  let item: Dict;
  const t = spec.type;
  if (t === 'string' || t === 'bytes') item = t === 'bytes' ? { type: 'string', format: 'byte' } : { type: 'string', default: '' };
  else if (t === 'int32' || t === 'int64') item = { type: 'integer', format: t, default: 0 };
  else if (t === 'bool') item = { type: 'boolean', default: false };
  else if (t.startsWith('map<')) {
    const v = t.slice(4, -1);
    const value = v === 'Quantity' ? (refs.add(v), ref(WELL_KNOWN.Quantity[0])) : v === 'bytes' ? { type: 'string', format: 'byte' } : { type: 'string', default: '' };
    item = { type: 'object', additionalProperties: value };
  } else {
    refs.add(t);
    item = { allOf: [ref(WELL_KNOWN[t]?.[0] ?? schemaName(t))], default: {} };
  }
  return spec.repeated ? { type: 'array', items: item } : item;
}

function messageSchema(key: string, refs: Set<string>): Dict {
  const properties: Dict = {};
  for (const spec of messageFields(key).values()) {
    if (spec.inline) {
      Object.assign(properties, messageSchema(spec.type, refs).properties);
      continue;
    }
    const s = fieldSchema(spec, refs);
    const d = DESCRIPTIONS[`${key}.${spec.json}`];
    properties[spec.json] = d ? { ...s, description: d } : s;
  }
  const out: Dict = { type: 'object', properties };
  if (DESCRIPTIONS[key]) out.description = DESCRIPTIONS[key];
  return out;
}

/** The schemas of one group/version document ('v1', 'apps/v1'...): its kinds and all they reach. */
export function schemasFor(gv: string): Dict {
  const kinds = PROTOBUF_KINDS.filter((k) => (k.group ? `${k.group}/${k.version}` : k.version) === gv);
  const schemas: Dict = {};
  const queue = kinds.map((k) => k.message);
  const refs = new Set<string>();
  while (queue.length) {
    const key = queue.shift()!;
    if (WELL_KNOWN[key]) {
      schemas[WELL_KNOWN[key][0]] ??= WELL_KNOWN[key][1];
      continue;
    }
    if (schemas[schemaName(key)] || !MESSAGES[key]) continue;
    const before = new Set(refs);
    schemas[schemaName(key)] = messageSchema(key, refs);
    for (const r of refs) if (!before.has(r)) queue.push(r);
  }
  for (const k of kinds) {
    const s = schemas[schemaName(k.message)];
    s.properties = { ...KIND_FIELDS, ...s.properties };
    s['x-kubernetes-group-version-kind'] = [{ group: k.group, kind: k.kind, version: k.version }];
  }
  return schemas;
}
