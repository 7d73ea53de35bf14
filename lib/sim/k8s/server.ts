/**
 * HTTPS front of the simulator: bearer-token authentication, discovery, and routing of
 * `/api/v1/...` and `/apis/<group>/<version>/...` paths to the verbs.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkForbidden, type SimContext } from './context';
import { apiGroup, apiGroupList, apiResourceList, coreVersions, SERVER_VERSION } from './discovery';
import { markFault, readBody, readBodyBytes, sendError, sendJson, track, type RequestRecord } from './http';
import { answerWithFault, type ReadVerb } from './faults';
import { decodeAccessReview } from './protobuf';
import { acceptable, notAcceptable, readObjectBody } from './body';
import { handleMetrics } from './metrics-api';
import { handlePodLog } from './pod-log';
import { openApiV3Doc, openApiV3Index } from './openapi';
import { handleGet, handleList, handleWatch, listBody } from './read';
import { findResource, storageKey, type ResourceDef, type Subresource } from './resources';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, isRecord } from './types';
import { handleCreate, handleDelete, handleDeleteCollection, handleEviction, handleGetScale, handlePatch, handleUpdate, parseBody } from './write';

export interface ServerOptions {
  cert: string;
  key: string;
  token: string;
  requests: RequestRecord[];
  requestLogLimit: number;
}

/** Paths a real API server serves to anonymous clients (system:public-info-viewer). */
const ANONYMOUS = new Set(['/version', '/healthz', '/readyz', '/livez']);

interface Route {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  sub?: string;
  watch: boolean;
}

function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

/** Resolves `<gv>/[watch/][namespaces/<ns>/]<resource>[/<name>[/<sub>]]`. */
function resolve(gv: string, segs: string[]): Route {
  let watch = false;
  if (segs[0] === 'watch') {
    watch = true;
    segs = segs.slice(1);
  }
  let namespace: string | undefined;
  // `namespaces/<ns>/<resource>...` scopes a resource; `namespaces/<name>/status` is a subresource.
  if (segs[0] === 'namespaces' && segs.length >= 3 && findResource(gv, segs[2])) {
    namespace = segs[1];
    segs = segs.slice(2);
  }
  const def = findResource(gv, segs[0] ?? '');
  if (!def || segs.length > 3) throw notFoundPath();
  if (namespace !== undefined && !def.namespaced) throw notFoundPath();
  const sub = segs[2];
  if (sub !== undefined && !def.subresources.includes(sub as Subresource)) throw notFoundPath();
  return { def, namespace, name: segs[1], sub, watch };
}

const METRICS_GROUP = 'metrics.k8s.io';

