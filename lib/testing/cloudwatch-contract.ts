// The CloudWatch Logs and CloudWatch calls Parallax makes, asserted the same way against any
// implementation (the ECS simulator, moto): response shapes, token semantics, ordering, filters.
// Used by lib/sim/ecs/cloudwatch.test.ts.
import { expect, it } from 'vitest';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type FilteredLogEvent,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export interface LogsTarget {
  logs: CloudWatchLogsClient;
  group: string;
  /** Two streams of the group, each with at least 10 events. */
  streams: [string, string];
  /** A substring some (not all) messages contain. */
  term: string;
}

export interface MetricsTarget {
  cw: CloudWatchClient;
  cluster: string;
  service: string;
  /** The end of the hour asked for (the target's "now"). */
  end: Date;
}

async function filterAll(logs: CloudWatchLogsClient, input: FilterLogEventsCommandInput): Promise<FilteredLogEvent[]> {
  const out: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    // AWS always interleaves streams by time (the flag is ignored since 2019); moto only when asked.
    const page = await logs.send(new FilterLogEventsCommand({ ...input, interleaved: true, nextToken }));
    out.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export function logsContract(target: () => LogsTarget): void {
  it('DescribeLogGroups and DescribeLogStreams list the group and its streams', async () => {
    const { logs, group, streams } = target();
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    const g = groups.logGroups?.find((x) => x.logGroupName === group);
    expect(g).toMatchObject({ logGroupName: group, metricFilterCount: 0 });
    expect(g?.arn).toMatch(new RegExp(`^arn:aws:logs:us-east-1:\\d{12}:log-group:${group}:\\*$`));
    expect(g?.logGroupArn).toBe(g?.arn?.slice(0, -2));
    expect(typeof g?.creationTime).toBe('number');

    const out = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    const names = (out.logStreams ?? []).map((s) => s.logStreamName);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(streams));
    for (const s of out.logStreams ?? []) {
      expect(s.firstEventTimestamp).toBeLessThanOrEqual(s.lastEventTimestamp ?? 0);
      expect(s.arn).toBe(`${g?.logGroupArn}:log-stream:${s.logStreamName}`);
    }
  });

  it('GetLogEvents: the tail by default, from the head on request, paged by forward and backward tokens', async () => {
    const { logs, group, streams } = target();
    const get = (input: { limit?: number; startFromHead?: boolean; nextToken?: string }) => logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0], ...input }));
    const all = (await get({ startFromHead: true })).events ?? [];
    expect(all.length).toBeGreaterThanOrEqual(10);
    const times = all.map((e) => e.timestamp ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const e of all) expect(e).toEqual({ timestamp: expect.any(Number), message: expect.any(String), ingestionTime: expect.any(Number) });

    const tail = await get({ limit: 3 });
    expect(tail.events).toEqual(all.slice(-3));
    expect(tail.nextForwardToken).toMatch(/^f\//);
    expect(tail.nextBackwardToken).toMatch(/^b\//);
    // Caught up: no events, and the same forward token again (how followers know to wait).
    const caughtUp = await get({ limit: 3, nextToken: tail.nextForwardToken });
    expect(caughtUp.events).toEqual([]);
    expect(caughtUp.nextForwardToken).toBe(tail.nextForwardToken);
    const before = await get({ limit: 3, nextToken: tail.nextBackwardToken });
    expect(before.events).toEqual(all.slice(-6, -3));

    const head = await get({ limit: 2, startFromHead: true });
    expect(head.events).toEqual(all.slice(0, 2));
    const next = await get({ limit: 2, nextToken: head.nextForwardToken });
    expect(next.events).toEqual(all.slice(2, 4));
  });

  it('FilterLogEvents: substring filter, interleaved by time, paged by nextToken, by stream and time window', async () => {
    const { logs, group, streams, term } = target();
    const everything = await filterAll(logs, { logGroupName: group });
    const matching = await filterAll(logs, { logGroupName: group, filterPattern: term });
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(everything.length);
    expect(matching.every((e) => e.message?.includes(term))).toBe(true);
    expect(new Set(matching.map((e) => e.logStreamName))).toEqual(new Set(streams));
    const times = matching.map((e) => e.timestamp ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const e of matching) expect(e).toMatchObject({ logStreamName: expect.any(String), eventId: expect.any(String), ingestionTime: expect.any(Number) });

    const paged = await filterAll(logs, { logGroupName: group, filterPattern: term, limit: Math.ceil(matching.length / 4) });
    expect(paged).toEqual(matching);

    const one = await filterAll(logs, { logGroupName: group, logStreamNames: [streams[1]] });
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((e) => e.logStreamName === streams[1])).toBe(true);

    // A window strictly inside the events: everything in it, nothing outside.
    const startTime = (everything[2]?.timestamp ?? 0) + 1;
    const endTime = (everything.at(-3)?.timestamp ?? 0) - 1;
    const windowed = await filterAll(logs, { logGroupName: group, startTime, endTime });
    expect(windowed).toEqual(everything.filter((e) => (e.timestamp ?? 0) >= startTime && (e.timestamp ?? 0) <= endTime));
  });

  it('answers ResourceNotFoundException for a missing group or stream', async () => {
    const { logs, group } = target();
    await expect(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/no/such/group' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'no/such/stream' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });
}

const cpuQuery = (id: string, dims: Record<string, string>, metric = 'CPUUtilization'): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: metric, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) }, Period: 60, Stat: 'Average' },
});

