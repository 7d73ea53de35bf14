/** Read verbs: get, list (paging, selectors, tables) and watch. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkForbidden, notFound, servedJson, type SimContext } from './context';
import { sendJson, startStream } from './http';
import { garbled } from './faults';
import { groupVersion, storageKey, type ResourceDef } from './resources';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import type { StoreEvent } from './store';
import { table, tableColumns, tableRow, type IncludeObject } from './tables';
import { ApiError, type Dict, type KubeObject } from './types';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
    if (typeof v === 'object' && v !== null && 'rv' in v && 'start' in v && typeof v.rv === 'number' && typeof v.start === 'string') {
      return { rv: v.rv, start: v.start };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function objectFilter(def: ResourceDef, q: URLSearchParams, name?: string): ((o: KubeObject) => boolean) | undefined {
  const labels = parseLabelSelector(q.get('labelSelector'));
  const fields = parseFieldSelector(q.get('fieldSelector'), def.kind);
  if (!labels.length && !fields.length && !name) return undefined;
  return (o) =>
    (!name || o.metadata.name === name) && matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o);
}

/**
 * A resourceVersion newer than the store's (e.g. remembered from before a restart): the real
 * server waits up to 3 s for its cache, then answers 504 Timeout with cause
 * ResourceVersionTooLarge. The simulator never catches up, so it answers at once.
 */
