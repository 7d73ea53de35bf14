// CloudWatch Logs, read-only (AWS JSON 1.1, X-Amz-Target: Logs_20140328.<Op>), for containers
// whose task definition uses the `awslogs` driver. Nothing is stored: groups come from the task
// definitions' `awslogs-group`, streams from the tasks that started (`<prefix>/<container>/<task
// id>`, as the ECS agent names them), and the events of a stream are the shared line generator's
// lines up to the simulator's clock. Event i of a stream is line i, so tokens are line indices.
import { linesUpTo, type LogLine, type LogSource } from '../telemetry/log-lines';
import { ApiError } from './errors';
import { isObject, paginate, type Json, type Params } from './params';
import type { SimState, Task } from './state';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

/** The line generator's seed for ECS tasks (the Kubernetes simulator has its own). */
const LOG_SEED = 11;
/** CloudWatch Logs takes a moment to ingest an event. */
const INGESTION_DELAY_MS = 180;
const MAX_EVENTS = 10_000;

interface Stream {
  group: string;
  name: string;
  source: LogSource;
}

const invalid = (message: string): ApiError => new ApiError('InvalidParameterException', message);
const notFound = (what: 'group' | 'stream'): ApiError => new ApiError('ResourceNotFoundException', `The specified log ${what} does not exist.`);

function awslogsOptions(container: unknown): { group: string; prefix?: string } | undefined {
  if (!isObject(container) || !isObject(container.logConfiguration)) return undefined;
  const { logDriver, options } = container.logConfiguration;
  if (logDriver !== 'awslogs' || !isObject(options) || typeof options['awslogs-group'] !== 'string') return undefined;
  const prefix = options['awslogs-stream-prefix'];
  return { group: options['awslogs-group'], ...(typeof prefix === 'string' && prefix !== '' ? { prefix } : {}) };
}

function containerDefs(state: SimState, taskDefinitionArn: string): unknown[] {
  const td = state.taskDefs.get(taskDefinitionArn);
  return Array.isArray(td?.input.containerDefinitions) ? td.input.containerDefinitions : [];
}

/** Log groups named by any registered task definition, with the earliest registration as creation. */
function groups(state: SimState): Map<string, number> {
  const out = new Map<string, number>();
  for (const td of state.taskDefs.values()) {
    for (const c of Array.isArray(td.input.containerDefinitions) ? td.input.containerDefinitions : []) {
      const opts = awslogsOptions(c);
      if (opts) out.set(opts.group, Math.min(out.get(opts.group) ?? Infinity, td.registeredAt));
    }
  }
  return out;
}

function streamsOfTask(state: SimState, task: Task): Stream[] {
  const startedAt = task.startedAt;
  if (startedAt === undefined) return [];
  const clusterName = task.clusterArn.slice(task.clusterArn.lastIndexOf('/') + 1);
  return containerDefs(state, task.taskDefinitionArn).flatMap((c) => {
    const opts = awslogsOptions(c);
    const name = isObject(c) && typeof c.name === 'string' ? c.name : undefined;
    if (!opts || !name) return [];
    const image = isObject(c) && typeof c.image === 'string' ? c.image : '';
    // Without a prefix the agent names the stream after the Docker container id.
    const runtimeId = task.containers.find((tc) => tc.name === name)?.runtimeId ?? task.id;
    const streamName = opts.prefix ? `${opts.prefix}/${name}/${task.id}` : runtimeId;
    const finishedAt = task.stoppedAt ?? task.executionStoppedAt;
    const source: LogSource = { namespace: clusterName, pod: task.id, container: name, image, instance: 0, startedAt, ...(finishedAt !== undefined ? { finishedAt } : {}) };
    return [{ group: opts.group, name: streamName, source }];
  });
}

function streamsOf(state: SimState, group: string): Stream[] {
  return [...state.tasks.values()].flatMap((t) => streamsOfTask(state, t)).filter((s) => s.group === group);
}

/** `logGroupName`, or `logGroupIdentifier` (a name or an ARN), of a group that exists. */
function groupName(state: SimState, p: Params): string {
  const id = p.str('logGroupIdentifier');
  const name = p.str('logGroupName') ?? (id?.startsWith('arn:') ? id.split(':')[6] : id);
  if (name === undefined || name === '') throw invalid('Either logGroupName or logGroupIdentifier must be specified.');
  if (!groups(state).has(name)) throw notFound('group');
  return name;
}

const groupArn = (state: SimState, name: string): string => `arn:aws:logs:${state.region}:${state.accountId}:log-group:${name}`;

interface Event extends LogLine {
  index: number;
}

/** The events of a stream visible at `now` (ingested), oldest first, each with its line index. */
function events(stream: Stream, now: number): Event[] {
  const { lines, next } = linesUpTo(stream.source, LOG_SEED, now - INGESTION_DELAY_MS);
  return lines.map((l, i) => ({ ...l, index: next - lines.length + i }));
}

const eventShape = (e: Event): Json => ({ timestamp: e.at, message: e.text, ingestionTime: e.at + INGESTION_DELAY_MS });

