// GET /api/logs?id=<instance or workload id>&container=&tail=&previous=1&follow=1: container logs,
// streamed to the browser as NDJSON records ({pod, t, line} or {pod, error}), one per log line.
// - Backpressure: the body is a ReadableStream pulled by the client; each pull reads one more line
//   from upstream, so a slow browser slows the cluster's stream and nothing piles up here (a
//   workload holds one line per pod in flight).
// - Closing: when the browser goes (request aborted, body cancelled), the upstream GETs are aborted.
// - ECS: a task's or service's tasks' CloudWatch Logs (the adapter polls them); a service container
//   whose driver is not awslogs answers 501 with where its log goes instead.
// - Followers: at most `maxFollowers` follow=1 readers per process (429 beyond, with a message).
// - Privacy: lines are the user's workloads' data; they are passed on, never logged here.
import { findObject } from './raw';
import { errorResponse, json } from './http';
import { servedSnapshot, type SnapshotReader } from './views';
import { clampTail, logReadStatus, type LogRead, type LogRequest } from '@/lib/inventory/logs';
import { defaultLogContainer, loggingNote, readsCloudWatchLogs, type Instance, type ModelObject, type Workload } from '@/lib/model';
import { defaultContainer, splitTimestamp, type LogRecord } from '@/lib/views/logs';

export interface LogsInventory extends SnapshotReader {
  readLogs(req: LogRequest): Promise<LogRead>;
}

/** Pods of one workload read at once (the newest first beyond that); each is one upstream stream. */
export const WORKLOAD_PODS_MAX = 10;

/** Counts open follow streams of this process. */
export class FollowerLimit {
  private open = 0;
  constructor(readonly max: number) {}
  get count(): number {
    return this.open;
  }
  /** A release function (idempotent), or undefined when the cap is reached. */
  acquire(): (() => void) | undefined {
    if (this.open >= this.max) return undefined;
    this.open++;
    let released = false;
    return () => {
      if (!released) this.open--;
      released = true;
    };
  }
}

/** PARALLAX_LOG_FOLLOWERS_MAX (default 20). */
export function followersFromEnv(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.PARALLAX_LOG_FOLLOWERS_MAX ?? '');
  return Number.isInteger(n) && n > 0 ? n : 20;
}

const ERROR_STATUS: Record<number, number> = { 400: 409, 403: 403, 404: 404, 429: 429, 501: 501 };

/** The pods (ECS: tasks) whose logs a request reads: the instance itself, or a workload's (newest first, capped). */
function podsOf(snapshotInstances: Instance[], object: ModelObject): Instance[] | string {
  if (object.kind === 'instance') return [object as Instance];
  if (object.kind !== 'workload') return `${object.ref.kind} ${object.name} has no logs: ask for an instance or a workload`;
  return snapshotInstances.filter((i) => i.workload === object.id)
    .sort((a, b) => (b.startedAt ?? b.createdAt ?? '').localeCompare(a.startedAt ?? a.createdAt ?? ''))
    .slice(0, WORKLOAD_PODS_MAX);
}

/** Where an ECS service's container logs go when Parallax does not read them (not awslogs), else undefined. */
function unreadEcsContainer(w: Workload, container: string | undefined): string | undefined {
  const containers = w.template.containers.filter((c) => c.role !== 'init');
  const c = container !== undefined ? w.template.containers.find((x) => x.name === container) : defaultLogContainer(containers);
  // Unknown here (a template not described): the tasks' own read says.
  if (!c) return undefined;
  return readsCloudWatchLogs(c.logging) ? undefined : loggingNote(c.name, c.logging);
}

export async function logsResponse(inv: LogsInventory, request: Request, followers: FollowerLimit): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const id = params.get('id');
  if (!id) return errorResponse(400, 'missing ?id= (an instance or workload id, as listed by /api/snapshot)');
  const snapshot = servedSnapshot(inv);
  const object = findObject(snapshot, id);
  if (!object) return errorResponse(404, `no object ${id}`);
  const pods = podsOf(snapshot.instances, object);
  if (typeof pods === 'string') return errorResponse(501, pods);
  const follow = params.get('follow') === '1';
  const release = follow ? followers.acquire() : () => undefined;
  if (!release) {
    return json({ error: `too many live log views: this server follows at most ${followers.max} logs at once (PARALLAX_LOG_FOLLOWERS_MAX); close another log view, or read without following` }, { status: 429, headers: { 'retry-after': '10' } });
  }
  const base = {
    tailLines: clampTail(params.has('tail') ? Number(params.get('tail')) : undefined),
    previous: params.get('previous') === '1', timestamps: true, follow,
    signal: request.signal,
  };
  const container = params.get('container') || undefined;
  // An ECS service's tasks share its task definition: a container Parallax cannot read is said once.
  const note = object.platform === 'ecs' && object.kind === 'workload' ? unreadEcsContainer(object as Workload, container) : undefined;
  if (note) {
    release();
    return errorResponse(501, note);
  }
  // ECS: the adapter picks the first container logging to CloudWatch when none is named.
  const containerOf = (pod: Instance) => container ?? (pod.platform === 'kubernetes' ? defaultContainer(pod.containers) : undefined);
  const opened = await Promise.allSettled(pods.map((pod) => inv.readLogs({ ...base, object: pod, container: containerOf(pod) })));
  const failed = opened.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  // One pod: its error is the answer. A workload: a pod that cannot be read is one record among the others'.
  if (object.kind === 'instance' && failed.length) {
    release();
    const e = failed[0];
    const upstream = logReadStatus(e);
    const status = upstream !== undefined ? (ERROR_STATUS[upstream] ?? 502) : 502;
    return json({ error: e.message, source: object.source, ...(upstream !== undefined ? { upstreamStatus: upstream } : {}) }, { status });
  }
  const streams = opened.map((r, i) => ({ pod: pods[i].name, read: r.status === 'fulfilled' ? r.value : undefined, error: r.status === 'rejected' ? (r.reason as Error).message : undefined }));
  const records = mergeRecords(streams);
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    release();
    // Aborts the upstream GETs at once: a pending read then ends, and so does the merge.
    for (const s of streams) s.read?.close();
  };
  if (request.signal.aborted) finish();
  else request.signal.addEventListener('abort', finish, { once: true });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      const next = await records.next().catch(() => ({ done: true as const, value: undefined }));
      if (next.done || done) {
        finish();
        ctrl.close();
      } else ctrl.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
    },
    cancel: finish,
  }, { highWaterMark: 0 });
  return new Response(body, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}

interface PodStream {
  pod: string;
  read?: LogRead;
  error?: string;
}

/**
 * The records of several pods' streams as each line arrives (one line per pod in flight); the
 * browser orders them by time. Ending the merge (return()) ends every upstream stream.
 */
export async function* mergeRecords(streams: PodStream[]): AsyncGenerator<LogRecord> {
  const live = new Map<number, Promise<{ i: number; r: IteratorResult<string> }>>();
  const pull = (i: number) => live.set(i, streams[i].read!.lines.next().then((r) => ({ i, r })));
  try {
    for (const [i, s] of streams.entries()) {
      if (s.error !== undefined) yield { pod: s.pod, error: s.error };
      else pull(i);
    }
    while (live.size) {
      const { i, r } = await Promise.race(live.values());
      if (r.done) {
        live.delete(i);
        continue;
      }
      pull(i);
      yield { pod: streams[i].pod, ...splitTimestamp(r.value) };
    }
  } finally {
    for (const s of streams) s.read?.close();
  }
}
