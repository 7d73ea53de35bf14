import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyOrder, loadManifests } from './kubernetes';
import { loadEcsScenario } from './ecs-scenario';
import { differenceKey, documentedDrift } from './scenario-drift';

const NAME_LABEL = 'app.kubernetes.io/name';
import { fill, isSubset, overlay } from './util';
import { DEMO_SECRET_VALUE } from './index';

const DEMO = path.resolve(__dirname, '../../scenarios/demo');
const K8S = path.join(DEMO, 'kubernetes');
const ECS = path.join(DEMO, 'ecs');

type Obj = Record<string, any>;
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const find = (objs: KubernetesObject[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata?.name === name) as Obj;

describe('demo scenario: Kubernetes manifests', () => {
  it('parses into the expected objects, with current group versions', async () => {
    const objs = await loadManifests(K8S);
    const names = objs.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata?.name}`).sort();
    expect(names).toEqual([
      'apps/v1 Deployment api',
      'apps/v1 Deployment web',
      'apps/v1 Deployment worker',
      'apps/v1 StatefulSet db',
      'autoscaling/v2 HorizontalPodAutoscaler web',
      'networking.k8s.io/v1 Ingress shop',
      'v1 ConfigMap api-config',
      'v1 ConfigMap shop-config',
      'v1 Namespace shop',
      'v1 Node shop-node-a',
      'v1 Node shop-node-b',
      'v1 Node shop-node-c',
      'v1 PersistentVolumeClaim shop-files',
      'v1 Secret shop-db',
      'v1 Secret shop-tls',
      'v1 Service api',
      'v1 Service db',
      'v1 Service web',
    ]);
    for (const o of objs) if (o.kind !== 'Namespace' && o.kind !== 'Node') expect(o.metadata?.namespace, `${o.kind}/${o.metadata?.name}`).toBe('shop');
  });

  it('keeps Nodes in nodes.yaml alone', async () => {
    const text = await readFile(path.join(K8S, 'nodes.yaml'), 'utf8');
    const objs = await loadManifests(K8S);
    const nodes = objs.filter((o) => o.kind === 'Node');
    expect(nodes).toHaveLength(3);
    for (const n of nodes) expect(text).toContain(`name: ${n.metadata?.name}`);
    const zones = nodes.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']).sort();
    expect(zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('labels every workload (and its pods) with app.kubernetes.io/name and part-of shop', async () => {
    const objs = await loadManifests(K8S);
    const workloads = objs.filter((o) => WORKLOAD_KINDS.includes(o.kind ?? '')) as Obj[];
    expect(workloads.map((w) => w.metadata.labels[NAME_LABEL]).sort()).toEqual(['api', 'db', 'web', 'worker']);
    for (const w of workloads) {
      expect(w.metadata.labels['app.kubernetes.io/part-of']).toBe('shop');
      expect(w.spec.template.metadata.labels[NAME_LABEL]).toBe(w.metadata.labels[NAME_LABEL]);
      expect(w.spec.selector.matchLabels[NAME_LABEL]).toBe(w.metadata.labels[NAME_LABEL]);
    }
    for (const o of objs) if (o.kind !== 'Node') expect(o.metadata?.labels?.['app.kubernetes.io/part-of'], `${o.kind}/${o.metadata?.name}`).toBe('shop');
  });

  it('has the shapes the brief asks for', async () => {
    const objs = await loadManifests(K8S);
    const web = find(objs, 'Deployment', 'web').spec.template.spec.containers[0];
    expect(web.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(web.resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(web.env.map((e: Obj) => e.name)).toEqual(['LOG_LEVEL', 'FLAGS', 'DB_PASSWORD']);
    const api = find(objs, 'Deployment', 'api').spec.template.spec;
    expect(api.initContainers[0].name).toBe('migrate');
    expect(api.containers[0].envFrom[0].configMapRef.name).toBe('api-config');
    expect(api.containers[0].livenessProbe).toBeDefined();
    const db = find(objs, 'StatefulSet', 'db').spec;
    expect(db.template.spec.containers[0].image).toBe('postgres:16.4');
    expect(db.volumeClaimTemplates[0].spec).toMatchObject({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } });
    expect(find(objs, 'Service', 'db').spec.clusterIP).toBe('None');
    expect(find(objs, 'Service', 'web').spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
    const ing = find(objs, 'Ingress', 'shop').spec;
    expect(ing.tls[0].secretName).toBe('shop-tls');
    expect(ing.rules[0].http.paths.map((p: Obj) => `${p.path}->${p.backend.service.name}:${p.backend.service.port.number}`)).toEqual(['/->web:80', '/api->api:80']);
    const hpa = find(objs, 'HorizontalPodAutoscaler', 'web').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([2, 6, 70]);
    expect(find(objs, 'Secret', 'shop-tls').type).toBe('kubernetes.io/tls');
  });

  it('holds the known fake secret value, base64-encoded, in Secret shop-db', async () => {
    const objs = await loadManifests(K8S);
    const secret = find(objs, 'Secret', 'shop-db');
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(DEMO_SECRET_VALUE);
    // Nowhere else: ConfigMaps and workloads only reference it.
    for (const o of objs) if (o !== secret) expect(JSON.stringify(o)).not.toContain(DEMO_SECRET_VALUE);
  });

  it('applies namespaces first, then config and secrets, then the rest', async () => {
    const kinds = applyOrder(await loadManifests(K8S)).map((o) => o.kind);
    expect(kinds[0]).toBe('Namespace');
    const last = (k: string) => kinds.lastIndexOf(k);
    const first = (k: string) => kinds.indexOf(k);
    expect(Math.max(last('ConfigMap'), last('Secret'))).toBeLessThan(Math.min(first('Deployment'), first('StatefulSet'), first('Service')));
    expect(last('Deployment')).toBeLessThan(first('HorizontalPodAutoscaler'));
  });
});

describe('demo scenario: ECS API inputs', () => {
  it('defines one EC2 cluster with two container instances and four services', async () => {
    const s = await loadEcsScenario(ECS);
    expect(s.clusters.map((c) => c.clusterName)).toEqual(['shop']);
    expect(s.containerInstances.map((c) => c.runInstances.Placement?.AvailabilityZone)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(s.services.map((v) => v.serviceName)).toEqual(['web', 'api', 'worker', 'db']);
    expect(s.taskDefinitions.map((t) => t.family).sort()).toEqual(['shop-api', 'shop-db', 'shop-web', 'shop-worker']);
  });

  it('pairs every ECS service with a Kubernetes workload by the app.kubernetes.io/name tag', async () => {
    const s = await loadEcsScenario(ECS);
    const objs = await loadManifests(K8S);
    const k8sNames = new Set(objs.filter((o) => WORKLOAD_KINDS.includes(o.kind ?? '')).map((o) => o.metadata?.labels?.[NAME_LABEL]));
    const ecsNames = s.services.map((v) => v.tags?.find((t) => t.key === NAME_LABEL)?.value);
    expect(new Set(ecsNames)).toEqual(k8sNames);
    for (const td of s.taskDefinitions) expect(td.tags?.find((t) => t.key === NAME_LABEL)).toBeDefined();
  });

  it('references only what it defines, and only known placeholders', async () => {
    const s = await loadEcsScenario(ECS);
    for (const v of s.services) {
      const td = s.taskDefinitions.find((t) => t.family === v.taskDefinition);
      expect(td, v.serviceName).toBeDefined();
      for (const lb of v.loadBalancers ?? []) expect(td!.containerDefinitions!.map((c) => c.name)).toContain(lb.containerName);
      if (td!.networkMode === 'awsvpc') expect(v.networkConfiguration?.awsvpcConfiguration).toBeDefined();
    }
    const names = new Set<string>();
    fill(s, (n) => names.add(n));
    const known = /^(region|accountId|vpcId|subnets|securityGroups|targetGroup:shop-web|loadBalancer:shop-web|secret:shop\/db)$/;
    for (const n of names) expect(n).toMatch(known);
    // Every referenced secret and parameter is one the scenario creates.
    const refs = s.taskDefinitions.flatMap((t) => t.containerDefinitions!.flatMap((c) => c.secrets ?? []).map((x) => x.valueFrom!));
    for (const r of refs) {
      const secret = /^\$\{secret:([^}]+)\}/.exec(r)?.[1];
      const parameter = /:parameter(\/.+)$/.exec(r)?.[1];
      if (secret) expect(s.secrets.map((x) => x.Name)).toContain(secret);
      else expect(s.parameters.map((x) => x.Name)).toContain(parameter);
    }
  });

  it('has the Fargate worker with EFS, the placement rules, the load balancer and autoscaling', async () => {
    const s = await loadEcsScenario(ECS);
    const worker = s.taskDefinitions.find((t) => t.family === 'shop-worker')!;
    expect([worker.requiresCompatibilities, worker.networkMode, worker.cpu]).toEqual([['FARGATE'], 'awsvpc', '512']);
    expect(worker.volumes?.[0].efsVolumeConfiguration).toEqual({ fileSystemId: 'fs-12ab34cd', rootDirectory: '/shop', transitEncryption: 'ENABLED' });
    const web = s.services.find((v) => v.serviceName === 'web')!;
    expect(web.placementStrategy).toEqual([{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }]);
    expect(web.loadBalancers?.[0]).toMatchObject({ containerName: 'web', containerPort: 8080 });
    expect(s.services.find((v) => v.serviceName === 'db')!.placementConstraints).toEqual([{ type: 'distinctInstance' }]);
    expect(s.scalableTargets[0]).toMatchObject({ ResourceId: 'service/shop/web', MinCapacity: 2, MaxCapacity: 6 });
    expect(s.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration?.TargetValue).toBe(70);
    const secrets = s.taskDefinitions.flatMap((t) => t.containerDefinitions!.flatMap((c) => c.secrets ?? []).map((x) => x.valueFrom!));
    expect(secrets.some((a) => a.startsWith('arn:aws:ssm:'))).toBe(true);
    expect(secrets.some((a) => a.startsWith('${secret:'))).toBe(true);
    // The fake password is in the secrets the seeder writes (Secrets Manager JSON and an SSM
    // SecureString, the same value as the Kubernetes Secret shop-db), and nowhere else.
    expect(JSON.parse(s.secrets.find((x) => x.Name === 'shop/db')!.SecretString!)).toEqual({ password: DEMO_SECRET_VALUE });
    expect(s.parameters.find((x) => x.Name === '/shop/db/password')).toMatchObject({ Type: 'SecureString', Value: DEMO_SECRET_VALUE });
    expect(JSON.stringify({ ...s, secrets: [], parameters: [] })).not.toContain(DEMO_SECRET_VALUE);
  });
});

describe('demo scenario: deliberate drift', () => {
  it('DRIFT.md documents its differences in the engine\'s terms (the engine itself is checked against it on the live demo)', async () => {
    const rows = await documentedDrift(DEMO);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) expect(['critical', 'warning', 'info'], differenceKey(r)).toContain(r.severity);
    expect(new Set(rows.map((r) => r.workload))).toEqual(new Set(['web', 'api', 'worker']));
  });
});

describe('seed helpers', () => {
  it('isSubset ignores server-added fields but not changed ones', () => {
    expect(isSubset({ a: 1, b: [{ x: 1 }] }, { a: 1, b: [{ x: 1, y: 2 }], c: 3 })).toBe(true);
    expect(isSubset({ a: 1, b: [{ x: 1 }] }, { a: 1, b: [{ x: 1 }, { x: 2 }] })).toBe(false);
    expect(isSubset({ a: '1' }, { a: 1 })).toBe(true);
    expect(isSubset({ a: 1 }, { a: 2 })).toBe(false);
  });

  it('overlay keeps server-only fields and takes arrays from the scenario', () => {
    const live = { spec: { clusterIP: '10.0.0.5', ports: [{ port: 1, nodePort: 3 }] }, metadata: { resourceVersion: '7' } };
    expect(overlay(live, { spec: { ports: [{ port: 2 }] } })).toEqual({ spec: { clusterIP: '10.0.0.5', ports: [{ port: 2 }] }, metadata: { resourceVersion: '7' } });
  });

  it('fill replaces whole-value and embedded placeholders', () => {
    const vars = (n: string) => ({ subnets: ['s-1', 's-2'], region: 'eu-west-1' })[n];
    expect(fill({ a: '${subnets}', b: 'arn:aws:ssm:${region}:x' }, vars)).toEqual({ a: ['s-1', 's-2'], b: 'arn:aws:ssm:eu-west-1:x' });
  });
});
