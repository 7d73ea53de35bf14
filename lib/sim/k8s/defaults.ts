/**
 * Admission as the API server applies it on create/update: defaulted fields (so that stored
 * objects look like a real cluster's), name validation and IP/port allocation.
 */
import { randomBytes } from 'node:crypto';
import { readyNodeStatus } from './nodes';
import type { ResourceDef } from './resources';
import { ApiError, isRecord, type Dict, type KubeObject } from './types';

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';

/** Random suffix as apimachinery's `utilrand.String` (consonants and digits, no vowels). */
export function randSuffix(n = 5): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

export class Allocators {
  private nextClusterIp = 16;
  private nextNodePort = 30000;
  /** Cluster-wide pool above the per-node /24s (10.244.<node>.0/24) of the demo nodes. */
  private nextPodIp = 128 * 256 + 2;
  private nextNodeIp = 100;

  clusterIp(): string {
    const n = this.nextClusterIp++;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  }
  nodePort(): number {
    return this.nextNodePort++;
  }
  nodeIp(): string {
    return `172.18.${this.nextNodeIp >> 8}.${this.nextNodeIp++ & 255}`;
  }
  /** Pod IPs from 10.244.0.0/16, like kind's default pod subnet. */
  podIp(): string {
    const n = this.nextPodIp++;
    return `10.244.${(n >> 8) & 255}.${n & 255}`;
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function validateName(def: ResourceDef, obj: KubeObject): void {
  const kindName = def.group ? `${def.kind}.${def.group}` : def.kind;
  const name = obj.metadata.name;
  if (!name) {
    throw new ApiError(422, 'Invalid', `${kindName} "" is invalid: metadata.name: Required value: name or generateName is required`, {
      kind: def.name,
      group: def.group,
      causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
    });
  }
  if (def.kind !== 'Event' && (name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
    const msg = `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
    throw new ApiError(422, 'Invalid', `${kindName} "${name}" is invalid: metadata.name: ${msg}`, {
      name,
      kind: def.name,
      group: def.group,
      causes: [{ reason: 'FieldValueInvalid', message: msg, field: 'metadata.name' }],
    });
  }
}

function arr(v: unknown): Dict[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** Pod spec defaults (SetDefaults_PodSpec / SetDefaults_Container). */
export function defaultPodSpec(spec: unknown): void {
  if (!isRecord(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  if (spec.serviceAccountName || spec.serviceAccount) {
    spec.serviceAccountName ??= spec.serviceAccount;
    spec.serviceAccount ??= spec.serviceAccountName;
  }
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    for (const p of arr(c.ports)) p.protocol ??= 'TCP';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    if (typeof c.image === 'string' && !c.imagePullPolicy) {
      c.imagePullPolicy = /:latest$/.test(c.image) || !/:[^/]+$/.test(c.image) ? 'Always' : 'IfNotPresent';
    }
  }
}

function defaultTemplate(spec: Dict): void {
  if (isRecord(spec.template)) {
    spec.template.metadata ??= {};
    // Go clients send `creationTimestamp: null` in templates; it decodes to nothing.
    if (isRecord(spec.template.metadata) && spec.template.metadata.creationTimestamp === null) delete spec.template.metadata.creationTimestamp;
    defaultPodSpec(spec.template.spec);
  }
}

export interface AdmissionContext {
  alloc: Allocators;
}

/** Fills defaulted fields in place. `old` is the stored object on update. */
export function applyDefaults(def: ResourceDef, obj: KubeObject, ctx: AdmissionContext, old?: KubeObject): void {
  const spec: Dict = isRecord(obj.spec) ? obj.spec : {};
  switch (def.kind) {
    case 'Namespace':
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      obj.spec = { finalizers: ['kubernetes'], ...spec };
      obj.status = { phase: 'Active', ...(isRecord(obj.status) ? obj.status : {}) };
      break;
    case 'Pod':
      obj.spec = spec;
      defaultPodSpec(spec);
      if (!isRecord(obj.status) || !obj.status.phase) obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Deployment':
      obj.spec = spec;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      defaultTemplate(spec);
      break;
    case 'ReplicaSet':
      obj.spec = spec;
      spec.replicas ??= 1;
      defaultTemplate(spec);
      break;
    case 'StatefulSet':
      obj.spec = spec;
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultTemplate(spec);
      break;
    case 'DaemonSet':
      obj.spec = spec;
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
      defaultTemplate(spec);
      break;
    case 'Job':
    case 'CronJob':
      obj.spec = spec;
      if (isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec)) defaultTemplate(spec.jobTemplate.spec);
      defaultTemplate(spec);
      break;
    case 'Service': {
      obj.spec = spec;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        const oldIp = old?.spec?.clusterIP;
        if (!spec.clusterIP) spec.clusterIP = typeof oldIp === 'string' ? oldIp : ctx.alloc.clusterIp();
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      const oldPorts = arr(old?.spec?.ports);
      for (const p of arr(spec.ports)) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
        if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !p.nodePort) {
          p.nodePort = oldPorts.find((o) => o.port === p.port)?.nodePort ?? ctx.alloc.nodePort();
        }
      }
      if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') spec.externalTrafficPolicy ??= 'Cluster';
      obj.status ??= { loadBalancer: {} };
      break;
    }
    case 'Node':
      if (!isRecord(obj.status) || !Array.isArray(obj.status.conditions)) {
        obj.status = { ...readyNodeStatus(obj.metadata.name, ctx.alloc.nodeIp()), ...(isRecord(obj.status) ? obj.status : {}) };
      }
      break;
    case 'Secret':
      obj.type ??= 'Opaque';
      // `stringData` is write-only: merged into `data` as base64, never stored or returned.
      if (isRecord(obj.stringData)) {
        const data: Dict = isRecord(obj.data) ? { ...obj.data } : {};
        for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v)).toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
      break;
    case 'PersistentVolumeClaim':
      obj.spec = spec;
      spec.volumeMode ??= 'Filesystem';
      if (!isRecord(obj.status) || !obj.status.phase) obj.status = { phase: 'Pending' };
      break;
    case 'PersistentVolume':
      obj.spec = spec;
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      if (!isRecord(obj.status) || !obj.status.phase) obj.status = { phase: 'Available' };
      break;
  }
}
