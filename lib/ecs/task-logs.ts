// An ECS task container's log, read from CloudWatch Logs (the awslogs driver's destination):
// - which stream: DescribeTasks (the task's definition ARN, and the Docker id that names a stream
//   when there is no prefix) and DescribeTaskDefinition (cached: revisions are immutable) give the
//   container's logConfiguration; the stream is `<awslogs-stream-prefix>/<container>/<task id>` in
//   `awslogs-group`, in `awslogs-region`. Another driver is not read: the error says where it goes.
// - tail: GetLogEvents with startFromHead false and limit = N answers the newest N events.
// - follow: GetLogEvents again from nextForwardToken (startFromHead true, as the API requires with a
//   forward token) about every pollMs per follower, each call waiting for its slot at the source's
//   RateGate. GetLogEvents' quota is 25 requests per second per account and region (shared with
//   everything else the account runs): the gate lets all of a source's followers together make
//   LOG_POLLS_PER_SECOND, well under it; more followers than that each poll less often. Throttling
//   backs off (with jitter) until the service stops throttling.
// - close() / the request's signal abort the call in flight and the wait before the next poll at once.
// Each event becomes lines prefixed by its timestamp in RFC 3339 (as Kubernetes' timestamps=true).
import { GetLogEventsCommand, type GetLogEventsCommandOutput, type OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { clampTail, cutLine, LogReadError, type LogRead, type LogRequest } from '@/lib/inventory/logs';
import { defaultLogContainer, loggingNote, readsCloudWatchLogs, type ModelObject } from '@/lib/model';
import { backoffDelay, type Clock, type Random } from '@/lib/util/clock';
import type { RateGate } from '@/lib/util/limiter';
import { pause } from '@/lib/util/timers';
import { EcsCallError } from './errors';
import { normalizeLogging } from './normalize/logging';
import type { ReadContext, TaskDefinitionCache } from './read';

/** GetLogEvents calls per second for all of one source's followers (the quota is 25 per account and region). */
export const LOG_POLLS_PER_SECOND = 5;
/** Each follower asks for new events about this often (slower when the gate is busy or throttled). */
export const LOG_POLL_MS = 1_000;
/** Events per follow call: a full page is read again without waiting, to catch up. */
export const FOLLOW_PAGE = 1_000;
const THROTTLE_MAX_MS = 30_000;

export interface TaskLogContext {
  /** SDK calls with their deadline, classified failures, ended by the signal it was made with. */
  readContext(signal: AbortSignal): ReadContext;
  /** The source's own signal: aborted when it stops. */
  signal: AbortSignal;
  source: string;
  /** The source's region: awslogs-region's default. */
  region: string;
  clock: Clock;
  random: Random;
  /** Shared by every follower of the source. */
  gate: RateGate;
  cache: TaskDefinitionCache;
  cacheNamespace: string;
  pollMs?: number;
}

/** Where a container's log is: its group, region and stream. */
export interface TaskLogStream {
  container: string;
  group: string;
  region: string;
  stream: string;
}

/** The container's CloudWatch Logs stream, from the task and its definition (LogReadError when there is none). */
export async function taskLogStream(ctx: TaskLogContext, rc: ReadContext, o: ModelObject, container?: string): Promise<TaskLogStream> {
  const cluster = o.groupName;
  const taskArn = o.ref.arn;
  if (o.platform !== 'ecs' || o.kind !== 'instance' || !cluster || !taskArn) throw new LogReadError(`${o.ref.kind} ${o.name} is not an ECS task`, o.source, 404);
  const described = await rc.call('DescribeTasks', (abortSignal) => rc.clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }), { abortSignal }));
  const task = described.tasks?.[0];
  if (!task?.taskDefinitionArn) throw new LogReadError(`task ${o.name} is no longer in cluster ${cluster} (ECS keeps stopped tasks for about an hour)`, o.source, 404);
  const { taskDefinition } = await ctx.cache.get(rc, ctx.cacheNamespace, task.taskDefinitionArn);
  const defs = taskDefinition.containerDefinitions ?? [];
  const def = container !== undefined
    ? defs.find((d) => d.name === container)
    : defaultLogContainer(defs.map((d) => ({ d, essential: d.essential, logging: normalizeLogging(d.logConfiguration) })))?.d;
  if (!def?.name) throw new LogReadError(`task ${o.name} has no container ${container ?? ''}`.trim(), o.source, 404);
  const logging = normalizeLogging(def.logConfiguration);
  if (!readsCloudWatchLogs(logging)) throw new LogReadError(loggingNote(def.name, logging), o.source, 501);
  // Without a prefix the ECS agent names the stream after the Docker container id.
  const stream = logging!.streamPrefix ? `${logging!.streamPrefix}/${def.name}/${o.name}` : task.containers?.find((c) => c.name === def.name)?.runtimeId;
  if (!stream) throw new LogReadError(`container ${def.name} logs to ${logging!.group} without awslogs-stream-prefix, so its stream is named after its Docker id, which ECS has not reported yet`, o.source, 404);
  return { container: def.name, group: logging!.group!, region: logging!.region ?? ctx.region, stream };
}