function tooLarge(ctx: SimContext, rvParam: string | null): ApiError | undefined {
  if (!rvParam || !/^\d+$/.test(rvParam) || Number(rvParam) <= ctx.store.resourceVersion) return undefined;
  return new ApiError(504, 'Timeout', `Too large resource version: ${rvParam}, current: ${ctx.store.resourceVersion}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

export function handleGet(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, q: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  checkForbidden(ctx, def, 'get', ns);
  const obj = ctx.store.get(storageKey(def), ns, name);
  if (!obj) throw notFound(def, name);
  if (wantsTable(accept)) {
    sendJson(res, 200, table(def.kind, [obj], { resourceVersion: obj.metadata.resourceVersion }, includeObject(q)));
    return;
  }
  sendJson(res, 200, servedJson(ctx, def, obj));
}

export function handleList(ctx: SimContext, def: ResourceDef, ns: string | undefined, q: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  sendJson(res, 200, listBody(ctx, def, ns, q, accept));
}

/** The JSON of one list page (or Table); throws ApiError for 403, 410, 504. */
export function listBody(ctx: SimContext, def: ResourceDef, ns: string | undefined, q: URLSearchParams, accept: string | undefined): string {
  checkForbidden(ctx, def, 'list', ns);
  const large = tooLarge(ctx, q.get('resourceVersion'));
  if (large) throw large;
  const filter = objectFilter(def, q);
  const limit = Number(q.get('limit') ?? '0') || 0;
  const cont = q.get('continue');
  let listRv = ctx.store.resourceVersion;
  let after: string | undefined;
  if (cont) {
    const t = decodeContinue(cont);
    if (t.rv < ctx.store.oldestWatchableRv) {
      throw new ApiError(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    listRv = t.rv;
    after = t.start;
  }
  const page = ctx.store.scan(storageKey(def), { namespace: ns, after, filter, limit });
  const meta: Dict = { resourceVersion: String(listRv) };
  if (page.lastKey !== undefined) {
    meta.continue = encodeContinue({ rv: listRv, start: page.lastKey });
    if (page.remaining !== undefined) meta.remainingItemCount = page.remaining;
  }
  if (wantsTable(accept)) return JSON.stringify(table(def.kind, page.items, meta, includeObject(q)));
  const head = `{"kind":${JSON.stringify(`${def.kind}List`)},"apiVersion":${JSON.stringify(groupVersion(def))},"metadata":${JSON.stringify(meta)},"items":[`;
  const parts: string[] = new Array<string>(page.items.length);
  for (let i = 0; i < page.items.length; i++) parts[i] = servedJson(ctx, def, page.items[i]);
  return head + parts.join(',') + ']}';
}

/**
 * Watch: chunked newline-delimited `{type, object}` events. Without resourceVersion (or "0")
 * the current state is sent as synthetic ADDED events first; with one, history after it is
 * replayed, or an ERROR event carrying a 410 Expired Status when it is older than the history.
 */
export function handleWatch(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string | undefined, q: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  checkForbidden(ctx, def, 'watch', ns);
  const filter = objectFilter(def, q, name) ?? (() => true);
  const key = storageKey(def);
  const rvParam = q.get('resourceVersion');
  const asTable = wantsTable(accept);
  const include = includeObject(q);
  const inScope = (o: KubeObject): boolean => (ns === undefined || o.metadata.namespace === ns) && filter(o);
  let columnsSent = false;

  startStream(res);
  ctx.watches.set(res, key);
  const send = (line: string): void => {
    res.write(ctx.faults.garble(def) ? garbled(line) : line);
  };
  const write = (type: string, obj: KubeObject): void => {
    if (asTable && type !== 'ERROR' && type !== 'BOOKMARK') {
      const t: Dict = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: obj.metadata.resourceVersion }, rows: [tableRow(obj, include)] };
      if (!columnsSent) t.columnDefinitions = tableColumns(def.kind);
      columnsSent = true;
      send(`{"type":"${type}","object":${JSON.stringify(t)}}\n`);
      return;
    }
    send(`{"type":"${type}","object":${servedJson(ctx, def, obj)}}\n`);
  };

  const onEvent = (ev: StoreEvent): void => {
    if (ev.key !== key) return;
    const now = inScope(ev.obj);
    if (ev.type === 'MODIFIED' && ev.old) {
      const before = inScope(ev.old);
      if (now && before) write('MODIFIED', ev.obj);
      else if (now) write('ADDED', ev.obj);
      else if (before) write('DELETED', ev.obj);
    } else if (now) write(ev.type, ev.obj);
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: () => void = () => undefined;
  const finish = (): void => {
    timers.forEach((t) => clearTimeout(t));
    unsubscribe();
    ctx.watches.delete(res);
    if (!res.writableEnded) res.end();
  };
  res.on('close', finish);
  // stop() ends watches directly; the timers must not outlive the response.
  res.on('finish', finish);

  const bookmarkObj = (annotations?: Record<string, string>): string =>
    JSON.stringify({
      kind: def.kind,
      apiVersion: groupVersion(def),
      metadata: { resourceVersion: String(ctx.store.resourceVersion), ...(annotations ? { annotations } : {}) },
    });
  if (q.get('sendInitialEvents') === 'true') {
    // Watch-list (streaming list): current state, then a bookmark marking the end of it.
    for (const o of ctx.store.list(key, ns, filter)) write('ADDED', o);
    res.write(`{"type":"BOOKMARK","object":${bookmarkObj({ 'k8s.io/initial-events-end': 'true' })}}\n`);
  } else if (!rvParam || rvParam === '0') {
    for (const o of ctx.store.list(key, ns, filter)) write('ADDED', o);
  } else {
    const large = tooLarge(ctx, rvParam);
    if (large) {
      res.write(`{"type":"ERROR","object":${JSON.stringify(large.toStatus())}}\n`);
      finish();
      return;
    }
    const rv = Number(rvParam);
    const events = Number.isFinite(rv) ? ctx.store.eventsSince(rv) : 'expired';
    if (events === 'expired') {
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rvParam} (${ctx.store.oldestWatchableRv})`,
        reason: 'Expired',
        code: 410,
      };
      res.write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
      finish();
      return;
    }
    for (const ev of events) onEvent(ev);
  }
  unsubscribe = ctx.store.subscribe(onEvent);

  if (q.get('allowWatchBookmarks') === 'true') {
    const bookmark = (): void => {
      if (!res.writableEnded) res.write(`{"type":"BOOKMARK","object":${bookmarkObj()}}\n`);
    };
    timers.push(setInterval(bookmark, ctx.bookmarkIntervalMs));
  }
  const timeout = Number(q.get('timeoutSeconds') ?? '0');
  if (timeout > 0) timers.push(setTimeout(finish, timeout * 1000));
}

