/**
 * Field tables of the built-in Kubernetes messages kubectl's imperative commands send as
 * `application/vnd.kubernetes.protobuf` (kubectl create namespace|configmap|secret|deployment|
 * service|serviceaccount|job|cronjob|role|rolebinding|clusterrole|clusterrolebinding|ingress|
 * poddisruptionbudget|priorityclass|quota, kubectl run), written from the upstream generated.proto
 * field numbers. One table drives both the protobuf decoder (protobuf.ts) and the OpenAPI v3
 * schemas `kubectl explain` reads (openapi-schemas.ts).
 *
 * A field is `'<json>[[]][:<type>][!]'`: `[]` repeated, type (default `string`) a scalar
 * (`int32`, `int64`, `bool`, `bytes`), a well-known type (`Quantity`, `IntOrString`, `Time`),
 * `map<string|bytes|Quantity>`, or a message of this table (looked up in the field's own
 * package, then core.v1, then meta.v1). `!` keeps a zero value: Go pointers (`replicas: 0`) and
 * fields without `omitempty`; other zero values are dropped, as Go's JSON encoding would (the
 * generated protobuf code always writes non-pointer fields, zero or not). A json of `^` inlines
 * the message's fields into the parent (IngressRule's `http`).
 */

export type MessageTable = Record<number, string>;

export interface KindEntry {
  group: string;
  version: string;
  kind: string;
  /** Message key, e.g. `apps.v1.Deployment`. */
  message: string;
}

const OBJECT = { 1: 'metadata:ObjectMeta' };

