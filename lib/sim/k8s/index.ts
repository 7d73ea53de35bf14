/**
 * Embedded Kubernetes API simulator: an HTTPS server speaking enough of the Kubernetes API
 * (discovery, CRUD, patch, scale, list paging, watch, server-side tables) that kubectl and
 * @kubernetes/client-node use it as a cluster, with a controller loop that runs workloads.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import yaml from 'js-yaml';
import type { SimContext } from './context';
import { Controller } from './controller';
import { Allocators } from './defaults';
import type { RequestRecord } from './http';
import { demoNode } from './nodes';
import { PRIMARY, resourceForKind } from './resources';
import { createApiServer } from './server';
import { Store } from './store';
import { loadTestCertificate } from './tls';
import type { KubeObject } from './types';
import { createObject } from './write';
import { FaultSwitch, type FaultRule } from './faults';
import { registerSimulator } from '../registry';
import { systemClock, type Clock } from '@/lib/util/clock';

export type { KubeObject } from './types';
export type { RequestRecord } from './http';
export type { FaultRule, KubeFault, ReadVerb } from './faults';

export interface KubeSimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Bearer token clients must send; random when absent. */
  token?: string;
  /** Time from a pod's scheduling to Running/Ready. Default 1500 ms. */
  podReadyDelayMs?: number;
  /** Controller loop period. Default 250 ms. */
  controllerIntervalMs?: number;
  /** How long a deleted pod on a node stays Terminating. Default min(podReadyDelayMs, 1000). */
  podTerminationDelayMs?: number;
  /**
   * Objects stored at start through admission defaults, creating missing namespaces; a given
   * uid and creationTimestamp are kept. Pods with a phase past Pending keep their status.
   */
  seed?: KubeObject[];
  /** Number of demo Nodes (`demo-control-plane`, `demo-worker`, ...). Default 0. */
  nodes?: number;
  /** Events kept for watch resumption and continue tokens (older ones answer 410). Default 1000. */
  historyLimit?: number;
  /** Period of BOOKMARK events on watches that allow them. Default 1000 ms. */
  bookmarkIntervalMs?: number;
  /** Entries kept in `requests` (oldest dropped). Default 100,000. */
  requestLogLimit?: number;
  /** Clock of generated pod logs (`follow` waits on it) and metrics. Default the system clock. */
  clock?: Clock;
  /** Seed of generated pod logs and metrics: the same seed and clock give the same lines and usage. Default 1. */
  telemetrySeed?: number;
  /** Serve metrics.k8s.io (`kubectl top`). false: a cluster without metrics-server (the group is absent, 404). Default true. */
  metricsApi?: boolean;
}

export interface KubeSimulator {
  url: string;
  token: string;
  /** base64 of the PEM certificate, for `certificate-authority-data`. */
  caData: string;
  kubeconfig(contextName?: string): string;
  writeKubeconfig(file: string, contextName?: string): Promise<void>;
  requests: RequestRecord[];
  faults: {
    /** 403 Forbidden on reads (get, list, watch) of this resource, until allow(). */
    forbid(resource: string): void;
    allow(resource: string): void;
    /** Injects a read fault (see faults.ts); returns a function that removes it. */
    inject(rule: FaultRule): () => void;
    /** Removes every injected fault and every forbid. */
    clear(): void;
    /**
     * Ends the open watches (of one resource, plural or storage key, or all) cleanly, as an API
     * server restart or an idle-closing load balancer would; clients reconnect into any fault now set.
     */
    endWatches(resource?: string): number;
  };
  /**
   * Stores objects directly (admission defaults, no HTTP), creating missing namespaces, as
   * `seed` does at start. Pods that already have a phase other than Pending are left to their
   * stored status by the controller.
   */
  load(objects: KubeObject[]): void;
  stop(): Promise<void>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function seedObject(ctx: SimContext, obj: KubeObject): void {
  const def = resourceForKind(obj.apiVersion, obj.kind);
  if (!def) throw new Error(`k8s simulator: cannot seed ${obj.apiVersion} ${obj.kind}: unknown resource`);
  const ns = def.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
  if (ns && !ctx.store.get('namespaces', undefined, ns)) {
    createObject(ctx, PRIMARY.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  if (def.kind === 'Namespace' && ctx.store.get('namespaces', undefined, obj.metadata.name)) return;
  createObject(ctx, def, ns, structuredClone(obj), undefined, true);
}

export async function startKubeSimulator(opts: KubeSimulatorOptions = {}): Promise<KubeSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('hex');
  const { cert, key } = loadTestCertificate();
  const requests: RequestRecord[] = [];
  let controller: Controller | undefined;
  const ctx: SimContext = {
    store: new Store(opts.historyLimit ?? 1000),
    alloc: new Allocators(),
    forbidden: new Set(),
    faults: new FaultSwitch(),
    metricsApi: opts.metricsApi ?? true,
    held: new Set(),
    clock: opts.clock ?? systemClock,
    seed: opts.telemetrySeed ?? 1,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 1000,
    watches: new Map(),
    onWrite: () => controller?.kick(),
  };

  for (const name of SYSTEM_NAMESPACES) seedObject(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  seedObject(ctx, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
  // The default class that dynamically provisioned volumes (StatefulSet claims) use, as on kind.
  seedObject(ctx, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  });
  const nodeCount = opts.nodes ?? 0;
  for (let i = 0; i < nodeCount; i++) seedObject(ctx, demoNode(i, nodeCount));
  for (const o of opts.seed ?? []) seedObject(ctx, o);

  controller = new Controller(ctx, {
    intervalMs: opts.controllerIntervalMs ?? 250,
    podReadyDelayMs: opts.podReadyDelayMs ?? 1500,
    podTerminationDelayMs: opts.podTerminationDelayMs ?? Math.min(opts.podReadyDelayMs ?? 1500, 1000),
  });

  const server = createApiServer(ctx, { cert, key, token, requests, requestLogLimit: opts.requestLogLimit ?? 100_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  controller.start();
  controller.kick();
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const caData = Buffer.from(cert).toString('base64');

  const kubeconfig = (contextName = 'parallax-sim'): string =>
    yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: contextName, cluster: { server: url, 'certificate-authority-data': caData } }],
      users: [{ name: `${contextName}-user`, user: { token } }],
      contexts: [{ name: contextName, context: { cluster: contextName, user: `${contextName}-user`, namespace: 'default' } }],
      'current-context': contextName,
      preferences: {},
    });

  registerSimulator({ platform: 'kubernetes', url, requests });
  let stopped = false;
  return {
    url,
    token,
    caData,
    kubeconfig,
    writeKubeconfig: (file, contextName) => writeFile(file, kubeconfig(contextName), { mode: 0o600 }),
    requests,
    load: (objects) => {
      for (const o of objects) seedObject(ctx, o);
    },
    faults: {
      forbid: (resource) => void ctx.forbidden.add(resource),
      allow: (resource) => void ctx.forbidden.delete(resource),
      inject: (rule) => ctx.faults.inject(rule),
      clear: () => {
        ctx.faults.clear();
        ctx.forbidden.clear();
      },
      endWatches: (resource) => {
        let n = 0;
        for (const [res, key] of ctx.watches) {
          if (resource && key !== resource && key.split('.')[0] !== resource) continue;
          res.end();
          n++;
        }
        return n;
      },
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      controller?.stop();
      for (const res of ctx.watches.keys()) res.end();
      ctx.watches.clear();
      for (const res of ctx.held) res.destroy();
      ctx.held.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