function limitOf(p: Params): number {
  const limit = p.int('limit');
  if (limit !== undefined && (limit < 1 || limit > MAX_EVENTS)) throw invalid(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_EVENTS}`);
  return limit ?? MAX_EVENTS;
}

function inWindow(p: Params): (at: number) => boolean {
  const start = p.int('startTime');
  const end = p.int('endTime');
  return (at) => (start === undefined || at >= start) && (end === undefined || at < end);
}

export function describeLogGroups(state: SimState, p: Params): Json {
  const prefix = p.str('logGroupNamePrefix');
  const pattern = p.str('logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const all = [...groups(state)]
    .filter(([name]) => (prefix === undefined || name.startsWith(prefix)) && (pattern === undefined || name.toLowerCase().includes(pattern.toLowerCase())))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, createdAt]) => ({
      logGroupName: name,
      creationTime: createdAt,
      metricFilterCount: 0,
      arn: `${groupArn(state, name)}:*`,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      logGroupArn: groupArn(state, name),
    }));
  const page = paginate(all, p.str('nextToken'), p.int('limit'), { def: 50, max: 50, field: 'limit' });
  return { logGroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export function describeLogStreams(state: SimState, p: Params): Json {
  const group = groupName(state, p);
  const prefix = p.str('logStreamNamePrefix');
  const orderBy = p.str('orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw invalid(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const now = state.now();
  const all = streamsOf(state, group)
    .filter((s) => prefix === undefined || s.name.startsWith(prefix))
    .map((s) => {
      const evs = events(s, now);
      const first = evs[0];
      const last = evs.at(-1);
      return {
        logStreamName: s.name,
        creationTime: s.source.startedAt,
        ...(first && last ? { firstEventTimestamp: first.at, lastEventTimestamp: last.at, lastIngestionTime: last.at + INGESTION_DELAY_MS } : {}),
        arn: `${groupArn(state, group)}:log-stream:${s.name}`,
        storedBytes: 0,
      };
    });
  const key = (s: (typeof all)[number]): string | number => (orderBy === 'LogStreamName' ? s.logStreamName : (s.lastEventTimestamp ?? 0));
  all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (p.bool('descending')) all.reverse();
  const page = paginate(all, p.str('nextToken'), p.int('limit'), { def: 50, max: 50, field: 'limit' });
  return { logStreams: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

// Tokens name a position between events: `f/<i>` reads forward from line i, `b/<i>` backward
// from before line i. At the end of a stream, reading forward answers no events and the token it
// was given, which is how clients know they caught up (and poll again later).
const TOKEN = /^([fb])\/(\d{20})\/s$/;
const token = (dir: 'f' | 'b', i: number): string => `${dir}/${String(i).padStart(20, '0')}/s`;

export function getLogEvents(state: SimState, p: Params): Json {
  const group = groupName(state, p);
  const name = p.reqStr('logStreamName');
  const stream = streamsOf(state, group).find((s) => s.name === name);
  if (!stream) throw notFound('stream');
  const limit = limitOf(p);
  const within = inWindow(p);
  const all = events(stream, state.now()).filter((e) => within(e.at));
  const given = p.str('nextToken');
  let page: Event[];
  let at: number; // the position the page starts at, when it is empty
  if (given !== undefined) {
    const m = TOKEN.exec(given);
    if (!m) throw invalid('The specified nextToken is invalid.');
    const pos = Number(m[2]);
    page = m[1] === 'f' ? all.filter((e) => e.index >= pos).slice(0, limit) : all.filter((e) => e.index < pos).slice(-limit);
    at = pos;
  } else if (p.bool('startFromHead')) {
    page = all.slice(0, limit);
    at = all[0]?.index ?? 0;
  } else {
    page = all.slice(-limit);
    at = (all.at(-1)?.index ?? -1) + 1;
  }
  const first = page[0]?.index ?? at;
  const next = (page.at(-1)?.index ?? at - 1) + 1;
  return { events: page.map(eventShape), nextForwardToken: token('f', next), nextBackwardToken: token('b', first) };
}

/** `filterPattern` as a plain substring (a quoted pattern is a phrase: the quotes are dropped). */
function matcher(pattern: string | undefined): (message: string) => boolean {
  const term = (pattern ?? '').trim().replace(/^"(.*)"$/, '$1');
  return (message) => term === '' || message.includes(term);
}

export function filterLogEvents(state: SimState, p: Params): Json {
  const group = groupName(state, p);
  const names = p.strList('logStreamNames');
  const prefix = p.str('logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive');
  const limit = limitOf(p);
  const matches = matcher(p.str('filterPattern'));
  const within = inWindow(p);
  const now = state.now();
  const streams = streamsOf(state, group).filter((s) => (names === undefined || names.includes(s.name)) && (prefix === undefined || s.name.startsWith(prefix)));
  if (names !== undefined && names.some((n) => !streams.some((s) => s.name === n))) throw notFound('stream');
  // Interleaved by time; ties by stream, then line, so that offsets in the token stay stable.
  const all = streams
    .flatMap((s) => events(s, now).filter((e) => within(e.at) && matches(e.text)).map((e) => ({ e, stream: s.name })))
    .sort((a, b) => a.e.at - b.e.at || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0) || a.e.index - b.e.index);
  const page = paginate(all, p.str('nextToken'), limit, { def: MAX_EVENTS, max: MAX_EVENTS, field: 'limit' });
  return {
    events: page.items.map(({ e, stream }) => ({ logStreamName: stream, ...eventShape(e), eventId: `${e.at}${String(e.index).padStart(20, '0')}` })),
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export const LOGS_HANDLERS: Record<string, (state: SimState, p: Params) => Json> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};