export const MESSAGES: Record<string, MessageTable> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  'meta.v1.ObjectMeta': {
    1: 'name', 2: 'generateName', 3: 'namespace', 4: 'selfLink', 5: 'uid', 6: 'resourceVersion', 7: 'generation:int64',
    8: 'creationTimestamp:Time', 9: 'deletionTimestamp:Time', 10: 'deletionGracePeriodSeconds:int64!', 11: 'labels:map<string>',
    12: 'annotations:map<string>', 13: 'ownerReferences[]:OwnerReference', 14: 'finalizers[]',
  },
  'meta.v1.OwnerReference': { 1: 'kind', 3: 'name', 4: 'uid', 5: 'apiVersion', 6: 'controller:bool!', 7: 'blockOwnerDeletion:bool!' },
  'meta.v1.LabelSelector': { 1: 'matchLabels:map<string>', 2: 'matchExpressions[]:LabelSelectorRequirement' },
  'meta.v1.LabelSelectorRequirement': { 1: 'key', 2: 'operator', 3: 'values[]' },
  'meta.v1.Condition': { 1: 'type', 2: 'status', 3: 'observedGeneration:int64', 4: 'lastTransitionTime:Time', 5: 'reason', 6: 'message' },

  // k8s.io/api/core/v1
  'core.v1.Namespace': { ...OBJECT, 2: 'spec:NamespaceSpec', 3: 'status:NamespaceStatus' },
  'core.v1.NamespaceSpec': { 1: 'finalizers[]' },
  'core.v1.NamespaceStatus': { 1: 'phase' },
  'core.v1.ConfigMap': { ...OBJECT, 2: 'data:map<string>', 3: 'binaryData:map<bytes>', 4: 'immutable:bool!' },
  'core.v1.Secret': { ...OBJECT, 2: 'data:map<bytes>', 3: 'type', 4: 'stringData:map<string>', 5: 'immutable:bool!' },
  'core.v1.ServiceAccount': { ...OBJECT, 2: 'secrets[]:ObjectReference', 3: 'imagePullSecrets[]:LocalObjectReference', 4: 'automountServiceAccountToken:bool!' },
  'core.v1.ObjectReference': { 1: 'kind', 2: 'namespace', 3: 'name', 4: 'uid', 5: 'apiVersion', 6: 'resourceVersion', 7: 'fieldPath' },
  'core.v1.LocalObjectReference': { 1: 'name' },
  'core.v1.Service': { ...OBJECT, 2: 'spec:ServiceSpec', 3: 'status:ServiceStatus' },
  'core.v1.ServiceSpec': {
    1: 'ports[]:ServicePort', 2: 'selector:map<string>', 3: 'clusterIP', 4: 'type', 5: 'externalIPs[]', 7: 'sessionAffinity', 8: 'loadBalancerIP',
    9: 'loadBalancerSourceRanges[]', 10: 'externalName', 11: 'externalTrafficPolicy', 12: 'healthCheckNodePort:int32', 13: 'publishNotReadyAddresses:bool',
    17: 'ipFamilyPolicy', 18: 'clusterIPs[]', 19: 'ipFamilies[]', 20: 'allocateLoadBalancerNodePorts:bool!', 21: 'loadBalancerClass', 22: 'internalTrafficPolicy',
    23: 'trafficDistribution',
  },
  'core.v1.ServicePort': { 1: 'name', 2: 'protocol', 3: 'port:int32!', 4: 'targetPort:IntOrString', 5: 'nodePort:int32', 6: 'appProtocol' },
  'core.v1.ServiceStatus': { 1: 'loadBalancer:LoadBalancerStatus', 2: 'conditions[]:Condition' },
  'core.v1.LoadBalancerStatus': { 1: 'ingress[]:LoadBalancerIngress' },
  'core.v1.LoadBalancerIngress': { 1: 'ip', 2: 'hostname', 4: 'ipMode' },
  'core.v1.Pod': { ...OBJECT, 2: 'spec:PodSpec', 3: 'status:PodStatus' },
  'core.v1.PodStatus': { 1: 'phase', 3: 'message', 4: 'reason', 5: 'hostIP', 6: 'podIP', 7: 'startTime:Time', 9: 'qosClass' },
  'core.v1.PodTemplateSpec': { ...OBJECT, 2: 'spec:PodSpec' },
  'core.v1.PodSpec': {
    1: 'volumes[]:Volume', 2: 'containers[]:Container', 3: 'restartPolicy', 4: 'terminationGracePeriodSeconds:int64!', 5: 'activeDeadlineSeconds:int64!',
    6: 'dnsPolicy', 7: 'nodeSelector:map<string>', 8: 'serviceAccountName', 9: 'serviceAccount', 10: 'nodeName', 11: 'hostNetwork:bool', 12: 'hostPID:bool',
    13: 'hostIPC:bool', 14: 'securityContext:PodSecurityContext', 15: 'imagePullSecrets[]:LocalObjectReference', 16: 'hostname', 17: 'subdomain',
    19: 'schedulerName', 20: 'initContainers[]:Container', 21: 'automountServiceAccountToken:bool!', 22: 'tolerations[]:Toleration', 24: 'priorityClassName',
    25: 'priority:int32!', 27: 'shareProcessNamespace:bool!', 29: 'runtimeClassName', 30: 'enableServiceLinks:bool!', 31: 'preemptionPolicy',
  },
  'core.v1.PodSecurityContext': { 2: 'runAsUser:int64!', 3: 'runAsNonRoot:bool!', 4: 'supplementalGroups[]:int64', 5: 'fsGroup:int64!', 6: 'runAsGroup:int64!' },
  'core.v1.Toleration': { 1: 'key', 2: 'operator', 3: 'value', 4: 'effect', 5: 'tolerationSeconds:int64!' },
  'core.v1.Volume': { 1: 'name', 2: '^:VolumeSource' },
  'core.v1.VolumeSource': { 1: 'hostPath:HostPathVolumeSource', 2: 'emptyDir:EmptyDirVolumeSource', 6: 'secret:SecretVolumeSource', 10: 'persistentVolumeClaim:PersistentVolumeClaimVolumeSource', 19: 'configMap:ConfigMapVolumeSource' },
  'core.v1.HostPathVolumeSource': { 1: 'path', 2: 'type' },
  'core.v1.EmptyDirVolumeSource': { 1: 'medium', 2: 'sizeLimit:Quantity' },
  'core.v1.SecretVolumeSource': { 1: 'secretName', 3: 'defaultMode:int32!', 4: 'optional:bool!' },
  'core.v1.ConfigMapVolumeSource': { 1: '^:LocalObjectReference', 3: 'defaultMode:int32!', 4: 'optional:bool!' },
  'core.v1.PersistentVolumeClaimVolumeSource': { 1: 'claimName', 2: 'readOnly:bool' },
  'core.v1.Container': {
    1: 'name', 2: 'image', 3: 'command[]', 4: 'args[]', 5: 'workingDir', 6: 'ports[]:ContainerPort', 7: 'env[]:EnvVar', 8: 'resources:ResourceRequirements',
    9: 'volumeMounts[]:VolumeMount', 13: 'terminationMessagePath', 14: 'imagePullPolicy', 16: 'stdin:bool', 17: 'stdinOnce:bool', 18: 'tty:bool',
    20: 'terminationMessagePolicy', 24: 'restartPolicy',
  },
  'core.v1.ContainerPort': { 1: 'name', 2: 'hostPort:int32', 3: 'containerPort:int32!', 4: 'protocol', 5: 'hostIP' },
  'core.v1.EnvVar': { 1: 'name', 2: 'value' },
  'core.v1.ResourceRequirements': { 1: 'limits:map<Quantity>', 2: 'requests:map<Quantity>' },
  'core.v1.VolumeMount': { 1: 'name', 2: 'readOnly:bool', 3: 'mountPath', 4: 'subPath', 5: 'mountPropagation', 6: 'subPathExpr' },
  'core.v1.ResourceQuota': { ...OBJECT, 2: 'spec:ResourceQuotaSpec', 3: 'status:ResourceQuotaStatus' },
  'core.v1.ResourceQuotaSpec': { 1: 'hard:map<Quantity>', 2: 'scopes[]', 3: 'scopeSelector:ScopeSelector' },
  'core.v1.ResourceQuotaStatus': { 1: 'hard:map<Quantity>', 2: 'used:map<Quantity>' },
  'core.v1.ScopeSelector': { 1: 'matchExpressions[]:ScopedResourceSelectorRequirement' },
  'core.v1.ScopedResourceSelectorRequirement': { 1: 'scopeName', 2: 'operator', 3: 'values[]' },

  // k8s.io/api/apps/v1
  'apps.v1.Deployment': { ...OBJECT, 2: 'spec:DeploymentSpec', 3: 'status:DeploymentStatus' },
  'apps.v1.DeploymentSpec': {
    1: 'replicas:int32!', 2: 'selector:LabelSelector', 3: 'template:PodTemplateSpec', 4: 'strategy:DeploymentStrategy', 5: 'minReadySeconds:int32',
    6: 'revisionHistoryLimit:int32!', 7: 'paused:bool', 9: 'progressDeadlineSeconds:int32!',
  },
  'apps.v1.DeploymentStrategy': { 1: 'type', 2: 'rollingUpdate:RollingUpdateDeployment' },
  'apps.v1.RollingUpdateDeployment': { 1: 'maxUnavailable:IntOrString', 2: 'maxSurge:IntOrString' },
  'apps.v1.DeploymentStatus': {
    1: 'observedGeneration:int64', 2: 'replicas:int32', 3: 'updatedReplicas:int32', 4: 'availableReplicas:int32', 5: 'unavailableReplicas:int32',
    6: 'conditions[]:DeploymentCondition', 7: 'readyReplicas:int32', 8: 'collisionCount:int32!',
  },
  'apps.v1.DeploymentCondition': { 1: 'type', 2: 'status', 4: 'reason', 5: 'message', 6: 'lastUpdateTime:Time', 7: 'lastTransitionTime:Time' },

  // k8s.io/api/batch/v1
  'batch.v1.Job': { ...OBJECT, 2: 'spec:JobSpec', 3: 'status:JobStatus' },
  'batch.v1.JobSpec': {
    1: 'parallelism:int32!', 2: 'completions:int32!', 3: 'activeDeadlineSeconds:int64!', 4: 'selector:LabelSelector', 5: 'manualSelector:bool!',
    6: 'template:PodTemplateSpec', 7: 'backoffLimit:int32!', 8: 'ttlSecondsAfterFinished:int32!', 9: 'completionMode', 10: 'suspend:bool!',
    14: 'podReplacementPolicy', 15: 'managedBy',
  },
  'batch.v1.JobStatus': {
    1: 'conditions[]:JobCondition', 2: 'startTime:Time', 3: 'completionTime:Time', 4: 'active:int32', 5: 'succeeded:int32', 6: 'failed:int32',
    7: 'completedIndexes', 9: 'ready:int32!', 10: 'failedIndexes!', 11: 'terminating:int32!',
  },
  'batch.v1.JobCondition': { 1: 'type', 2: 'status', 3: 'lastProbeTime:Time', 4: 'lastTransitionTime:Time', 5: 'reason', 6: 'message' },
  'batch.v1.CronJob': { ...OBJECT, 2: 'spec:CronJobSpec', 3: 'status:CronJobStatus' },
  'batch.v1.CronJobSpec': {
    1: 'schedule', 2: 'startingDeadlineSeconds:int64!', 3: 'concurrencyPolicy', 4: 'suspend:bool!', 5: 'jobTemplate:JobTemplateSpec',
    6: 'successfulJobsHistoryLimit:int32!', 7: 'failedJobsHistoryLimit:int32!', 8: 'timeZone!',
  },
  'batch.v1.JobTemplateSpec': { ...OBJECT, 2: 'spec:JobSpec' },
  'batch.v1.CronJobStatus': { 1: 'active[]:ObjectReference', 4: 'lastScheduleTime:Time', 5: 'lastSuccessfulTime:Time' },

  // k8s.io/api/rbac/v1
  'rbac.v1.Role': { ...OBJECT, 2: 'rules[]:PolicyRule' },
  'rbac.v1.ClusterRole': { ...OBJECT, 2: 'rules[]:PolicyRule', 3: 'aggregationRule:AggregationRule' },
  'rbac.v1.AggregationRule': { 1: 'clusterRoleSelectors[]:LabelSelector' },
  'rbac.v1.PolicyRule': { 1: 'verbs[]', 2: 'apiGroups[]', 3: 'resources[]', 4: 'resourceNames[]', 5: 'nonResourceURLs[]' },
  'rbac.v1.RoleBinding': { ...OBJECT, 2: 'subjects[]:Subject', 3: 'roleRef:RoleRef' },
  'rbac.v1.ClusterRoleBinding': { ...OBJECT, 2: 'subjects[]:Subject', 3: 'roleRef:RoleRef' },
  'rbac.v1.Subject': { 1: 'kind', 2: 'apiGroup', 3: 'name', 4: 'namespace' },
  'rbac.v1.RoleRef': { 1: 'apiGroup!', 2: 'kind!', 3: 'name!' },

  // k8s.io/api/networking/v1
  'networking.v1.Ingress': { ...OBJECT, 2: 'spec:IngressSpec', 3: 'status:IngressStatus' },
  'networking.v1.IngressSpec': { 1: 'defaultBackend:IngressBackend', 2: 'tls[]:IngressTLS', 3: 'rules[]:IngressRule', 4: 'ingressClassName!' },
  'networking.v1.IngressBackend': { 3: 'resource:TypedLocalObjectReference', 4: 'service:IngressServiceBackend' },
  'networking.v1.IngressServiceBackend': { 1: 'name', 2: 'port:ServiceBackendPort' },
  'networking.v1.ServiceBackendPort': { 1: 'name', 2: 'number:int32' },
  'networking.v1.IngressTLS': { 1: 'hosts[]', 2: 'secretName' },
  'networking.v1.IngressRule': { 1: 'host', 2: '^:IngressRuleValue' },
  'networking.v1.IngressRuleValue': { 1: 'http:HTTPIngressRuleValue' },
  'networking.v1.HTTPIngressRuleValue': { 1: 'paths[]:HTTPIngressPath' },
  'networking.v1.HTTPIngressPath': { 1: 'path', 2: 'backend:IngressBackend', 3: 'pathType!' },
  'networking.v1.IngressStatus': { 1: 'loadBalancer:IngressLoadBalancerStatus' },
  'networking.v1.IngressLoadBalancerStatus': { 1: 'ingress[]:IngressLoadBalancerIngress' },
  'networking.v1.IngressLoadBalancerIngress': { 1: 'ip', 2: 'hostname' },
  'core.v1.TypedLocalObjectReference': { 1: 'apiGroup!', 2: 'kind', 3: 'name' },

  // k8s.io/api/policy/v1
  'policy.v1.PodDisruptionBudget': { ...OBJECT, 2: 'spec:PodDisruptionBudgetSpec', 3: 'status:PodDisruptionBudgetStatus' },
  'policy.v1.PodDisruptionBudgetSpec': { 1: 'minAvailable:IntOrString', 2: 'selector:LabelSelector', 3: 'maxUnavailable:IntOrString', 4: 'unhealthyPodEvictionPolicy!' },
  'policy.v1.PodDisruptionBudgetStatus': { 1: 'observedGeneration:int64', 3: 'disruptionsAllowed:int32!', 4: 'currentHealthy:int32!', 5: 'desiredHealthy:int32!', 6: 'expectedPods:int32!', 7: 'conditions[]:Condition' },

  // k8s.io/api/scheduling/v1
  'scheduling.v1.PriorityClass': { ...OBJECT, 2: 'value:int32!', 3: 'globalDefault:bool', 4: 'description', 5: 'preemptionPolicy!' },
};