/**
 * The wait before a follower's next poll: none after a full page (it is catching up), pollMs
 * normally, and after `failures` failed polls in a row (throttling, 5xx, timeouts) a backoff from
 * 2 × pollMs doubling up to 30 s, with jitter.
 */
export function nextPollWait(o: { events: number; failures: number; pollMs: number; random: Random }): number {
  if (o.failures > 0) return backoffDelay(o.failures, { baseMs: 2 * o.pollMs, maxMs: THROTTLE_MAX_MS }, o.random);
  return o.events >= FOLLOW_PAGE ? 0 : o.pollMs;
}

/** A failed call as the logs role reports it: the source, and the status a reader acts on. */
function logError(e: unknown, where: TaskLogStream | undefined, source: string): LogReadError {
  if (e instanceof LogReadError) return e;
  const err = e as Partial<EcsCallError> & Error;
  const status = err.status;
  if (err.code === 'ResourceNotFoundException' && where) {
    return new LogReadError(`log stream ${where.stream} is not in group ${where.group} (${where.region}): the container has not written a line yet, or the log expired`, source, 404);
  }
  if (err.failure === 'forbidden') return new LogReadError(`the credentials of ${source} may not read this log: ${err.message}`, source, 403);
  return new LogReadError(err.message, source, err.failure === 'throttled' ? 429 : status);
}

/** An event's lines (a multi-line event is several), each "<RFC 3339 time> <text>". */
function eventLines(ev: OutputLogEvent, timestamps: boolean): string[] {
  const at = timestamps && ev.timestamp !== undefined ? `${new Date(ev.timestamp).toISOString()} ` : '';
  return (ev.message ?? '').replace(/\r?\n$/, '').split(/\r?\n/).map((l) => cutLine(at + l));
}

export async function readTaskLog(ctx: TaskLogContext, req: LogRequest): Promise<LogRead> {
  const closer = new AbortController();
  const signal = AbortSignal.any([closer.signal, ctx.signal, ...(req.signal ? [req.signal] : [])]);
  const rc = ctx.readContext(signal);
  let where: TaskLogStream | undefined;
  const get = (params: { nextToken?: string; startFromHead: boolean; limit: number }): Promise<GetLogEventsCommandOutput> =>
    rc.call('GetLogEvents', (abortSignal) => rc.clients.logs(where!.region).send(new GetLogEventsCommand({ logGroupName: where!.group, logStreamName: where!.stream, ...params }), { abortSignal }));
  let first: GetLogEventsCommandOutput;
  try {
    where = await taskLogStream(ctx, rc, req.object, req.container);
    // The tail is one call a user waits for: it does not wait at the gate, which paces the followers' polls.
    first = await get({ startFromHead: false, limit: clampTail(req.tailLines) });
  } catch (e) {
    closer.abort();
    throw logError(e, where, req.object.source);
  }
  const pollMs = ctx.pollMs ?? LOG_POLL_MS;
  const timestamps = req.timestamps ?? false;

  /** A page's lines; none once closed (a page may hold many lines, and close() ends them all). */
  function* emit(events: OutputLogEvent[] | undefined): Generator<string> {
    for (const ev of events ?? []) {
      for (const line of eventLines(ev, timestamps)) {
        if (signal.aborted) return;
        yield line;
      }
    }
  }

  async function* lines(): AsyncGenerator<string> {
    try {
      yield* emit(first.events);
      let token = first.nextForwardToken;
      let wait = pollMs;
      let failures = 0;
      while (req.follow && token && !signal.aborted) {
        if (wait > 0 && !(await pause(ctx.clock, wait, signal))) return;
        if (!(await ctx.gate.wait(signal))) return;
        try {
          const page = await get({ nextToken: token, startFromHead: true, limit: FOLLOW_PAGE });
          failures = 0;
          yield* emit(page.events);
          token = page.nextForwardToken ?? token;
          wait = nextPollWait({ events: page.events?.length ?? 0, failures, pollMs, random: ctx.random });
        } catch (e) {
          if (signal.aborted) return;
          const err = e as Partial<EcsCallError>;
          // Throttling and passing failures (5xx, timeouts) back off; a stream gone or access denied ends the follow.
          if (err.code === 'ResourceNotFoundException' || err.failure === 'forbidden' || err.failure === 'down') return;
          failures++;
          wait = nextPollWait({ events: 0, failures, pollMs, random: ctx.random });
        }
      }
    } finally {
      closer.abort();
    }
  }
  return {
    call: `GetLogEvents ${where.group} ${where.stream} (${where.region})`,
    lines: lines(),
    close: () => closer.abort(),
  };
}
