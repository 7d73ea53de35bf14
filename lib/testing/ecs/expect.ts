// Assertions shared by the contract tests (moto and the simulator): what the seeded scenario
// must look like once normalized, whichever implementation answered.
import { expect } from 'vitest';
import { ObjectSchema, type ModelObject, type Workload } from '@/lib/model';
import type { RequestRecord } from '@/lib/sim/ecs';
import { awsWrites } from '@/lib/testing/read-only';
import { isParallaxAgent } from '@/lib/util/user-agent';

type Of<K extends ModelObject['kind']> = Extract<ModelObject, { kind: K }>;
export const ofKind = <K extends ModelObject['kind']>(objects: ModelObject[], kind: K): Of<K>[] =>
  objects.filter((o): o is Of<K> => o.kind === kind);

/** Differences of moto's to allow: it drops a service's placementStrategy and placementConstraints. */
export interface ScenarioGaps { servicePlacement?: boolean }

export function expectScenario(objects: ModelObject[], sourceId: string, gaps: ScenarioGaps = {}): void {
  for (const o of objects) ObjectSchema.parse(o);
  const id = (kind: string, name: string) => `${sourceId}/shop/${kind}/${encodeURIComponent(name)}`;
  expect(ofKind(objects, 'cluster').map((c) => c.name)).toEqual(['shop']);
  expect(ofKind(objects, 'group').map((g) => g.id)).toEqual([id('group', 'shop')]);

  const workloads = new Map(ofKind(objects, 'workload').map((w) => [w.name, w]));
  expect([...workloads.keys()].sort()).toEqual(['agent', 'api', 'web']);
  const web = workloads.get('web') as Workload;
  expect(web).toMatchObject({ scheduling: 'replica', desired: 2, launchType: 'EC2', labels: { 'app.kubernetes.io/name': 'web' } });
  expect(workloads.get('agent')!.scheduling).toBe('daemon');
  expect(workloads.get('api')!.launchType).toBe('FARGATE');
  expect(web.template.ref).toBe('web:1');
  expect(web.template.identity).toMatch(/role\/web-task$/);
  const c = web.template.containers[0];
  expect(c.image.canonical).toBe('docker.io/library/nginx:1.27');
  expect(c.requests).toEqual({ cpuMillis: 250, memoryBytes: 256 * 2 ** 20 });
  expect(c.limits).toEqual({ memoryBytes: 512 * 2 ** 20 });
  expect(c.env.map((e) => [e.name, e.from])).toEqual([['API_KEY', 'secret'], ['DB_PASSWORD', 'secret'], ['FEATURE_X', 'value'], ['LOG_LEVEL', 'value']]);
  // `CMD-SHELL curl -f http://localhost/ || exit 1` is plainly an HTTP check on port 80 (normalizeHealthCheck).
  expect(c.health[0]).toMatchObject({ role: 'container', type: 'http', scheme: 'HTTP', port: 80, path: '/', intervalSeconds: 10, timeoutSeconds: 3, failureThreshold: 2 });
  if (!gaps.servicePlacement) {
    expect(web.placement.terms).toEqual([
      { type: 'spread', over: 'zone', required: false, field: 'placementStrategy' },
      { type: 'distinct', over: 'host', required: true, field: 'placementConstraints' },
    ]);
  }
  const api = workloads.get('api')!;
  expect(api.template).toMatchObject({ reserved: { cpuMillis: 500, memoryBytes: 2 ** 30 }, networkMode: 'awsvpc' });
  expect(api.template.containers[0]).toMatchObject({ command: ['/app/api'], args: ['--port', '8080'] });
  expect(api.template.volumes).toEqual([{ name: 'shared', persistence: 'persistent', source: 'efs', target: 'fs-0123456789abcdef0', detail: { rootDirectory: '/api', transitEncryption: 'ENABLED' } }]);

  for (const r of ofKind(objects, 'revision')) expect(r).toMatchObject({ state: 'current', status: 'PRIMARY' });
  expect(ofKind(objects, 'revision').map((r) => r.templateRef).sort()).toEqual(['agent:1', 'api:1', 'web:1']);

  const nodes = ofKind(objects, 'node');
  expect(nodes).toHaveLength(2);
  for (const n of nodes) {
    expect(n.instanceId).toMatch(/^i-/);
    expect(n.name).toBe(n.instanceId);
    expect(n).toMatchObject({ ready: true, status: 'ACTIVE', instanceType: 't3.medium' });
    expect(n.zone).toMatch(/^us-east-1[a-f]$/);
    expect(n.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(n.capacity.cpuMillis).toBeGreaterThan(0);
  }

  const instances = ofKind(objects, 'instance');
  const byWorkload = (name: string) => instances.filter((i) => i.workload === id('service', name));
  expect(byWorkload('web')).toHaveLength(2);
  expect(byWorkload('api')).toHaveLength(1);
  expect(byWorkload('agent')).toHaveLength(2);
  const revisionIds = new Set(ofKind(objects, 'revision').map((r) => r.id));
  const nodeIds = new Set(nodes.map((n) => n.id));
  for (const i of instances) {
    expect(revisionIds.has(i.revision!)).toBe(true);
    if (i.launchType === 'FARGATE') expect(i.node).toBeUndefined();
    else expect(nodeIds.has(i.node!)).toBe(true);
  }
  expect(byWorkload('api')[0].ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(byWorkload('api')[0].hostIp).toBeUndefined();
  // web is bridge, agent host network mode: ECS gives them no address of their own; they are
  // reached at their container instance's private IP (the node's ip), as hostNetwork pods are.
  const nodeIp = new Map(nodes.map((n) => [n.id, n.ip]));
  for (const i of [...byWorkload('web'), ...byWorkload('agent')]) {
    expect(i.hostIp).toBe(nodeIp.get(i.node!));
    expect(i.ip).toBe(i.hostIp);
  }
  expect(new Set(byWorkload('web').map((i) => i.ip)).size).toBe(2);

  const [lb] = ofKind(objects, 'endpoint');
  expect(lb).toMatchObject({ endpointKind: 'loadBalancer', name: 'web/web-tg', type: 'application', container: 'web', workloads: [id('service', 'web')] });
  expect(lb.addresses[0]).toMatch(/^shop-web-.*\.elb\.amazonaws\.com$/);

  expect(ofKind(objects, 'config').map((x) => [x.name, x.data]).sort()).toEqual([['api:1/api', { PORT: '8080' }], ['web:1/web', { LOG_LEVEL: 'info', FEATURE_X: 'on' }]]);
  const secrets = ofKind(objects, 'secret');
  expect(secrets.map((s) => [s.name, s.secretKind, s.keys.map((k) => k.key)]).sort()).toEqual([
    ['/shop/db-password', 'ssm', ['DB_PASSWORD']], ['shop/api-key-AbC123', 'secretsManager', ['API_KEY']],
  ]);
  expect(secrets.find((s) => s.secretKind === 'secretsManager')!.usedBy).toEqual([id('service', 'api'), id('service', 'web')]);
  expect(ofKind(objects, 'volume').map((v) => [v.name, v.volumeKind, v.backing]).sort()).toEqual([
    ['api:1/shared', 'network', 'efs'], ['web:1/cache', 'ephemeral', 'bind'], ['web:1/logs', 'host', 'bind'],
  ]);
  const [as] = ofKind(objects, 'autoscaler');
  expect(as).toMatchObject({ target: id('service', 'web'), min: 2, max: 6, metrics: [{ name: 'cpu', targetType: 'utilization', target: 60 }] });
}

/** Only reads: every operation the adapter sent is a Describe* or List*. */
/** The calls of an adapter's polls (a slice of the simulator's log): all Parallax's, all reads. */
export function expectReadOnly(requests: RequestRecord[]): void {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((r) => !isParallaxAgent(r.userAgent)).map((r) => r.userAgent)).toEqual([]);
  expect(awsWrites(requests)).toEqual([]);
}
