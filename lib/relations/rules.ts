// The shape of a relation rule: which object links to which, by which API field, what the link fills
// in the model, and whose normalized form must be worked out again when the other end changes.
// Each platform declares its rules as one table (kubernetes.ts, ecs.ts); the same application on two
// sources is same-app.ts. Pure, imports only lib/model.

/** How a link is expressed in the API. */
export type LinkBy =
  | 'owner' // metadata.ownerReferences (the controller)
  | 'naming' // a naming convention (ReplicaSet <deployment>-<hash>, claim <template>-<statefulset>-<n>)
  | 'label' // a label naming the other object (kubernetes.io/service-name, controller-revision-hash)
  | 'selector' // a label selector over the other object's (pod template) labels
  | 'config-ref' // a ConfigMap named by env, envFrom or a volume
  | 'secret-ref' // a Secret named by env, envFrom, a volume or imagePullSecrets
  | 'claim' // a PersistentVolumeClaim named by a volume
  | 'backend' // an Ingress backend naming a Service
  | 'scale-target' // an autoscaler's target (scaleTargetRef, resourceId)
  | 'involved' // an Event's involvedObject
  | 'node' // the node or container instance an instance runs on
  | 'task-definition' // a task definition ARN
  | 'service-group' // an ECS task's group `service:NAME`
  | 'started-by' // an ECS task's startedBy (the deployment id)
  | 'target-group'; // an ECS service's load balancer target group

/** One end of a relation. */
export type End = 'from' | 'to';

// Rules read objects as the API returns them; the adapters' typed SDK objects fit these loose shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiObject = any;

export interface Relation {
  /** API kinds at each end (Kubernetes kinds; ECS object types). */
  from: readonly string[];
  to: readonly string[];
  by: LinkBy;
  /** The API field(s) that carry the link, on the `from` object unless said otherwise. */
  field: string;
  /** The model field(s) the link fills. */
  fills: string;
  /**
   * Whose normalized form depends on the other end, so that an adapter keeping objects live must
   * normalize it again when the other end changes ('from': the `from` object reads the `to` object).
   * Empty when the link is fixed at normalization from one object alone.
   */
  rederive: readonly End[];
  /** Whether the `from` object links to the `to` object, both as the API returns them. */
  links(from: ApiObject, to: ApiObject): boolean;
}

/**
 * The kinds whose normalized objects depend on objects of `kind`, by the rules' `rederive`, in the
 * order of `kinds` (for a stable order of updates).
 */
export function dependentKinds(rules: readonly Relation[], kind: string, kinds: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    if (r.from.includes(kind) && r.rederive.includes('to')) r.to.forEach((k) => out.add(k));
    if (r.to.includes(kind) && r.rederive.includes('from')) r.from.forEach((k) => out.add(k));
  }
  return kinds.filter((k) => out.has(k));
}
