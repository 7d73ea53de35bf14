// CloudWatch Logs and CloudWatch through the real SDK clients: the same contract against the
// simulator (lines generated for awslogs containers on its clock) and against moto (seeded here
// with writes, which only moto gets), then what only the simulator promises.
import { execFile, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateServiceCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from './index';
import { clients, registerTaskDef, seedCluster, TEST_CREDENTIALS } from './test-helpers';
import { logsContract, metricsContract, type LogsTarget, type MetricsTarget } from '@/lib/testing/cloudwatch-contract';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';
import { waitFor } from '@/lib/testing/wait';

const T0 = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;
const cfg = (url: string) => ({ region: 'us-east-1', endpoint: url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });

describe('CloudWatch on the ECS simulator', () => {
  let sim: EcsSimulator;
  let now = T0;
  let logsTarget: LogsTarget;
  let metricsTarget: MetricsTarget;
  let taskIds: string[];

  beforeAll(async () => {
    sim = await startEcsSimulator({ tickMs: 10, stepMs: 40, now: () => now });
    await seedCluster(sim, 'prod', 1);
    await registerTaskDef(sim, {
      family: 'web',
      networkMode: 'bridge',
      containerDefinitions: [
        { name: 'web', image: 'nginx:1.27', cpu: 128, memory: 256, essential: true, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' } } },
        { name: 'shipper', image: 'fluent-bit:3', cpu: 64, memory: 64, essential: false, logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk.example' } } },
      ],
    });
    const { ecs } = clients(sim);
    await ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 2 }));
    // The scheduler advances tasks on the simulator's clock: move it until both run.
    await waitFor('web tasks running', () => {
      now += 50;
      const running = [...sim.state.tasks.values()].filter((t) => t.lastStatus === 'RUNNING');
      return running.length === 2 && running;
    }, 5_000, 5);
    taskIds = ((await ecs.send(new ListTasksCommand({ cluster: 'prod' }))).taskArns ?? []).map((a) => a.split('/').pop() ?? '').sort();
    now += HOUR + 5 * 60_000;
    const c = { logs: new CloudWatchLogsClient(cfg(sim.url)), cw: new CloudWatchClient(cfg(sim.url)) };
    logsTarget = { logs: c.logs, group: '/ecs/web', streams: [`ecs/web/${taskIds[0]}`, `ecs/web/${taskIds[1]}`], term: 'GET /healthz' };
    metricsTarget = { cw: c.cw, cluster: 'prod', service: 'web', end: new Date(Math.floor(now / 60_000) * 60_000) };
  });
  afterAll(async () => {
    await sim?.stop();
  });

  describe('contract', () => {
    logsContract(() => logsTarget);
    metricsContract(() => metricsTarget);
  });

  it('has a stream per awslogs container and task, named <prefix>/<container>/<task id>, and none for other drivers', async () => {
    const { logs } = logsTarget;
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/ecs/web']);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/web' }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(taskIds.map((id) => `ecs/web/${id}`));
    const task = sim.state.tasks.get([...sim.state.tasks.keys()].find((k) => k.endsWith(taskIds[0] ?? '')) ?? '');
    expect(streams.logStreams?.[0]?.creationTime).toBe(task?.startedAt);
  });

  it('writes new lines as the clock moves, and a follower reads them from its forward token', async () => {
    const { logs, group, streams } = logsTarget;
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0], limit: 5 }));
    // nginx access log lines, deterministic: the same clock gives the same lines.
    expect(tail.events?.[0]?.message).toMatch(/^10\.\d+\.\d+\.\d+ - - \[\d\d\/\w{3}\/2026:\d\d:\d\d:\d\d \+0000\] "(GET|POST) \S+ HTTP\/1\.1" \d{3} \d+ /);
    expect((await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0], limit: 5 }))).events).toEqual(tail.events);
    now += 60_000;
    try {
      const next = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0], nextToken: tail.nextForwardToken }));
      expect(next.events?.length).toBeGreaterThanOrEqual(15);
      expect(next.events?.every((e) => (e.timestamp ?? 0) > (tail.events?.at(-1)?.timestamp ?? 0) && (e.timestamp ?? 0) <= now)).toBe(true);
      expect(next.nextForwardToken).not.toBe(tail.nextForwardToken);
    } finally {
      now -= 60_000;
    }
  });

  it('GetMetricData: 60 points over the hour for a service running all of it; a cluster is the mean of its services', async () => {
    const { cw, end } = metricsTarget;
    const q = (Id: string, Dimensions: { Name: string; Value: string }[]) => ({ Id, MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions }, Period: 60, Stat: 'Average' } });
    const out = await cw.send(new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - HOUR),
      EndTime: end,
      MetricDataQueries: [q('svc', [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }]), q('cl', [{ Name: 'ClusterName', Value: 'prod' }])],
    }));
    const [svc, cl] = out.MetricDataResults ?? [];
    expect(svc?.Values).toHaveLength(60);
    expect(cl?.Values).toEqual(svc?.Values);
    await expect(cw.send(new GetMetricDataCommand({ StartTime: end, EndTime: end, MetricDataQueries: [q('svc', [])] }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  const hasCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
  /** The aws CLI (botocore 1.43 sends CloudWatch as JSON 1.0 too, though its model prefers CBOR). */
  async function aws(args: string[]): Promise<any> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))) as NodeJS.ProcessEnv;
    Object.assign(env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_MAX_ATTEMPTS: '1' });
    const full = ['--endpoint-url', sim.url, ...args, '--output', 'json'];
    return JSON.parse(await new Promise<string>((resolve, reject) => execFile('aws', full, { env, timeout: 50_000 }, (err, out, stderr) => (err ? reject(new Error(stderr)) : resolve(out)))));
  }

  it.skipIf(!hasCli && !process.env.CI)('the aws CLI reads the same events and metrics', async () => {
    const { end } = metricsTarget;
    const query = { Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }] }, Period: 60, Stat: 'Average' } };
    const [events, metrics] = await Promise.all([
      aws(['logs', 'get-log-events', '--log-group-name', '/ecs/web', '--log-stream-name', logsTarget.streams[0], '--start-from-head', '--limit', '3']),
      aws(['cloudwatch', 'get-metric-data', '--start-time', new Date(end.getTime() - HOUR).toISOString(), '--end-time', end.toISOString(), '--metric-data-queries', JSON.stringify([query])]),
    ]);
    const cpu = (await metricsTarget.cw.send(new GetMetricDataCommand({ StartTime: new Date(end.getTime() - HOUR), EndTime: end, MetricDataQueries: [query] }))).MetricDataResults?.[0];
    expect(metrics.MetricDataResults[0].Values).toEqual(cpu?.Values);
    // CLI v1 prints timestamps as they came on the wire (cli_timestamp_format=none): epoch seconds.
    expect(metrics.MetricDataResults[0].Timestamps.map((t: number) => t * 1000)).toEqual(cpu?.Timestamps?.map((t) => t.getTime()));
    const sdk = await logsTarget.logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: logsTarget.streams[0], startFromHead: true, limit: 3 }));
    expect(events).toEqual({ events: sdk.events, nextForwardToken: sdk.nextForwardToken, nextBackwardToken: sdk.nextBackwardToken });
  });
});

