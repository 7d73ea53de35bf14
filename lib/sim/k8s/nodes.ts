/** Demo Nodes shaped like a kind cluster's (`demo-control-plane`, `demo-worker`, `demo-worker2`). */
import type { KubeObject, Dict } from './types';

export function demoNodeName(i: number): string {
  if (i === 0) return 'demo-control-plane';
  return i === 1 ? 'demo-worker' : `demo-worker${i}`;
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

/** A Ready node status with realistic capacity (4 CPU, ~16 GiB, 110 pods). */
export function readyNodeStatus(name: string, ip: string, now = new Date()): Dict {
  const ts = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const cond = (type: string, status: string, reason: string, message: string): Dict => ({
    type,
    status,
    lastHeartbeatTime: ts,
    lastTransitionTime: ts,
    reason,
    message,
  });
  return {
    capacity: { cpu: '4', memory: '16365192Ki', pods: '110', 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0' },
    allocatable: { cpu: '4', memory: '16262792Ki', pods: '110', 'ephemeral-storage': '94580335255', 'hugepages-2Mi': '0' },
    conditions: [
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: ip },
      { type: 'Hostname', address: name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '9f1c2b3a4d5e6f708192a3b4c5d6e7f8',
      systemUUID: '9f1c2b3a-4d5e-6f70-8192-a3b4c5d6e7f8',
      bootID: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      kernelVersion: '6.1.0-28-amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.24',
      kubeletVersion: 'v1.32.4',
      kubeProxyVersion: 'v1.32.4',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: [],
  };
}

export function demoNode(i: number, total: number): KubeObject {
  const name = demoNodeName(i);
  const ip = `172.18.0.${i + 2}`;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
    'topology.kubernetes.io/region': 'demo-region-1',
    'node.kubernetes.io/instance-type': 'm5.xlarge',
  };
  const spec: Dict = { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`], providerID: `kind://docker/demo/${name}` };
  if (i === 0) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    // A single-node cluster schedules workloads on its control plane, as kind does.
    if (total > 1) spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: readyNodeStatus(name, ip),
  };
}
