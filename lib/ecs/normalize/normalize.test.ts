import { describe, expect, it } from 'vitest';
import { ecsSourceId, ObjectSchema, memoryToBytes, cpuToMillis } from '@/lib/model';
import * as fx from '../fixtures/shop';
import { normalizeCluster, normalizeContainerInstance } from './infra';
import { normalizeDeployments, normalizeService, normalizeServiceEndpoints, normalizeServiceEvents, serviceEventType } from './service';
import { normalizeStoppedTaskEvent, normalizeTask, taskState } from './task';
import { normalizeHealthCheck, normalizeTaskDefinitionObjects, normalizeTemplate, secretKindOf, secretStoreName } from './taskdef';
import { normalizeScalableTarget } from './autoscaling';
import { mergeTaskDefObjects, taskDefObjectsForCluster } from './usage';
import { arnName, iso, tolerant, type SkippedItem } from './common';

const ctx = { sourceId: ecsSourceId('prod', 'us-east-1'), cluster: 'shop' };
const tds = new Map(fx.taskDefinitions.map((t) => [t.taskDefinitionArn!, t]));
const lookup = (a: string | undefined) => (a ? tds.get(a) : undefined);
const WEB = 'ecs/prod/us-east-1/shop/service/web';
const parse = (o: unknown) => ObjectSchema.parse(o);

