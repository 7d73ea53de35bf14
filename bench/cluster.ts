// The bench's Kubernetes cluster, as stored objects: N pods in Deployments of PODS_PER_DEPLOYMENT,
// each Deployment with its current ReplicaSet and one older revision scaled to 0 (as after a
// rollout), pods Running and Ready on enough worker nodes (100 per node of the 110 allowed, so a
// scale-up has room). Owners, uids, pod-template-hashes and statuses agree, so the simulator's
// controller has nothing to do after its first pass: the cluster is idle while it is measured.
import type { KubeObject } from '@/lib/sim/k8s';
import { demoNode, demoNodeName } from '@/lib/sim/k8s/nodes';
import { templateHash } from '@/lib/sim/k8s/controller/util';
import { defaultPodSpec } from '@/lib/sim/k8s/defaults';

export const PODS_PER_DEPLOYMENT = 10;
const PODS_PER_NODE = 100;
const REVISION = 'deployment.kubernetes.io/revision';

export interface ClusterShape { pods: number; deployments: number; replicaSets: number; nodes: number; namespaces: number }

export function clusterShape(pods: number): ClusterShape {
  const deployments = Math.ceil(pods / PODS_PER_DEPLOYMENT);
  // One control-plane node (tainted, as kind's) plus the workers.
  return { pods, deployments, replicaSets: deployments * 2, nodes: Math.ceil(pods / PODS_PER_NODE) + 1, namespaces: Math.max(20, Math.ceil(pods / 2500)) };
}

/** Where deployment d lives: the bench's browser part filters and scales by these names. */
export function deploymentName(d: number): string {
  return `app-${String(d).padStart(5, '0')}`;
}
export function deploymentNamespace(d: number, shape: ClusterShape): string {
  return `team-${d % shape.namespaces}`;
}
/** Deployment d's replicas as seeded (the last one takes what is left). */
export function deploymentReplicas(d: number, shape: ClusterShape): number {
  return Math.min(PODS_PER_DEPLOYMENT, shape.pods - d * PODS_PER_DEPLOYMENT);
}

const uid = (kind: string, i: number) => {
  const h = (i * 2654435761 >>> 0).toString(16).padStart(8, '0');
  return `${h}-${kind}-4000-8000-${String(i).padStart(12, '0')}`;
};

/** A pod template as stored (admission defaults applied), so that its hash is the controller's. */
function template(app: string, i: number): KubeObject['spec'] {
  const t = {
    metadata: { labels: { 'app.kubernetes.io/name': app, tier: i % 2 ? 'web' : 'api' } },
    spec: {
      serviceAccountName: 'default',
      containers: [
        {
          name: 'app', image: `registry.example.com/${app}:1.${i % 7}.0`, ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
        },
        { name: 'sidecar', image: 'envoyproxy/envoy:v1.31.0', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
      ],
    },
  };
  defaultPodSpec(t.spec);
  return t;
}

const owner = (o: KubeObject) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true });

/** Every object of the cluster, owners before their dependents. */
export function clusterObjects(pods: number): KubeObject[] {
  const shape = clusterShape(pods);
  const out: KubeObject[] = [];
  for (let n = 0; n < shape.nodes; n++) out.push(demoNode(n, shape.nodes));
  const created = '2026-11-01T00:00:00Z';
  let pod = 0;
  for (let d = 0; d < shape.deployments; d++) {
    const app = deploymentName(d);
    const ns = deploymentNamespace(d, shape);
    const replicas = deploymentReplicas(d, shape);
    const tpl = template(app, d);
    const old = template(app, d + 1);
    const deployment: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: app, namespace: ns, uid: uid('dep', d), creationTimestamp: created, generation: 2, labels: { 'app.kubernetes.io/name': app }, annotations: { [REVISION]: '2' } },
      spec: { replicas, selector: { matchLabels: { 'app.kubernetes.io/name': app } }, template: tpl },
    };
    out.push(deployment);
    const rs = (t: KubeObject['spec'], rev: number, n: number): KubeObject => {
      const hash = templateHash(t);
      return {
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: {
          name: `${app}-${hash}`, namespace: ns, uid: uid(`rs${rev}`, d), creationTimestamp: created,
          labels: { ...t.metadata.labels, 'pod-template-hash': hash },
          annotations: { [REVISION]: String(rev), 'deployment.kubernetes.io/desired-replicas': String(replicas) },
          ownerReferences: [owner(deployment)],
        },
        spec: {
          replicas: n, selector: { matchLabels: { 'app.kubernetes.io/name': app, 'pod-template-hash': hash } },
          template: { ...t, metadata: { labels: { ...t.metadata.labels, 'pod-template-hash': hash } } },
        },
      };
    };
    out.push(rs(old, 1, 0));
    const current = rs(tpl, 2, replicas);
    out.push(current);
    const hash = current.metadata.labels!['pod-template-hash'];
    for (let r = 0; r < replicas; r++, pod++) {
      const started = new Date(Date.UTC(2026, 10, 1, 0, 0, pod % 3600)).toISOString().replace(/\.\d+Z$/, 'Z');
      out.push({
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: `${app}-${hash}-${pod.toString(36).padStart(5, '0')}`, namespace: ns, uid: uid('pod', pod), creationTimestamp: started,
          labels: { ...tpl.metadata.labels, 'pod-template-hash': hash }, ownerReferences: [owner(current)],
        },
        spec: { ...structuredClone(tpl.spec), nodeName: demoNodeName(1 + (pod % (shape.nodes - 1))) },
        status: {
          phase: 'Running', podIP: `10.${(pod >> 16) & 255}.${(pod >> 8) & 255}.${pod & 255}`, hostIP: '172.18.0.3', startTime: started, qosClass: 'Burstable',
          conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: started })),
          containerStatuses: tpl.spec.containers.map((c: { name: string; image: string }) => ({
            name: c.name, ready: true, restartCount: 0, started: true, image: c.image, imageID: '', containerID: `containerd://${pod.toString(16)}${c.name}`, state: { running: { startedAt: started } },
          })),
        },
      });
    }
  }
  return out;
}