export function metricsContract(target: () => MetricsTarget): void {
  it('GetMetricData: a minute per point over the last hour, newest first, below 100, empty for an unknown series', async () => {
    const { cw, cluster, service, end } = target();
    const start = new Date(end.getTime() - 3_600_000);
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          cpuQuery('cpu', { ClusterName: cluster, ServiceName: service }),
          cpuQuery('mem', { ClusterName: cluster, ServiceName: service }, 'MemoryUtilization'),
          cpuQuery('cluster', { ClusterName: cluster }),
          cpuQuery('none', { ClusterName: cluster, ServiceName: 'no-such-service' }),
        ],
      }),
    );
    const byId = new Map((out.MetricDataResults ?? []).map((r) => [r.Id, r]));
    expect([...byId.keys()]).toEqual(['cpu', 'mem', 'cluster', 'none']);
    for (const id of ['cpu', 'mem', 'cluster']) {
      const r = byId.get(id);
      expect(r?.StatusCode).toBe('Complete');
      const ts = (r?.Timestamps ?? []).map((t) => t.getTime());
      expect(ts.length).toBeGreaterThanOrEqual(50);
      expect(ts.length).toBeLessThanOrEqual(60);
      expect(r?.Values).toHaveLength(ts.length);
      expect(ts).toEqual([...ts].sort((a, b) => b - a));
      for (const t of ts) {
        expect(t % 60_000).toBe(0);
        expect(t).toBeGreaterThanOrEqual(start.getTime());
        expect(t).toBeLessThan(end.getTime());
      }
      for (const v of r?.Values ?? []) expect(v > 0 && v < 100).toBe(true);
    }
    // AWS labels a query without Label by its metric name; moto appends the statistic.
    expect(byId.get('cpu')?.Label).toMatch(/^CPUUtilization( Average)?$/);
    expect(byId.get('none')).toMatchObject({ StatusCode: 'Complete', Timestamps: [], Values: [] });

    const ascending = await cw.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', MetricDataQueries: [cpuQuery('cpu', { ClusterName: cluster, ServiceName: service })] }));
    const asc = ascending.MetricDataResults?.[0];
    expect(asc?.Timestamps).toEqual([...(byId.get('cpu')?.Timestamps ?? [])].reverse());
    expect(asc?.Values).toEqual([...(byId.get('cpu')?.Values ?? [])].reverse());
  });
}