describe('cluster and container instances', () => {
  it('makes the cluster its own group', () => {
    const { cluster, group } = normalizeCluster(ctx, fx.cluster);
    parse(cluster); parse(group);
    expect(cluster.id).toBe('ecs/prod/us-east-1/shop/cluster/shop');
    expect(group.id).toBe('ecs/prod/us-east-1/shop/group/shop');
    expect(cluster.counts).toEqual({ nodes: 1, runningTasks: 4, pendingTasks: 1, services: 3 });
    expect(cluster.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(cluster.labels).toEqual({ team: 'shop' });
  });

  it('turns registered/remaining resources into capacity and requested, in canonical units', () => {
    const n = parse(normalizeContainerInstance(ctx, fx.containerInstance)) as ReturnType<typeof normalizeContainerInstance>;
    expect(n.id).toBe(`ecs/prod/us-east-1/shop/containerinstance/${fx.CI_ID}`);
    expect(n.name).toBe('i-0f7b386d63f687e7e');
    expect(n.capacity).toEqual({ cpuMillis: 2000, memoryBytes: 3904 * 2 ** 20 });
    expect(n.requested).toEqual({ cpuMillis: 2000 - 500, memoryBytes: (3904 - 1856) * 2 ** 20 });
    expect(n).toMatchObject({ ready: true, status: 'ACTIVE', zone: 'us-east-1a', instanceType: 't3.medium', agentVersion: '1.89.0', os: 'linux', unschedulable: false });
  });

  it('enriches with EC2 (old short ARN format) and marks DRAINING unschedulable', () => {
    const n = normalizeContainerInstance(ctx, fx.drainingInstance, fx.ec2Instance);
    expect(n.id).toBe('ecs/prod/us-east-1/shop/containerinstance/0b2566a697de');
    expect(n).toMatchObject({ ready: false, status: 'DRAINING', unschedulable: true, ip: '172.31.0.140', instanceType: 't2.medium', zone: 'us-east-2a' });
    expect(n.requested).toEqual({ cpuMillis: 0, memoryBytes: 0 });
  });
});

describe('services', () => {
  it('normalizes a service mid-rollout: workload from the PRIMARY deployment and its task definition', () => {
    const w = normalizeService(ctx, fx.webService, lookup);
    parse(w);
    expect(w.id).toBe(WEB);
    expect(w).toMatchObject({ workloadKind: 'Service', scheduling: 'replica', desired: 3, ready: 3, updated: 1, launchType: 'EC2' });
    expect(w.rollout).toEqual({ state: 'progressing', message: 'ECS deployment ecs-svc/9223370494121444025 in progress.' });
    expect(w.template.ref).toBe('web:7');
    expect(w.template.identity).toBe('arn:aws:iam::644160558196:role/shop-web');
    expect(w.template.networkMode).toBe('bridge');
    expect(w.labels['app.kubernetes.io/name']).toBe('web');
    expect(w.placement.terms).toEqual([
      { type: 'spread', over: 'zone', required: false, field: 'placementStrategy' },
      { type: 'binpack', over: 'memory', required: false, field: 'placementStrategy' },
      { type: 'distinct', over: 'host', required: true, field: 'placementConstraints' },
      { type: 'node', required: true, expression: 'attribute:ecs.instance-type =~ t3.*', field: 'placementConstraints' },
    ]);
  });

  it('maps container definitions: units, command/args, ports, env, secrets by reference, health, mounts', () => {
    const w = normalizeService(ctx, fx.webService, lookup);
    const [migrate, web] = w.template.containers;
    expect(migrate).toMatchObject({ name: 'migrate', role: 'init', essential: false, args: ['migrate', 'up'] });
    expect(web.image.canonical).toBe('644160558196.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.8.2');
    expect(web.command).toEqual(['/docker-entrypoint.sh']);
    expect(web.args).toEqual(['nginx', '-g', 'daemon off;']);
    // 512 CPU units = 500m; 1024 MiB hard limit = 1Gi; reservation 512 MiB is the request.
    expect(web.requests).toEqual({ cpuMillis: 500, memoryBytes: 512 * 2 ** 20 });
    expect(web.limits).toEqual({ memoryBytes: 2 ** 30 });
    expect(web.requests.cpuMillis).toBe(cpuToMillis('500m'));
    expect(web.limits.memoryBytes).toBe(memoryToBytes('1Gi'));
    expect(web.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(web.env.find((e) => e.name === 'LOG_LEVEL')).toEqual({ name: 'LOG_LEVEL', from: 'value', value: 'info' });
    expect(web.env.find((e) => e.name === 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', from: 'secret', ref: { arn: fx.SSM_ARN, name: '/shop/db-password' } });
    expect(web.env.filter((e) => e.from === 'secret').every((e) => e.value === undefined)).toBe(true);
    expect(web.envFrom).toEqual([{ from: 'file', name: 'arn:aws:s3:::shop-config/web.env' }]);
    // A curl against localhost is plainly an HTTP check (port 80 when the URL has none); the command stays for display.
    expect(web.health).toEqual([{ role: 'container', type: 'http', scheme: 'HTTP', port: 80, path: '/healthz', command: ['CMD-SHELL', 'curl -f http://localhost/healthz || exit 1'], intervalSeconds: 10, timeoutSeconds: 3, failureThreshold: 2, startPeriodSeconds: 15 }]);
    expect(web.mounts).toContainEqual({ volume: 'assets', path: '/usr/share/nginx/html', readOnly: true });
    expect(web).toMatchObject({ user: '101:101', privileged: false, readOnlyRootFilesystem: true, essential: true });
  });

  it('maps volumes: EFS persistent, host bind, no-host bind ephemeral, task-scope docker ephemeral', () => {
    const vols = normalizeTemplate(fx.webTd7).volumes;
    expect(vols).toEqual([
      { name: 'assets', persistence: 'persistent', source: 'efs', target: 'fs-0a1b2c3d', detail: { rootDirectory: '/web', transitEncryption: 'ENABLED', accessPointId: 'fsap-0123', iam: 'ENABLED' } },
      { name: 'logs', persistence: 'host', source: 'bind', target: '/var/log/shop-web', detail: {} },
      { name: 'scratch', persistence: 'ephemeral', source: 'bind', detail: {} },
      { name: 'cache', persistence: 'ephemeral', source: 'docker', detail: { scope: 'task', driver: 'local' } },
    ]);
  });

  it('reads Fargate task size, awsvpc ports without host ports, ephemeral storage and capacity providers', () => {
    const w = normalizeService(ctx, fx.apiService, lookup);
    const size = { cpuMillis: 500, memoryBytes: 2 ** 30 };
    expect(w.template).toMatchObject({ instanceResources: { requests: size, limits: size }, reserved: size, ephemeralStorageBytes: 30 * 2 ** 30, networkMode: 'awsvpc' });
    expect(w.template.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(w.launchType).toBe('FARGATE_SPOT');
    expect(w.rollout.state).toBe('complete');
  });

  it('maps a DAEMON service to daemon scheduling', () => {
    const w = normalizeService(ctx, fx.agentService, lookup);
    expect(w.scheduling).toBe('daemon');
    expect(w.template.networkMode).toBe('host');
    expect(w.template.containers[0]).toMatchObject({ privileged: true, essential: true, requests: { cpuMillis: 125, memoryBytes: 256 * 2 ** 20 } });
  });

  it('keeps a template reference when the task definition could not be read', () => {
    const w = normalizeService(ctx, fx.webService, () => undefined);
    expect(w.template).toEqual({ ref: 'web:7', containers: [], volumes: [], reserved: {} });
  });

  it('turns deployments into revisions: PRIMARY current, ACTIVE previous', () => {
    const revs = normalizeDeployments(ctx, fx.webService, lookup);
    revs.forEach(parse);
    expect(revs.map((r) => [r.name, r.state, r.status, r.templateRef, r.desired, r.ready, r.pending])).toEqual([
      [fx.PRIMARY_ID, 'current', 'PRIMARY', 'web:7', 3, 1, 1],
      [fx.ACTIVE_ID, 'previous', 'ACTIVE', 'web:6', 2, 2, 0],
    ]);
    expect(revs[0].workload).toBe(WEB);
    expect(revs[0].images).toContain('644160558196.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.8.2');
    expect(revs[0].id).toBe('ecs/prod/us-east-1/shop/deployment/ecs-svc%2F9223370494121444025');
  });

  it('makes endpoints from load balancers (with ELB facts when read) and service registries', () => {
    const info = new Map([[fx.TG_ARN, { loadBalancerDns: ['shop-web-1.us-east-1.elb.amazonaws.com'], loadBalancerType: 'application', port: 80, protocol: 'HTTP', healthy: 2, unhealthy: 1 }]]);
    const [lb] = normalizeServiceEndpoints(ctx, fx.webService, info);
    parse(lb);
    expect(lb).toMatchObject({ endpointKind: 'loadBalancer', name: 'web/web-tg', type: 'application', addresses: ['shop-web-1.us-east-1.elb.amazonaws.com'], readyTargets: 2, notReadyTargets: 1, targetGroup: fx.TG_ARN, container: 'web', workloads: [WEB] });
    expect(normalizeServiceEndpoints(ctx, fx.webService)[0]).toMatchObject({ addresses: [], readyTargets: 0 });
    const [reg] = normalizeServiceEndpoints(ctx, fx.apiService);
    expect(reg).toMatchObject({ endpointKind: 'serviceRegistry', name: 'api/srv-fs2xyntfid3use47', container: 'api', ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }] });
  });

  it('turns service events into Normal/Warning events', () => {
    const ev = normalizeServiceEvents(ctx, fx.webService);
    ev.forEach(parse);
    expect(ev.map((e) => e.type)).toEqual(['Normal', 'Warning']);
    expect(ev[0]).toMatchObject({ reason: 'ServiceEvent', workload: WEB, at: '2026-11-27T22:56:00.000Z', involved: { kind: 'Service', name: 'web' } });
    expect(serviceEventType('(service x) is unable to consistently start tasks successfully.')).toBe('Warning');
    expect(serviceEventType('(service x) has reached a steady state.')).toBe('Normal');
  });
});

describe('tasks', () => {
  const nodeName = (id: string) => (id === fx.CI_ID ? { name: 'i-0f7b386d63f687e7e' } : undefined);
  // Host facts as the adapter builds them from DescribeContainerInstances + DescribeInstances.
  const hosts = new Map([
    [fx.CI_ID, { name: fx.containerInstance.ec2InstanceId, ip: fx.ec2InstanceOfCi.PrivateIpAddress }],
    ['0b2566a697de', { name: fx.drainingInstance.ec2InstanceId, ip: fx.ec2Instance.PrivateIpAddress }],
  ]);
  const hostOf = (id: string) => hosts.get(id);
  it('links a task to its service (group) and its deployment (startedBy), and to its node', () => {
    const i = normalizeTask(ctx, fx.webTaskNew, nodeName, fx.webTd7);
    parse(i);
    expect(i).toMatchObject({
      workload: WEB, revision: `ecs/prod/us-east-1/shop/deployment/${encodeURIComponent(fx.PRIMARY_ID)}`,
      node: `ecs/prod/us-east-1/shop/containerinstance/${fx.CI_ID}`, nodeName: 'i-0f7b386d63f687e7e',
      state: 'running', phase: 'RUNNING', ready: true, health: 'healthy', zone: 'us-east-1a', requests: { cpuMillis: 500, memoryBytes: 2 ** 30 },
    });
    expect(normalizeTask(ctx, fx.webTaskOld).revision).toBe(`ecs/prod/us-east-1/shop/deployment/${encodeURIComponent(fx.ACTIVE_ID)}`);
  });

  it('falls back to the task definition for the size of tasks without a task-level size', () => {
    expect(normalizeTask(ctx, fx.webTaskOld, undefined, fx.webTd6).requests).toEqual({ cpuMillis: 500, memoryBytes: 512 * 2 ** 20 });
  });

  it('gives Fargate tasks no node and the ENI IP', () => {
    const i = normalizeTask(ctx, fx.apiTask, hostOf, fx.apiTd3);
    expect(i.node).toBeUndefined();
    expect(i).toMatchObject({ ip: '10.0.0.253', launchType: 'FARGATE', zone: 'us-east-1b' });
    expect(i.hostIp).toBeUndefined();
  });

  it('gives bridge and host network tasks their container instance\'s private IP, as ip and hostIp', () => {
    // bridge: ECS reports no task address, only networkBindings host ports on the instance.
    expect(fx.webTaskNew.attachments).toBeUndefined();
    const bridge = parse(normalizeTask(ctx, fx.webTaskNew, hostOf, fx.webTd7)) as ReturnType<typeof normalizeTask>;
    expect(bridge).toMatchObject({ ip: '172.31.10.25', hostIp: '172.31.10.25', nodeName: 'i-0f7b386d63f687e7e' });
    // host network mode, on the (old-ARN-format) draining instance.
    expect(normalizeTask(ctx, fx.standaloneTask, hostOf, fx.agentTd1)).toMatchObject({ ip: '172.31.0.140', hostIp: '172.31.0.140', nodeName: 'i-039628786cabe8c16' });
    // Task definition not read: a task on an instance without an ENI is still reached at the host.
    expect(normalizeTask(ctx, fx.webTaskOld, hostOf)).toMatchObject({ ip: '172.31.10.25', hostIp: '172.31.10.25' });
    // Instance not described in EC2 (DescribeInstances failed): no address rather than a wrong one.
    const unknown = normalizeTask(ctx, fx.webTaskNew, nodeName, fx.webTd7);
    expect(unknown.ip).toBeUndefined();
    expect(unknown.hostIp).toBeUndefined();
    // networkMode none: no address at all.
    expect(normalizeTask(ctx, fx.webTaskNew, hostOf, { ...fx.webTd7, networkMode: 'none' })).toMatchObject({ hostIp: '172.31.10.25' });
    expect(normalizeTask(ctx, fx.webTaskNew, hostOf, { ...fx.webTd7, networkMode: 'none' }).ip).toBeUndefined();
  });

  it('keeps an awsvpc task on EC2 at its ENI IP, with the instance IP as hostIp', () => {
    expect(normalizeTask(ctx, fx.workerTaskEc2Eni, hostOf, fx.workerTd2)).toMatchObject({ ip: '172.31.12.7', hostIp: '172.31.10.25', launchType: 'EC2' });
    // Without the task definition the ENI attachment tells it apart from a bridge task.
    expect(normalizeTask(ctx, fx.workerTaskEc2Eni, hostOf).ip).toBe('172.31.12.7');
    // Still PROVISIONING: the ENI has no address yet, and the task is not given the host's.
    const provisioning = { ...fx.workerTaskEc2Eni, lastStatus: 'PROVISIONING', containers: [], attachments: [{ ...fx.workerTaskEc2Eni.attachments![0], status: 'PRECREATED', details: [] }] };
    expect(normalizeTask(ctx, provisioning, hostOf).ip).toBeUndefined();
    expect(normalizeTask(ctx, provisioning, hostOf, fx.workerTd2).ip).toBeUndefined();
  });

  it('maps lastStatus to states, failed when a container exited non-zero or the task failed to start', () => {
    expect(taskState(fx.webTaskCrashed)).toBe('failed');
    expect(taskState(fx.apiTaskFailedToStart)).toBe('failed');
    expect(taskState(fx.standaloneTask)).toBe('pending');
    expect(taskState({ lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', containers: [{ exitCode: 0 }] })).toBe('stopped');
    expect(taskState({ lastStatus: 'DEACTIVATING' })).toBe('stopped');
    const crashed = normalizeTask(ctx, fx.webTaskCrashed);
    expect(crashed).toMatchObject({ state: 'failed', ready: false, reason: 'Essential container in task exited', stoppedAt: '2026-11-27T22:58:00.000Z' });
    expect(crashed.containers[0].reason).toBe('OutOfMemoryError: Container killed due to memory usage, exit 1');
  });

  it('leaves standalone tasks without a workload', () => {
    const i = normalizeTask(ctx, fx.standaloneTask);
    expect(i.workload).toBeUndefined();
    expect(i.revision).toBeUndefined();
  });

  it('turns stopped tasks into events with their stoppedReason', () => {
    const e = normalizeStoppedTaskEvent(ctx, fx.apiTaskFailedToStart)!;
    parse(e);
    expect(e).toMatchObject({ type: 'Warning', reason: 'TaskFailedToStart', message: 'ResourceInitializationError: unable to pull secrets or registry auth', workload: 'ecs/prod/us-east-1/shop/service/api' });
    expect(normalizeStoppedTaskEvent(ctx, fx.webTaskNew)).toBeUndefined();
  });
});

describe('task definition objects: configs, secrets, volumes', () => {
  it('classifies secret references and names their store', () => {
    expect(secretKindOf(fx.SSM_ARN)).toBe('ssm');
    expect(secretKindOf('shop-session-key')).toBe('ssm');
    expect(secretKindOf(`${fx.SM_ARN}:key::`)).toBe('secretsManager');
    expect(secretStoreName(`${fx.SM_ARN}:key::`)).toBe('shop/api-key-AbC123');
    expect(secretStoreName(fx.SSM_ARN)).toBe('/shop/db-password');
  });

  it('makes one config per container environment, one secret per referenced store, one volume per declared volume', () => {
    const o = normalizeTaskDefinitionObjects(ctx, fx.webTd7, [WEB]);
    [...o.configs, ...o.secrets, ...o.volumes].forEach(parse);
    expect(o.configs.map((c) => c.name)).toEqual(['web:7/web']);
    expect(o.configs[0].data).toEqual({ LOG_LEVEL: 'info', UPSTREAM: 'http://api.shop.local:8080' });
    const sm = o.secrets.find((s) => s.secretKind === 'secretsManager')!;
    expect(sm.keys).toEqual([{ key: 'API_KEY', ref: `${fx.SM_ARN}:key::` }, { key: 'API_USER', ref: `${fx.SM_ARN}:user::` }]);
    expect(o.secrets.find((s) => s.secretKind === 'ssm')!.keys).toEqual([{ key: 'DB_PASSWORD', ref: fx.SSM_ARN }]);
    const efs = o.volumes.find((v) => v.backing === 'efs')!;
    expect(efs).toMatchObject({ volumeKind: 'network', fileSystemId: 'fs-0a1b2c3d', rootDirectory: '/web', transitEncryption: true, usedBy: [WEB] });
    expect(o.volumes.map((v) => [v.name, v.volumeKind, v.backing])).toEqual([
      ['web:7/assets', 'network', 'efs'], ['web:7/logs', 'host', 'bind'], ['web:7/scratch', 'ephemeral', 'bind'], ['web:7/cache', 'ephemeral', 'docker'],
    ]);
    const api = normalizeTaskDefinitionObjects(ctx, fx.apiTd3, []);
    expect(api.volumes).toEqual([expect.objectContaining({ name: 'api:3/ephemeralStorage', volumeKind: 'ephemeral', backing: 'ephemeralStorage', capacityBytes: 30 * 2 ** 30 })]);
  });

  it('puts the keyed hashes a secretHash lookup gives on env, effectiveEnv and Secret keys, and nothing without one', () => {
    const hashes = new Map([[`${fx.SM_ARN}:key::`, 'hmac-sha256:000000000000:aa'], [fx.SSM_ARN, 'hmac-sha256:000000000000:bb']]);
    const secretHash = (v: string) => hashes.get(v);
    const web = normalizeTemplate(fx.webTd7, { secretHash }).containers.find((c) => c.name === 'web')!;
    for (const list of [web.env, web.effectiveEnv]) {
      const by = Object.fromEntries(list.map((e) => [e.name, e]));
      expect(by.API_KEY).toEqual({ name: 'API_KEY', from: 'secret', ref: { arn: `${fx.SM_ARN}:key::`, name: 'shop/api-key-AbC123' }, hash: 'hmac-sha256:000000000000:aa' });
      expect(by.DB_PASSWORD.hash).toBe('hmac-sha256:000000000000:bb');
      // A reference the lookup does not know (unreadable, or not read) has no hash.
      expect(by.API_USER).not.toHaveProperty('hash');
    }
    const o = normalizeTaskDefinitionObjects({ ...ctx, secretHash }, fx.webTd7, [WEB]);
    o.secrets.forEach(parse);
    expect(o.secrets.find((s) => s.secretKind === 'secretsManager')!.keys).toEqual([
      { key: 'API_KEY', ref: `${fx.SM_ARN}:key::`, hash: 'hmac-sha256:000000000000:aa' }, { key: 'API_USER', ref: `${fx.SM_ARN}:user::` },
    ]);
    const svc = normalizeService({ ...ctx, secretHash }, fx.webService, lookup);
    expect(svc.template.containers.find((c) => c.name === 'web')!.env.find((e) => e.name === 'DB_PASSWORD')!.hash).toBe('hmac-sha256:000000000000:bb');
    expect(JSON.stringify(normalizeTemplate(fx.webTd7))).not.toContain('hmac-sha256');
  });

  it('merges a secret used by several revisions and services, with every user', () => {
    const skipped: SkippedItem[] = [];
    const objs = mergeTaskDefObjects(taskDefObjectsForCluster(ctx, fx.services, fx.tasks, (a) => {
      const td = tds.get(a);
      return td ? { taskDefinition: td, labels: {} } : undefined;
    }, skipped));
    expect(skipped).toEqual([]);
    const sm = objs.filter((o) => o.kind === 'secret' && o.name === 'shop/api-key-AbC123');
    expect(sm).toHaveLength(1);
    expect(sm[0].usedBy).toEqual(['ecs/prod/us-east-1/shop/service/api', WEB]);
    expect(objs.filter((o) => o.kind === 'config').map((o) => o.name).sort()).toEqual(['api:3/api', 'web:6/web', 'web:7/web']);
  });

  it('never carries a secret value anywhere', () => {
    const everything = JSON.stringify([
      ...fx.services.flatMap((s) => [normalizeService(ctx, s, lookup), ...normalizeDeployments(ctx, s, lookup)]),
      ...fx.taskDefinitions.map((td) => normalizeTaskDefinitionObjects(ctx, td, [])),
    ]);
    // Secret env vars carry only references: no "value" next to a from:"secret".
    expect(everything).not.toMatch(/"from":"secret","value"/);
    expect(everything).not.toMatch(/"from":"secret"[^}]*"value"/);
  });
});

describe('autoscaling', () => {
  it('turns a scalable target and its target-tracking policies into an autoscaler', () => {
    const a = normalizeScalableTarget(ctx, fx.scalableTarget, fx.scalingPolicies, { desired: 3, running: 3 })!;
    parse(a);
    expect(a).toMatchObject({ id: 'ecs/prod/us-east-1/shop/scalabletarget/web', target: WEB, targetName: 'web', min: 2, max: 10, current: 3, desired: 3 });
    expect(a.metrics).toEqual([{ name: 'cpu', targetType: 'utilization', target: 60 }, { name: 'memory', targetType: 'utilization', target: 75 }]);
  });
});

describe('tolerance', () => {
  it('skips and reports malformed items instead of throwing', () => {
    const skipped: SkippedItem[] = [];
    const out = tolerant([fx.webService, { serviceArn: 'arn:aws:ecs:us-east-1:1:service/shop/broken' }, fx.apiService], 'service', (s) => s.serviceArn, skipped, (s) => normalizeService(ctx, s, lookup));
    expect(out.map((w) => w.name)).toEqual(['web', 'api']);
    expect(skipped).toEqual([{ kind: 'service', name: 'arn:aws:ecs:us-east-1:1:service/shop/broken', message: 'missing serviceName' }]);
  });

  it('accepts Date, epoch seconds and ISO timestamps, and both ARN formats', () => {
    expect(iso(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso(1767225600)).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('2016-08-29T16:13:47.298Z')).toBe('2016-08-29T16:13:47.298Z');
    expect(iso('garbage')).toBeUndefined();
    expect(arnName('arn:aws:ecs:us-east-1:1:task/c5cba4eb-5dad')).toBe('c5cba4eb-5dad');
    expect(arnName('arn:aws:ecs:us-east-1:1:task/shop/c5cba4eb-5dad')).toBe('c5cba4eb-5dad');
  });

  it('normalizes services with almost nothing in them', () => {
    const w = normalizeService(ctx, { serviceName: 'bare' }, () => undefined);
    expect(parse(w)).toBeTruthy();
    expect(w).toMatchObject({ desired: 0, ready: 0, rollout: { state: 'unknown' }, scheduling: 'replica' });
    expect(normalizeDeployments(ctx, { serviceName: 'bare' }, () => undefined)).toEqual([]);
    expect(parse(normalizeTask(ctx, { taskArn: 'arn:aws:ecs:us-east-1:1:task/x' }))).toBeTruthy();
  });
});

describe('task size, container resources and health checks as both platforms read them', () => {
  it('fills a single-container task\'s missing container values from the task size, and says so', () => {
    const [api] = normalizeTemplate(fx.apiTd3).containers;
    // Fargate api:3 is 512 units / 1 GiB; its container declares nothing but cpu.
    expect(api.requests).toEqual({ cpuMillis: 500, memoryBytes: 2 ** 30 });
    expect(api.limits).toMatchObject({ cpuMillis: 500, memoryBytes: 2 ** 30 });
    expect(api.derived).toEqual(expect.arrayContaining(['limits.cpuMillis', 'limits.memoryBytes']));
  });

  it('keeps multi-container reservations per container and sums them when the task has no size', () => {
    const t = normalizeTemplate(fx.webTd7);
    expect(t.instanceResources).toBeUndefined();
    expect(t.reserved.cpuMillis).toBe(t.containers.reduce((n, c) => n + (c.requests.cpuMillis ?? 0), 0));
    expect(t.containers.every((c) => !c.derived?.includes('limits.cpuMillis'))).toBe(true);
  });

  it('reads curl and wget health checks against localhost as HTTP, anything else as exec', () => {
    const hc = (command: string[]) => normalizeHealthCheck({ command });
    expect(hc(['CMD-SHELL', 'curl -f http://localhost:8080/healthz || exit 1'])).toMatchObject({ type: 'http', port: 8080, path: '/healthz', intervalSeconds: 30, timeoutSeconds: 5 });
    expect(hc(['CMD-SHELL', 'curl -fsS http://127.0.0.1:9000/livez'])).toMatchObject({ type: 'http', port: 9000, path: '/livez' });
    expect(hc(['CMD', 'wget', '-q', '--spider', 'http://localhost:3000/'])).toMatchObject({ type: 'http', port: 3000, path: '/' });
    expect(hc(['CMD-SHELL', 'curl -f https://localhost/ready || exit 1'])).toMatchObject({ type: 'http', scheme: 'HTTPS', port: 443, path: '/ready' });
    // Another host, or a pipeline that does more than fetch, is not plainly an HTTP check.
    expect(hc(['CMD-SHELL', 'curl -f http://example.com/ || exit 1'])).toMatchObject({ type: 'exec' });
    expect(hc(['CMD-SHELL', 'curl -f http://localhost/ | grep ok'])).toMatchObject({ type: 'exec', command: ['/bin/sh', '-c', 'curl -f http://localhost/ | grep ok'] });
    expect(hc(['CMD', 'pg_isready', '-U', 'shop'])).toMatchObject({ type: 'exec', command: ['pg_isready', '-U', 'shop'] });
    expect(hc([])).toBeUndefined();
  });
});
