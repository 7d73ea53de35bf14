// What the soak's two threads share: the world's answers and the faults it knows (bench/soak-world.ts).

export interface WorldInfo { kubeconfig: string; context: string; ecsUrl: string; region: string }
export interface Truth {
  kube: { pods: { ns: string; name: string; ready: boolean }[]; workloads: { ns: string; kind: string; name: string; replicas: number }[]; configmaps: { ns: string; name: string }[]; nodes: string[] };
  ecs: { services: { cluster: string; name: string; desired: number }[]; runningTasks: { cluster: string; id: string }[] };
}

/** Faults injected in turn, one per period, each held for a while and then cleared. */
export const FAULTS: { name: string; what: string }[] = [
  { name: 'k8s-watch-410', what: 'every watch of pods answers 410 Expired (open ones are ended)' },
  { name: 'ecs-throttle', what: 'DescribeServices throttled' },
  { name: 'k8s-malformed', what: 'three garbled pod watch events' },
  { name: 'ecs-hang', what: 'DescribeContainerInstances never answered (once)' },
  { name: 'k8s-stall-watch', what: 'the deployments watch is ended; the next one sends headers, then nothing' },
  { name: 'ecs-500', what: 'DescribeTasks answers 500' },
  { name: 'k8s-429', what: '429 Retry-After: 5 on every list and watch (open watches are ended)' },
  { name: 'ecs-deny', what: 'ListServices AccessDenied' },
  { name: 'k8s-hang-list', what: 'the next pods list is never answered, and a garbled event forces it' },
  { name: 'k8s-500', what: '500 on every watch connect (open watches are ended)' },
];