/** The kinds kubectl's imperative commands create: the protobuf bodies the simulator decodes. */
export const PROTOBUF_KINDS: KindEntry[] = [
  ['', 'v1', 'Namespace', 'core.v1.Namespace'],
  ['', 'v1', 'ConfigMap', 'core.v1.ConfigMap'],
  ['', 'v1', 'Secret', 'core.v1.Secret'],
  ['', 'v1', 'Service', 'core.v1.Service'],
  ['', 'v1', 'ServiceAccount', 'core.v1.ServiceAccount'],
  ['', 'v1', 'Pod', 'core.v1.Pod'],
  ['', 'v1', 'ResourceQuota', 'core.v1.ResourceQuota'],
  ['apps', 'v1', 'Deployment', 'apps.v1.Deployment'],
  ['batch', 'v1', 'Job', 'batch.v1.Job'],
  ['batch', 'v1', 'CronJob', 'batch.v1.CronJob'],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'rbac.v1.Role'],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rbac.v1.RoleBinding'],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'rbac.v1.ClusterRole'],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'rbac.v1.ClusterRoleBinding'],
  ['networking.k8s.io', 'v1', 'Ingress', 'networking.v1.Ingress'],
  ['policy', 'v1', 'PodDisruptionBudget', 'policy.v1.PodDisruptionBudget'],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'scheduling.v1.PriorityClass'],
].map(([group, version, kind, message]) => ({ group, version, kind, message }));

