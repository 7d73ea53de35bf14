import type { KubeObject } from '@/lib/sim/k8s';

/** Pods shaped like a real Deployment's (labels, owner, two containers, probes, env, status), already Running. */
export function syntheticPods(n: number, nodes: string[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    const ns = `team-${i % 20}`;
    const app = `app-${i % 250}`;
    const node = nodes[i % nodes.length];
    const started = new Date(Date.UTC(2026, 10, 1, 0, 0, i % 3600)).toISOString();
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-7d9f8c6b5d-${i.toString(36).padStart(5, '0')}`,
        namespace: ns,
        labels: { 'app.kubernetes.io/name': app, 'pod-template-hash': '7d9f8c6b5d', tier: i % 2 ? 'web' : 'api' },
        annotations: { 'kubectl.kubernetes.io/restartedAt': started },
      },
      spec: {
        nodeName: node,
        serviceAccountName: 'default',
        containers: [
          {
            name: 'app', image: `registry.example.com/${app}:1.${i % 7}.0`, ports: [{ containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
            volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
          },
          { name: 'sidecar', image: 'envoyproxy/envoy:v1.31.0', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
        ],
        volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
      },
      status: {
        phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: '172.18.0.2', startTime: started,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: started }, { type: 'PodScheduled', status: 'True', lastTransitionTime: started }],
        containerStatuses: ['app', 'sidecar'].map((name) => ({ name, ready: true, restartCount: 0, started: true, image: name, imageID: '', state: { running: { startedAt: started } } })),
      },
    } as KubeObject);
  }
  return out;
}