describe.skipIf(!motoTests('lib/sim/ecs/cloudwatch.test.ts'))('CloudWatch on moto', () => {
  let moto: Moto;
  let logsTarget: LogsTarget;
  let metricsTarget: MetricsTarget;

  beforeAll(async () => {
    moto = await startMoto();
    const logs = new CloudWatchLogsClient(cfg(moto.url));
    const cw = new CloudWatchClient(cfg(moto.url));
    const end = Math.floor(Date.now() / 60_000) * 60_000;
    const streams: [string, string] = ['ecs/web/0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'ecs/web/a1b2c3d4e5f60718293a4b5c6d7e8f90'];
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/web' }));
    for (const [s, stream] of streams.entries()) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: '/ecs/web', logStreamName: stream }));
      // Whole seconds, interleaved between the streams; every third line a health check.
      const logEvents = Array.from({ length: 30 }, (_, i) => ({
        timestamp: end - HOUR + (2 * i + s) * 1000,
        message: `10.0.${s}.${i} - - "GET ${i % 3 === 0 ? '/healthz' : '/api/orders'} HTTP/1.1" 200 ${100 + i}`,
      }));
      await logs.send(new PutLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, logEvents }));
    }
    logsTarget = { logs, group: '/ecs/web', streams, term: 'GET /healthz' };

    for (const [metric, dims] of [
      ['CPUUtilization', [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }]],
      ['MemoryUtilization', [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }]],
      ['CPUUtilization', [{ Name: 'ClusterName', Value: 'prod' }]],
    ] as const) {
      const points = Array.from({ length: 60 }, (_, i) => ({ MetricName: metric, Dimensions: [...dims], Timestamp: new Date(end - HOUR + i * 60_000), Value: 20 + (i % 7) * 5, Unit: 'Percent' as const }));
      for (let i = 0; i < points.length; i += 20) await cw.send(new PutMetricDataCommand({ Namespace: 'AWS/ECS', MetricData: points.slice(i, i + 20) }));
    }
    metricsTarget = { cw, cluster: 'prod', service: 'web', end: new Date(end) };
  }, 30_000);
  afterAll(async () => {
    await moto?.stop();
  });

  logsContract(() => logsTarget);
  metricsContract(() => metricsTarget);
});
