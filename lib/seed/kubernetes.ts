// Seeds a Kubernetes cluster (kind, minikube, the embedded simulator...) from a directory of
// multi-document YAML manifests, through the real API: read, then create on 404, else replace
// with the live resourceVersion only when the live object does not already say what the file says.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import {
  ApiException,
  CoreV1Api,
  KubernetesObjectApi,
  type KubeConfig,
  type KubernetesObject,
  type V1Node,
} from '@kubernetes/client-node';
import { describeError, isSubset, overlay } from './util';

export interface SeedKubernetesOptions {
  kubeConfig: KubeConfig;
  /** Directory holding `*.yaml` / `*.yml` manifests (e.g. `scenarios/demo/kubernetes`). */
  dir: string;
  /** Also create the scenario's Nodes: only for the simulator; a real cluster's kubelets own Nodes. */
  includeNodes?: boolean;
  log?: (line: string) => void;
}

export interface SeedKubernetesResult {
  created: number;
  updated: number;
  unchanged: number;
}

const FIELD_MANAGER = 'parallax-seed';

/** Apply order: what others reference comes first. Unknown kinds go between workloads and routing. */
const ORDER: Record<string, number> = {
  Namespace: 0,
  Node: 1,
  StorageClass: 2,
  ServiceAccount: 3,
  ConfigMap: 4,
  Secret: 4,
  PersistentVolume: 5,
  PersistentVolumeClaim: 6,
  Service: 7,
  Deployment: 8,
  StatefulSet: 8,
  DaemonSet: 8,
  Job: 8,
  CronJob: 8,
  HorizontalPodAutoscaler: 10,
  Ingress: 11,
};
const rank = (o: KubernetesObject): number => ORDER[o.kind ?? ''] ?? 9;

/** Reads every manifest in `dir` (file name order), dropping empty documents; validates the basics. */
export async function loadManifests(dir: string): Promise<KubernetesObject[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  const out: KubernetesObject[] = [];
  for (const file of files) {
    const docs = yaml.loadAll(await readFile(path.join(dir, file), 'utf8'));
    docs.forEach((doc, i) => {
      if (doc === null || doc === undefined) return;
      const o = doc as KubernetesObject;
      if (typeof o !== 'object' || !o.apiVersion || !o.kind || !o.metadata?.name) {
        throw new Error(`${file} document ${i + 1}: needs apiVersion, kind and metadata.name`);
      }
      out.push(o);
    });
  }
  return out;
}

/** Manifests in apply order (stable within a rank, so file order is kept). */
export function applyOrder(objects: KubernetesObject[]): KubernetesObject[] {
  return objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map((x) => x.o);
}

const label = (o: KubernetesObject): string =>
  `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

const isNotFound = (e: unknown): boolean => e instanceof ApiException && e.code === 404;

/** What the server echoes back and a seed must not compare: status is the controllers' business. */
function intent(o: KubernetesObject): Record<string, unknown> {
  const { status: _status, ...rest } = o as KubernetesObject & { status?: unknown };
  return rest;
}

export async function seedKubernetes(opts: SeedKubernetesOptions): Promise<SeedKubernetesResult> {
  const log = opts.log ?? (() => {});
  const client = KubernetesObjectApi.makeApiClient(opts.kubeConfig);
  const core = opts.kubeConfig.makeApiClient(CoreV1Api);
  const all = applyOrder(await loadManifests(opts.dir));
  const objects = all.filter((o) => opts.includeNodes || o.kind !== 'Node');
  const skippedNodes = all.length - objects.length;
  if (skippedNodes > 0) log(`kubernetes: skipping ${skippedNodes} Node(s) (pass includeNodes for a simulator)`);

  const result: SeedKubernetesResult = { created: 0, updated: 0, unchanged: 0 };
  for (const desired of objects) {
    // Controllers update what they own (status, annotations) between our read and our replace,
    // which the API answers with 409 Conflict: read again and redo, as kubectl apply does.
    const outcome = await retryOnConflict(() => applyOne(client, core, desired, log));
    result[outcome]++;
  }
  log(`kubernetes: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
  return result;
}

const isConflict = (e: unknown): boolean => e instanceof ApiException && e.code === 409;

/** Runs `fn` again while the API answers 409 Conflict (a stale resourceVersion), a few times at most. */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const conflict = isConflict(e) || isConflict((e as { cause?: unknown }).cause);
      if (!conflict || i >= attempts) throw e;
    }
  }
}

async function applyOne(
  client: KubernetesObjectApi, core: CoreV1Api, desired: KubernetesObject, log: (l: string) => void,
): Promise<keyof SeedKubernetesResult> {
  const name = label(desired);
  let live: KubernetesObject | undefined;
  try {
    live = await client.read({
      apiVersion: desired.apiVersion!,
      kind: desired.kind!,
      metadata: { name: desired.metadata!.name!, namespace: desired.metadata!.namespace },
    });
  } catch (e) {
    if (!isNotFound(e)) throw new Error(`kubernetes: reading ${name} failed: ${describeError(e)}`, { cause: e });
  }

  if (!live) {
    try {
      const created = await client.create(desired, undefined, undefined, FIELD_MANAGER);
      log(`kubernetes: created ${name}`);
      if (desired.kind === 'Node') await ensureNodeStatus(core, desired as V1Node, created as V1Node, log);
      return 'created';
    } catch (e) {
      throw new Error(`kubernetes: creating ${name} failed: ${describeError(e)}`, { cause: e });
    }
  }

  // A Node that exists belongs to its kubelet (or to an earlier seed): never rewrite it.
  if (desired.kind === 'Node' || isSubset(intent(desired), live)) {
    log(`kubernetes: unchanged ${name}`);
    return 'unchanged';
  }
  const body = overlay(live, intent(desired)) as KubernetesObject;
  body.metadata = { ...body.metadata, resourceVersion: live.metadata?.resourceVersion };
  try {
    await client.replace(body, undefined, undefined, FIELD_MANAGER);
  } catch (e) {
    throw new Error(`kubernetes: replacing ${name} failed: ${describeError(e)}`, { cause: e });
  }
  log(`kubernetes: updated ${name}`);
  return 'updated';
}

/**
 * Node status is a subresource: an API server may drop `status` on create (kube-apiserver keeps it
 * for Nodes, other servers may not). Write it through `/status` when capacity did not survive.
 */
async function ensureNodeStatus(core: CoreV1Api, desired: V1Node, created: V1Node, log: (l: string) => void) {
  if (!desired.status?.capacity || created.status?.capacity) return;
  try {
    await core.replaceNodeStatus({
      name: desired.metadata!.name!,
      body: { ...created, status: desired.status },
      fieldManager: FIELD_MANAGER,
    });
    log(`kubernetes: wrote status of Node/${desired.metadata!.name}`);
  } catch (e) {
    log(`kubernetes: could not write status of Node/${desired.metadata!.name}: ${describeError(e)}`);
  }
}
