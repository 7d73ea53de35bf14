// The ECS source's logs role over real HTTP against the ECS simulator, whose CloudWatch Logs writes
// lines on its clock: here the test's FakeClock, so following sees new lines as the test moves time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateClusterCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { CreateSecurityGroupCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';
import type { EcsSimulator } from '@/lib/sim/ecs';
import { TEST_CREDENTIALS } from '@/lib/sim/ecs/test-helpers';
import { awslogs, startLoggingService } from '@/lib/testing/ecs/logging-service';
import type { EcsSourceConfig } from '@/lib/config/types';
import type { SourceAdapter } from '@/lib/inventory/types';
import { LogReadError, type LogRead } from '@/lib/inventory/logs';
import type { Instance } from '@/lib/model';
import { nextPoll, TestSink } from '@/lib/testing/sink';
import { waitFor } from '@/lib/testing/wait';
import { FakeClock } from '@/lib/util/fake-clock';
import { TaskDefinitionCache } from './read';
import { createEcsSource } from './source';
import { FOLLOW_PAGE, LOG_POLLS_PER_SECOND, nextPollWait } from './task-logs';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('ECS task logs (CloudWatch Logs) against the simulator', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
  let sim: EcsSimulator;
  let adapter: SourceAdapter;
  let task: Instance;
  const getLogEvents = () => sim.requests.filter((r) => r.operation === 'GetLogEvents').length;

  beforeAll(async () => {
    sim = await startLoggingService(clock, [
      { name: 'web', image: 'nginx:1.27', cpu: 128, memory: 256, essential: true, logConfiguration: awslogs('/ecs/web') },
      { name: 'shipper', image: 'fluent-bit:3', cpu: 64, memory: 64, essential: false, logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk.example:8088', 'splunk-token': 'tok-123' } } },
    ], 1);
    const cfg: EcsSourceConfig = { platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 3_600_000, credentials: TEST_CREDENTIALS, demo: false };
    adapter = createEcsSource(cfg, { clock, random: () => 1, taskDefinitionCache: new TaskDefinitionCache(), maxAttempts: 1 });
    const sink = new TestSink({ replaceOnly: true });
    await adapter.start(sink);
    await nextPoll(clock, sink, 0);
    task = [...sink.scopes.values()].flatMap((s) => [...s.values()]).find((o): o is Instance => o.kind === 'instance' && o.state === 'running')!;
  });
  afterAll(async () => {
    await adapter?.stop();
    await sim?.stop();
  });

  const read = (o: Partial<Parameters<NonNullable<SourceAdapter['readLogs']>>[0]> = {}) =>
    adapter.readLogs!({ object: task, container: 'web', tailLines: 5, timestamps: true, ...o });

  async function take(r: LogRead, n: number): Promise<string[]> {
    const out: string[] = [];
    while (out.length < n) {
      const next = await r.lines.next();
      if (next.done) break;
      out.push(next.value);
    }
    return out;
  }

  /** Moves time a second at a time, each poll answered before the next, until a new line comes. */
  async function untilLine(r: LogRead, maxSeconds = 30): Promise<{ value: string; seconds: number }> {
    let got: IteratorResult<string> | undefined;
    void r.lines.next().then((v) => { got = v; });
    let seconds = 0;
    while (!got && seconds < maxSeconds) {
      const before = getLogEvents();
      await clock.advance(1_000);
      seconds++;
      // Answered and handled: a line, or the next poll scheduled a second from now.
      await waitFor('a follow poll answered', () => getLogEvents() > before && (got || clock.dueAt.includes(clock.now() + 1_000)));
    }
    if (!got || got.done) throw new Error(`no new line in ${seconds} s`);
    return { value: got.value, seconds };
  }

  it('tail: the newest N events of <prefix>/<container>/<task id>, each line prefixed by its time', async () => {
    const r = await read();
    expect(r.call).toBe(`GetLogEvents /ecs/web ecs/web/${task.name} (us-east-1)`);
    const lines = await take(r, 10);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(ISO);
    // The same events as the SDK reads them directly.
    const logs = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: sim.url, credentials: TEST_CREDENTIALS });
    const direct = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: `ecs/web/${task.name}`, limit: 5 }));
    expect(lines).toEqual(direct.events!.map((e) => `${new Date(e.timestamp!).toISOString()} ${e.message}`));
    logs.destroy();
    // Without a container: the first one whose log is read (awslogs).
    expect((await adapter.readLogs!({ object: task, tailLines: 1 })).call).toContain(`ecs/web/${task.name}`);
  });

  it('follow: new lines as the clock moves, about one GetLogEvents a second, and close() stops polling at once', async () => {
    const r = await read({ tailLines: 2, follow: true });
    const tail = await take(r, 2);
    const calls = getLogEvents();
    const got = await untilLine(r);
    expect(got.value).toMatch(ISO);
    expect(got.value.slice(0, 24) >= tail[1].slice(0, 24)).toBe(true);
    // One poll per second of fake time (the gate does not slow a single follower).
    expect(getLogEvents() - calls).toBe(got.seconds);
    r.close();
    const pending = r.lines.next();
    expect((await pending).done).toBe(true);
    const atClose = getLogEvents();
    await clock.advance(30_000);
    expect(getLogEvents()).toBe(atClose);
  });

  it('close() in the middle of a page ends the lines at once', async () => {
    const r = await read({ tailLines: 50 });
    expect(await take(r, 2)).toHaveLength(2);
    r.close();
    expect((await r.lines.next()).done).toBe(true);
  });

  it('the request signal ends a follow as close() does, even while it waits for its next poll', async () => {
    const abort = new AbortController();
    const r = await read({ tailLines: 1, follow: true, signal: abort.signal });
    await take(r, 1);
    const next = r.lines.next();
    abort.abort();
    expect((await next).done).toBe(true);
    const atAbort = getLogEvents();
    await clock.advance(10_000);
    expect(getLogEvents()).toBe(atAbort);
  });

  it('all followers of a source share the GetLogEvents rate', async () => {
    const n = LOG_POLLS_PER_SECOND * 2;
    const reads = await Promise.all(Array.from({ length: n }, () => read({ tailLines: 1, follow: true })));
    const pending = reads.map((r) => take(r, 1).then(() => r.lines.next()));
    const start = getLogEvents();
    // Every follower's first poll comes due at +1 s; the gate spaces them 1000 / LOG_POLLS_PER_SECOND ms apart.
    await clock.advance(1_000);
    await waitFor('the first slot used', () => getLogEvents() > start);
    await clock.advance(999);
    // Slots at +1.0 … +1.999 s: LOG_POLLS_PER_SECOND of them, however many followers ask.
    await waitFor('a second of slots used', () => getLogEvents() - start >= LOG_POLLS_PER_SECOND);
    expect(getLogEvents() - start).toBe(LOG_POLLS_PER_SECOND);
    for (const r of reads) r.close();
    await Promise.all(pending);
    const atClose = getLogEvents();
    await clock.advance(10_000);
    expect(getLogEvents()).toBe(atClose);
  });

  it('another driver: the error says where the log goes, without secret options; a missing stream is 404; AccessDenied 403', async () => {
    const splunk = await read({ container: 'shipper' }).catch((e: unknown) => e);
    expect(splunk).toBeInstanceOf(LogReadError);
    expect(splunk).toMatchObject({ status: 501, source: task.source });
    expect((splunk as Error).message).toBe('container shipper sends its logs with the splunk driver to splunk-url=https://splunk.example:8088; Parallax reads CloudWatch Logs (awslogs) only');
    const gone = await read({ object: { ...task, name: 'ffffffffffffffffffffffffffffffff', ref: { ...task.ref, arn: task.ref.arn!.replace(task.name, 'ffffffffffffffffffffffffffffffff') } } }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404 });
    sim.faults.deny('GetLogEvents');
    try {
      const denied = await read().catch((e: unknown) => e);
      expect(denied).toMatchObject({ status: 403, source: task.source });
      expect((denied as Error).message).toMatch(/may not read this log.*AccessDenied/);
    } finally {
      sim.faults.clear();
    }
  });

  it('throttled follow polls back off (2 s, then 4 s), then resume', async () => {
    const r = await read({ tailLines: 1, follow: true });
    await take(r, 1);
    let got: IteratorResult<string> | undefined;
    void r.lines.next().then((v) => { got = v; });
    sim.faults.throttle('GetLogEvents', 2);
    const start = getLogEvents();
    // random() is 1 on this source: the backoff is exactly 2 × pollMs, then twice that.
    for (const [i, wait] of [[1, 1_000], [2, 2_000], [3, 4_000]] as const) {
      await clock.advance(wait);
      await waitFor(`poll ${i}`, () => getLogEvents() === start + i && (i < 3 ? clock.dueAt.includes(clock.now() + 2 * wait) : got));
    }
    expect(got?.value).toMatch(ISO);
    expect(getLogEvents()).toBe(start + 3);
    r.close();
  });
});