function discovery(path: string, metricsApi: boolean): object | undefined {
  if (path === '/api') return coreVersions();
  if (!metricsApi && path.startsWith(`/apis/${METRICS_GROUP}`)) return undefined;
  if (path === '/apis') {
    const list = apiGroupList() as { groups: { name: string }[] };
    return metricsApi ? list : { ...list, groups: list.groups.filter((g) => g.name !== METRICS_GROUP) };
  }
  if (path === '/api/v1') return apiResourceList('v1');
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  return m[2] ? apiResourceList(`${m[1]}/${m[2]}`) : apiGroup(m[1]);
}

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const accept = req.headers.accept;
  if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
  if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    // Probe endpoints answer plain `ok`; kept JSON-typed like every answer of the simulator.
    return sendJson(res, 200, '"ok"');
  }
  if (!acceptable(accept)) {
    req.resume();
    throw notAcceptable();
  }
  if (method === 'GET') {
    const doc = path === '/openapi/v3' ? openApiV3Index() : path.startsWith('/openapi/v3/') ? openApiV3Doc(path) : discovery(path, ctx.metricsApi);
    if (doc) return sendJson(res, 200, doc);
  }
  let gv: string;
  let rest: string[];
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segs[0] === 'api' && segs[1] === 'v1') {
    gv = 'v1';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    gv = `${segs[1]}/${segs[2]}`;
    rest = segs.slice(3);
  } else throw notFoundPath();

  const r = resolve(gv, rest);
  const { def, namespace: ns, name, sub } = r;
  if (def.virtual) {
    if (method !== 'POST' || name !== undefined) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const raw = await readBodyBytes(req);
    const ct = req.headers['content-type'] ?? 'application/json';
    let review: unknown;
    try {
      review = ct.includes('protobuf') ? decodeAccessReview(raw) : parseBody(raw.toString('utf8'), ct);
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `the body of the request was in an unknown format: ${(e as Error).message}`);
    }
    return sendJson(res, 201, accessReview(ctx, review));
  }
  if (def.computed) {
    // Without metrics-server the group does not exist; with it, forbid() and injected faults (a 503
    // from an unavailable APIService) apply to its reads as to any other resource's.
    if (!ctx.metricsApi) throw notFoundPath();
    if (method === 'GET') {
      const verb: ReadVerb = name === undefined ? 'list' : 'get';
      // Only `pods.metrics.k8s.io` forbids these: RBAC rules name their API group, so forbid('pods') does not.
      if (ctx.forbidden.has(storageKey(def))) checkForbidden(ctx, def, verb, ns);
      const fault = ctx.faults.match(def, verb, q);
      if (fault) {
        markFault(res, fault.type);
        return answerWithFault(res, fault, verb, def, ctx.held, () => '{}');
      }
    }
    return handleMetrics(ctx, def, ns, name, method, q, res);
  }
  if (sub === 'log') {
    if (method !== 'GET') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (ns === undefined || name === undefined) throw notFoundPath();
    return handlePodLog(ctx, ns, name, q, res);
  }
  const watch = r.watch || q.get('watch') === 'true' || q.get('watch') === '1';
  const contentType = req.headers['content-type'] ?? 'application/json';

  if (method === 'GET' && sub === undefined) {
    const verb: ReadVerb = watch ? 'watch' : name === undefined ? 'list' : 'get';
    const fault = ctx.faults.match(def, verb, q);
    if (fault) {
      markFault(res, fault.type);
      return answerWithFault(res, fault, verb, def, ctx.held, () => listBody(ctx, def, ns, q, accept));
    }
  }

  if (name === undefined) {
    switch (method) {
      case 'GET':
        if (watch) return handleWatch(ctx, def, ns, undefined, q, accept, res);
        return handleList(ctx, def, ns, q, accept, res);
      case 'POST': {
        if (def.namespaced && ns === undefined) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        const out = handleCreate(ctx, def, ns, await readObjectBody(req), q);
        return sendJson(res, out.code, out.body);
      }
      case 'DELETE': {
        const labels = parseLabelSelector(q.get('labelSelector'));
        const fields = parseFieldSelector(q.get('fieldSelector'), def.kind);
        const items = ctx.store.list(storageKey(def), ns, (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o));
        const out = handleDeleteCollection(ctx, def, ns, items, await readBody(req), q);
        return sendJson(res, out.code, out.body);
      }
      default:
        throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }
  if (def.namespaced && ns === undefined) throw notFoundPath();
  if (sub === 'eviction') {
    if (method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const out = handleEviction(ctx, def, ns, name, await readBody(req), q);
    return sendJson(res, out.code, out.body);
  }
  switch (method) {
    case 'GET':
      if (watch) return handleWatch(ctx, def, ns, name, q, accept, res);
      if (sub === 'scale') return sendJson(res, 200, handleGetScale(ctx, def, ns, name));
      return handleGet(ctx, def, ns, name, q, accept, res);
    case 'PUT': {
      const out = handleUpdate(ctx, def, ns, name, await readObjectBody(req), sub, q);
      return sendJson(res, out.code, out.body);
    }
    case 'PATCH': {
      const out = handlePatch(ctx, def, ns, name, await readBody(req), contentType, sub, q);
      return sendJson(res, out.code, out.body);
    }
    case 'DELETE': {
      if (sub) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const out = handleDelete(ctx, def, ns, name, await readBody(req), q);
      return sendJson(res, out.code, out.body);
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}

/**
 * SelfSubjectAccessReview (`kubectl auth can-i`): everything is allowed except reads of
 * resources forbidden through `faults.forbid`.
 */
function accessReview(ctx: SimContext, body: unknown): object {
  const spec = isRecord(body) && isRecord(body.spec) ? body.spec : {};
  const attrs = isRecord(spec.resourceAttributes) ? spec.resourceAttributes : {};
  const resource = String(attrs.resource ?? '');
  const group = String(attrs.group ?? '');
  const read = ['get', 'list', 'watch'].includes(String(attrs.verb ?? ''));
  const denied = read && (ctx.forbidden.has(resource) || (group !== '' && ctx.forbidden.has(`${resource}.${group}`)));
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    // RBAC answers a denial with allowed=false and no reason (no rule matched).
    status: denied ? { allowed: false } : { allowed: true, reason: 'the simulator allows everything' },
  };
}

export function createApiServer(ctx: SimContext, opts: ServerOptions): https.Server {
  const connections = new WeakMap<object, number>();
  const server = https.createServer({ cert: opts.cert, key: opts.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const ua = req.headers['user-agent'];
    const rec: RequestRecord = {
      method: req.method ?? 'GET', path: url.pathname, query: url.search.replace(/^\?/, ''), status: 0, at: Date.now(),
      connection: connections.get(req.socket), ...(ua ? { userAgent: ua } : {}),
    };
    opts.requests.push(rec);
    if (opts.requests.length > opts.requestLogLimit * 1.1) opts.requests.splice(0, opts.requests.length - opts.requestLogLimit);
    track(res, rec);
    const auth = req.headers.authorization;
    if (!ANONYMOUS.has(url.pathname) && auth !== `Bearer ${opts.token}`) {
      req.resume();
      sendError(res, new ApiError(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    route(ctx, req, res, url).catch((err: unknown) => sendError(res, err));
  });
  let accepted = 0;
  server.on('secureConnection', (socket) => connections.set(socket, ++accepted));
  return server;
}
