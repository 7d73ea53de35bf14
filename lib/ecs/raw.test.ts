// readRaw over real HTTP against the embedded ECS simulator: the Describe* call of each kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsSimulator } from '@/lib/sim/ecs';
import type { EcsSourceConfig } from '@/lib/config/types';
import type { ModelObject } from '@/lib/model';
import { RawNotFoundError } from '@/lib/inventory/raw';
import type { SourceAdapter } from '@/lib/inventory/types';
import { seedEcs } from '@/lib/seed';
import { sanitizeRaw } from '@/lib/security/raw';
import { startSeededSimulator, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import { expectReadOnly } from '@/lib/testing/ecs/expect';
import { ALL_VALUES, secretsScenario } from '@/lib/testing/ecs/secrets-scenario';
import { TestSink } from '@/lib/testing/sink';
import { createEcsSource } from './source';
import { TaskDefinitionCache } from './read';
import { parseEcsId } from './raw';

describe('parseEcsId', () => {
  it('decodes every segment', () => {
    expect(parseEcsId('ecs/prod/us-east-1/shop/secret/%2Fvault%2Fdb')).toEqual({ region: 'us-east-1', cluster: 'shop', kind: 'secret', name: '/vault/db' });
    expect(parseEcsId('k8s/ctx/ns/Pod/x')).toBeUndefined();
  });
});

describe('ECS readRaw against the simulator', () => {
  let sim: EcsSimulator;
  let source: SourceAdapter;
  const sink = new TestSink({ replaceOnly: true });
  beforeAll(async () => {
    sim = await startSeededSimulator();
    await seedEcs({ endpoint: sim.url, region: sim.region, credentials: TEST_CREDENTIALS, scenario: secretsScenario() });
    const cfg: EcsSourceConfig = { platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false };
    source = createEcsSource(cfg, { taskDefinitionCache: new TaskDefinitionCache() });
    await source.start(sink);
    await sink.waitForPolls(1);
  });
  afterAll(async () => {
    await source?.stop();
    await sim?.stop();
  });

  const first = (kind: ModelObject['kind'], pred: (o: ModelObject) => boolean = () => true) => {
    const o = sink.objects(undefined, kind).find(pred);
    if (!o) throw new Error(`no ${kind} in the sink`);
    return o as ModelObject;
  };
  const idKind = (k: string) => (o: ModelObject) => parseEcsId(o.id)?.kind === k;

  it('describes each kind with its own Describe* call, and only Describe* calls', async () => {
    const from = sim.requests.length;
    const cases: [ModelObject, RegExp, (raw: Record<string, unknown>) => void][] = [
      [first('workload'), /^DescribeServices$/, (r) => expect(r.serviceArn).toMatch(/:service\//)],
      [first('instance'), /^DescribeTasks$/, (r) => expect(r.taskArn).toMatch(/:task\//)],
      [first('node'), /^DescribeContainerInstances$/, (r) => expect(r.containerInstanceArn).toBeTruthy()],
      [first('cluster'), /^DescribeClusters$/, (r) => expect(r.clusterName).toBeTruthy()],
      [first('revision'), /^DescribeServices \(.*deployments/, (r) => expect(r.taskDefinition).toMatch(/task-definition\//)],
      [first('config'), /^DescribeTaskDefinition$/, (r) => expect((r.taskDefinition as { containerDefinitions: unknown[] }).containerDefinitions.length).toBeGreaterThan(0)],
      [first('endpoint', idKind('loadbalancer')), /^DescribeTargetGroups/, (r) => expect((r.TargetGroup as { TargetGroupArn: string }).TargetGroupArn).toMatch(/targetgroup\//)],
      [first('autoscaler'), /^DescribeScalableTargets/, (r) => expect((r.ScalableTarget as { ResourceId: string }).ResourceId).toMatch(/^service\//)],
      [first('secret', (o) => o.ref.kind === 'SecretsManagerSecret' && o.name.startsWith('vault/')), /^DescribeSecret$/, (r) => expect(r.ARN).toMatch(/:secret:vault\//)],
      [first('secret', (o) => o.ref.kind === 'SSMParameter' && o.name.startsWith('/vault/')), /^DescribeParameters$/, (r) => expect(r.Name).toMatch(/^\/vault\//)],
    ];
    for (const [object, call, check] of cases) {
      const read = await source.readRaw!({ object });
      expect(read.call, object.id).toMatch(call);
      check(read.object as Record<string, unknown>);
      // No secret value is read at all: Describe* answers hold none.
      const text = JSON.stringify(sanitizeRaw(read.object));
      for (const v of ALL_VALUES) expect(text, object.id).not.toContain(v);
    }
    expectReadOnly(sim.requests.slice(from));
    expect(sim.requests.slice(from).some((r) => /GetSecretValue|GetParameter/.test(JSON.stringify(r)))).toBe(false);
  });

  it('a task that no longer exists is a RawNotFoundError; a stopped source rejects with why', async () => {
    const task = first('instance');
    const gone = { ...task, id: task.id.replace(/\/task\/[^/]+$/, '/task/0123456789abcdef0123456789abcdef') } as ModelObject;
    await expect(source.readRaw!({ object: gone })).rejects.toBeInstanceOf(RawNotFoundError);
    // A secret only referenced, never created in Secrets Manager.
    const missing = { ...first('secret', (o) => o.ref.kind === 'SecretsManagerSecret'), ref: { kind: 'SecretsManagerSecret', arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:nope-AbCdEf' } } as ModelObject;
    await expect(source.readRaw!({ object: missing })).rejects.toBeInstanceOf(RawNotFoundError);
    const stopped = createEcsSource({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false });
    await expect(stopped.readRaw!({ object: task })).rejects.toThrow(/not running/);
  });
});