describe('nextPollWait', () => {
  it('polls every pollMs, at once after a full page, and backs off from 2 × pollMs while polls fail', () => {
    const o = { pollMs: 1_000, random: () => 1 };
    expect(nextPollWait({ ...o, events: 3, failures: 0 })).toBe(1_000);
    expect(nextPollWait({ ...o, events: FOLLOW_PAGE, failures: 0 })).toBe(0);
    expect([1, 2, 3, 10].map((failures) => nextPollWait({ ...o, events: 0, failures }))).toEqual([2_000, 4_000, 8_000, 30_000]);
    // Jitter: between half and all of it.
    expect(nextPollWait({ ...o, events: 0, failures: 1, random: () => 0 })).toBe(1_000);
  });
});

describe.skipIf(!motoTests('lib/ecs/task-logs.test.ts'))('ECS task logs against moto', () => {
  const clock = new FakeClock(Date.now());
  let moto: Moto;
  let adapter: SourceAdapter;
  let task: Instance;
  let writer: CloudWatchLogsClient;
  let stream: string;

  beforeAll(async () => {
    moto = await startMoto();
    const cfg = { region: 'us-east-1', endpoint: moto.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
    const ecs = new ECSClient(cfg);
    await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    await ecs.send(new RegisterTaskDefinitionCommand({
      family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, cpu: 256, memory: 512, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' } } }],
    }));
    // moto wants container cpu and memory, and a subnet and security group of its own default VPC.
    const ec2 = new EC2Client(cfg);
    const subnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets![0];
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: subnet.VpcId }));
    ec2.destroy();
    const run = await ecs.send(new RunTaskCommand({ cluster: 'prod', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet.SubnetId!], securityGroups: [sg.GroupId!] } } }));
    const taskId = run.tasks![0].taskArn!.split('/').pop()!;
    ecs.destroy();
    // Test setup writes the events (Parallax itself only reads).
    writer = new CloudWatchLogsClient(cfg);
    stream = `ecs/web/${taskId}`;
    await writer.send(new CreateLogGroupCommand({ logGroupName: '/ecs/web' }));
    await writer.send(new CreateLogStreamCommand({ logGroupName: '/ecs/web', logStreamName: stream }));
    const t0 = Date.now() - 60_000;
    await writer.send(new PutLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, logEvents: Array.from({ length: 8 }, (_, i) => ({ timestamp: t0 + i * 1000, message: `line ${i}` })) }));
    const source: EcsSourceConfig = { platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: moto.url, pollIntervalMs: 3_600_000, credentials: TEST_CREDENTIALS, demo: false };
    adapter = createEcsSource(source, { clock, taskDefinitionCache: new TaskDefinitionCache(), maxAttempts: 1 });
    const sink = new TestSink({ replaceOnly: true });
    await adapter.start(sink);
    await nextPoll(clock, sink, 0);
    task = [...sink.scopes.values()].flatMap((s) => [...s.values()]).find((o): o is Instance => o.kind === 'instance' && o.name === taskId)!;
  }, 60_000);
  afterAll(async () => {
    writer?.destroy();
    await adapter?.stop();
    await moto?.stop();
  });

  it('tails the stream moto holds and follows a line written after', async () => {
    const r = await adapter.readLogs!({ object: task, container: 'web', tailLines: 3, timestamps: true, follow: true });
    const first = await Promise.all([r.lines.next(), r.lines.next(), r.lines.next()]);
    expect(first.map((x) => x.value.replace(ISO, ''))).toEqual(['line 5', 'line 6', 'line 7']);
    for (const x of first) expect(x.value).toMatch(ISO);
    await writer.send(new PutLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, logEvents: [{ timestamp: Date.now(), message: 'written later' }] }));
    const next = r.lines.next();
    await clock.advance(1_000);
    expect((await next).value).toMatch(/Z written later$/);
    r.close();
  });
});
