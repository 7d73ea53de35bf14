/**
 * `GET /api/v1/namespaces/<ns>/pods/<name>/log` as the API server and kubelet answer it: plain
 * text, `container`, `tailLines`, `limitBytes`, `sinceSeconds`/`sinceTime`, `timestamps`,
 * `previous` (the last terminated instance; 400 when there is none), and `follow` (a chunked
 * stream that writes each new line when the simulator's clock reaches it, until the client
 * leaves, the pod goes away or `limitBytes` is reached). Lines come from ../telemetry/log-lines.ts.
 */
import type { ServerResponse } from 'node:http';
import { notFound, type SimContext } from './context';
import { head, sendJson } from './http';
import { formatLine, linesUpTo, logLine, type LogSource } from '../telemetry/log-lines';
import { PRIMARY } from './resources';
import { ApiError, isRecord, type Dict, type KubeObject } from './types';

const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

function positiveInt(q: URLSearchParams, name: string, min: number): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ApiError(422, 'Invalid', `PodLogOptions "" is invalid: ${name}: Invalid value: ${raw}: must be ${min === 0 ? 'non-negative' : 'greater than 0'}`);
  return n;
}

const flag = (q: URLSearchParams, name: string) => q.get(name) === 'true' || q.get(name) === '1';

function containerName(pod: KubeObject, q: URLSearchParams): string {
  const names = ((pod.spec?.containers ?? []) as Dict[]).map((c) => String(c.name));
  const asked = q.get('container');
  if (asked) {
    if (!names.includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${pod.metadata.name}`);
    return asked;
  }
  if (names.length === 1) return names[0];
  throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
}

const ms = (t: unknown): number | undefined => (typeof t === 'string' && !Number.isNaN(Date.parse(t)) ? Date.parse(t) : undefined);

/** A terminated instance whose times the simulator stamped together still gets half a minute of lines. */
const TERMINATED_SPAN_MS = 30_000;

/** Which instance of the container the request reads, following the kubelet's choice. */
export function logSource(pod: KubeObject, container: string, previous: boolean): LogSource {
  const podName = pod.metadata.name;
  if (!pod.spec?.nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
  const spec = ((pod.spec.containers ?? []) as Dict[]).find((c) => c.name === container) ?? {};
  const status = ((pod.status?.containerStatuses ?? []) as Dict[]).find((c) => c.name === container);
  const restarts = Number(status?.restartCount ?? 0);
  const base = { namespace: pod.metadata.namespace ?? '', pod: podName, container, image: String(spec.image ?? ''), podIp: pod.status?.podIP };
  const terminated = isRecord(status?.lastState?.terminated) ? (status.lastState.terminated as Dict) : undefined;
  const fromTerminated = (t: Dict): LogSource => {
    const finishedAt = ms(t.finishedAt) ?? Date.now();
    const startedAt = Math.min(ms(t.startedAt) ?? finishedAt, finishedAt - TERMINATED_SPAN_MS);
    return { ...base, instance: Math.max(0, restarts - 1), startedAt, finishedAt };
  };
  if (previous) {
    if (!terminated) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return fromTerminated(terminated);
  }
  const running = status?.state?.running;
  if (isRecord(running)) return { ...base, instance: restarts, startedAt: ms(running.startedAt) ?? ms(pod.status?.startTime) ?? Date.now() };
  if (terminated) return fromTerminated(terminated);
  const reason = String(status?.state?.waiting?.reason ?? 'ContainerCreating');
  if (reason === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
}

export function handlePodLog(ctx: SimContext, namespace: string, name: string, q: URLSearchParams, res: ServerResponse): void {
  const pod = ctx.store.get('pods', namespace, name);
  if (!pod) throw notFound(PRIMARY.pods, name);
  const container = containerName(pod, q);
  const tailLines = positiveInt(q, 'tailLines', 0);
  let limitBytes = positiveInt(q, 'limitBytes', 1);
  const sinceSeconds = positiveInt(q, 'sinceSeconds', 1);
  if (sinceSeconds !== undefined && q.has('sinceTime')) throw new ApiError(422, 'Invalid', 'PodLogOptions "" is invalid: sinceTime: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const now = ctx.clock.now();
  const since = sinceSeconds !== undefined ? now - sinceSeconds * 1000 : ms(q.get('sinceTime'));
  const src = logSource(pod, container, flag(q, 'previous'));
  const timestamps = flag(q, 'timestamps');
  const { lines, next } = linesUpTo(src, ctx.seed, now, { tailLines, since });
  let text = Buffer.from(lines.map((l) => formatLine(l, timestamps)).join(''));
  const limited = limitBytes !== undefined && text.length >= limitBytes;
  if (limitBytes !== undefined) {
    text = text.subarray(0, limitBytes);
    limitBytes -= text.length;
  }
  if (!flag(q, 'follow') || limited || src.finishedAt !== undefined) {
    return sendJson(res, 200, text.toString('utf8'), { 'Content-Type': 'text/plain' });
  }
  head(res, 200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  if (text.length) res.write(text);
  followLines(ctx, res, pod, src, next, timestamps, limitBytes);
}

/** Writes line after line as the clock reaches each; ends when the client leaves or the pod goes. */
function followLines(ctx: SimContext, res: ServerResponse, pod: KubeObject, src: LogSource, first: number, timestamps: boolean, limitBytes: number | undefined): void {
  let index = first;
  let left = limitBytes;
  let timer: ReturnType<SimContext['clock']['setTimeout']> | undefined;
  ctx.held.add(res);
  res.on('close', () => {
    if (timer) ctx.clock.clearTimeout(timer);
    ctx.held.delete(res);
  });
  const schedule = () => {
    const line = logLine(src, ctx.seed, index);
    timer = ctx.clock.setTimeout(write, Math.max(0, line.at - ctx.clock.now()));
  };
  const write = () => {
    timer = undefined;
    if (res.destroyed || res.writableEnded) return;
    const current = ctx.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp) return void res.end();
    let chunk = Buffer.from(formatLine(logLine(src, ctx.seed, index++), timestamps));
    if (left !== undefined) {
      chunk = chunk.subarray(0, left);
      left -= chunk.length;
    }
    const more = res.write(chunk);
    if (left === 0) return void res.end();
    // Backpressure: a slow reader gets the next line once the socket drained.
    if (more) schedule();
    else res.once('drain', schedule);
  };
  schedule();
}