export interface FieldSpec {
  json: string;
  /** Scalar, well-known type, `map<...>` or a resolved message key. */
  type: string;
  repeated: boolean;
  keepZero: boolean;
  inline: boolean;
}

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'Quantity', 'IntOrString', 'Time']);

function resolveType(owner: string, type: string): string {
  if (SCALARS.has(type) || type.startsWith('map<')) return type;
  const pkg = owner.split('.').slice(0, 2).join('.');
  for (const key of [`${pkg}.${type}`, `core.v1.${type}`, `meta.v1.${type}`]) if (MESSAGES[key]) return key;
  throw new Error(`proto-schema: ${owner} refers to unknown message ${type}`);
}

function parseField(owner: string, spec: string): FieldSpec {
  const m = /^(\^|[A-Za-z]+)(\[\])?(?::([^!]+))?(!)?$/.exec(spec);
  if (!m) throw new Error(`proto-schema: bad field spec ${owner} ${spec}`);
  return { json: m[1], type: resolveType(owner, m[3] ?? 'string'), repeated: !!m[2], keepZero: !!m[4], inline: m[1] === '^' };
}

const parsed = new Map<string, Map<number, FieldSpec>>();
for (const [key, table] of Object.entries(MESSAGES)) {
  parsed.set(key, new Map(Object.entries(table).map(([n, s]) => [Number(n), parseField(key, s)])));
}

/** The fields of a message by number (throws for an unknown message key). */
export function messageFields(key: string): Map<number, FieldSpec> {
  const f = parsed.get(key);
  if (!f) throw new Error(`proto-schema: unknown message ${key}`);
  return f;
}

export function kindEntry(apiVersion: string, kind: string): KindEntry | undefined {
  return PROTOBUF_KINDS.find((k) => (k.group ? `${k.group}/${k.version}` : k.version) === apiVersion && k.kind === kind);
}
