// HTTP front: every service arrives at `POST /` (one endpoint override for all clients).
// Routing: JSON 1.1 services by X-Amz-Target; query services by the service name in the
// SigV4 credential scope (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`), since EC2
// and ELBv2 both send form bodies with an `Action`. Signatures are not verified, but the
// Authorization header must be present, as on real AWS.
import http from 'node:http';
import { AUTOSCALING_HANDLERS } from './autoscaling';
import { EC2_HANDLERS, ec2Error, ec2Reply } from './ec2';
import { ECS_HANDLERS, ECS_TARGET_PREFIX } from './ecs';
import { ELB_HANDLERS, elbError, elbReply } from './elbv2';
import { ApiError } from './errors';
import { LOGS_HANDLERS, LOGS_TARGET_PREFIX } from './logs';
import { METRICS_HANDLERS, METRICS_TARGET_PREFIX } from './metrics';
import { SECRETS_MANAGER_HANDLERS, SECRETS_MANAGER_TARGET_PREFIX } from './secretsmanager';
import { SSM_HANDLERS, SSM_TARGET_PREFIX } from './ssm';
import { Params } from './params';
import { QueryParams } from './query';
import type { SimState } from './state';
import { uuid } from './arns';

export type ServiceName = 'ecs' | 'ec2' | 'elasticloadbalancing' | 'application-autoscaling' | 'secretsmanager' | 'ssm' | 'logs' | 'monitoring';

export interface RequestRecord {
  service: string;
  operation: string;
  /** HTTP status sent; 0 when an injected fault never answered. */
  status: number;
  at: number;
  /** The client's User-Agent (read-only audits attribute requests by it). */
  userAgent?: string;
  /** The injected fault this request got, if any. */
  fault?: string;
}

/**
 * Injected faults, per operation (`DescribeServices`) or service and operation
 * (`ecs:DescribeServices`); `*` matches every operation. `times` limits how many calls are
 * affected (unlimited when absent; throttle's count is required).
 */
export interface Faults {
  /** The service's AccessDenied answer. */
  deny(operation: string): void;
  /** The service's throttling answer (ThrottlingException, RequestLimitExceeded, Throttling). */
  throttle(operation: string, times: number): void;
  /** An internal error: HTTP 500 with ServerException (ECS) / InternalError (query services). */
  fail(operation: string, times?: number): void;
  /** Read the request, never answer. */
  hang(operation: string, times?: number): void;
  /** Send 200 and headers, then nothing. */
  stall(operation: string, times?: number): void;
  clear(): void;
}

type FaultKind = 'deny' | 'throttle' | 'fail' | 'hang' | 'stall';

const AUTOSCALING_TARGET_PREFIX = 'AnyScaleFrontendService.';
const MAX_LOG = 100_000;

/** Per-protocol codes for injected faults: what each real service answers. */
const FAULT_CODES: Record<ServiceName, Record<'deny' | 'throttle' | 'fail', [string, number]>> = {
  ecs: { deny: ['AccessDeniedException', 400], throttle: ['ThrottlingException', 400], fail: ['ServerException', 500] },
  'application-autoscaling': { deny: ['AccessDeniedException', 400], throttle: ['ThrottlingException', 400], fail: ['InternalServiceException', 500] },
  ec2: { deny: ['UnauthorizedOperation', 403], throttle: ['RequestLimitExceeded', 503], fail: ['InternalError', 500] },
  elasticloadbalancing: { deny: ['AccessDenied', 403], throttle: ['Throttling', 400], fail: ['InternalFailure', 500] },
  secretsmanager: { deny: ['AccessDeniedException', 400], throttle: ['ThrottlingException', 400], fail: ['InternalServiceError', 500] },
  ssm: { deny: ['AccessDeniedException', 400], throttle: ['ThrottlingException', 400], fail: ['InternalServerError', 500] },
  logs: { deny: ['AccessDeniedException', 400], throttle: ['ThrottlingException', 400], fail: ['ServiceUnavailableException', 500] },
  monitoring: { deny: ['AccessDenied', 403], throttle: ['Throttling', 400], fail: ['InternalServiceError', 500] },
};

type JsonHandler = (state: SimState, p: Params) => unknown;

/**
 * The JSON services, by the X-Amz-Target prefix their operations carry. All speak JSON 1.1 but
 * CloudWatch (JSON 1.0, query-compatible: error codes also go in `x-amzn-query-error`).
 */
const JSON_SERVICES: { prefix: string; service: ServiceName; handlers: Record<string, JsonHandler>; json10?: boolean }[] = [
  { prefix: ECS_TARGET_PREFIX, service: 'ecs', handlers: ECS_HANDLERS },
  { prefix: AUTOSCALING_TARGET_PREFIX, service: 'application-autoscaling', handlers: AUTOSCALING_HANDLERS },
  { prefix: SECRETS_MANAGER_TARGET_PREFIX, service: 'secretsmanager', handlers: SECRETS_MANAGER_HANDLERS },
  { prefix: SSM_TARGET_PREFIX, service: 'ssm', handlers: SSM_HANDLERS },
  { prefix: LOGS_TARGET_PREFIX, service: 'logs', handlers: LOGS_HANDLERS },
  { prefix: METRICS_TARGET_PREFIX, service: 'monitoring', handlers: METRICS_HANDLERS, json10: true },
];

export function credentialScopeService(authorization: string | undefined): string | undefined {
  const m = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m?.[1];
}

export class FaultTable implements Faults {
  private readonly rules = new Map<string, { kind: FaultKind; left: number }>();

  deny(operation: string): void {
    this.rules.set(operation, { kind: 'deny', left: Infinity });
  }
  throttle(operation: string, times: number): void {
    this.rules.set(operation, { kind: 'throttle', left: times });
  }
  fail(operation: string, times = Infinity): void {
    this.rules.set(operation, { kind: 'fail', left: times });
  }
  hang(operation: string, times = Infinity): void {
    this.rules.set(operation, { kind: 'hang', left: times });
  }
  stall(operation: string, times = Infinity): void {
    this.rules.set(operation, { kind: 'stall', left: times });
  }
  clear(): void {
    this.rules.clear();
  }

  /** Which fault applies to this call, consuming one use. Keys: `Op`, `service:Op` or `*`. */
  check(service: string, operation: string): FaultKind | undefined {
    for (const k of [operation, `${service}:${operation}`, '*']) {
      const r = this.rules.get(k);
      if (!r || r.left <= 0) continue;
      r.left--;
      if (r.left <= 0) this.rules.delete(k);
      return r.kind;
    }
    return undefined;
  }
}

interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** An injected hang or stall: answer nothing, or headers only. */
  hold?: 'hang' | 'stall';
}

const jsonReply = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body), contentType: 'application/x-amz-json-1.1' });
const jsonError = (code: string, message: string, status: number): Reply => jsonReply(status, { __type: code, message });

/**
 * JSON 1.0 for CloudWatch: `__type` names the error shape (InvalidParameterValueException), the
 * query-protocol code (InvalidParameterValue) travels in a header, as `Code;Sender|Receiver`.
 */
function asJson10(reply: Reply): Reply {
  const out = { ...reply, contentType: 'application/x-amz-json-1.0' };
  if (reply.status < 300 || reply.hold) return out;
  const code = (JSON.parse(reply.body) as { __type: string }).__type;
  return { ...out, headers: { 'x-amzn-query-error': `${code.replace(/Exception$/, '')};${reply.status >= 500 ? 'Receiver' : 'Sender'}` } };
}

export function createHandler(state: SimState, faults: FaultTable, log: RequestRecord[], held: Set<http.ServerResponse>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const target = header(req, 'x-amz-target');
    const auth = header(req, 'authorization');
    let service = 'unknown';
    let operation = 'unknown';
    let reply: Reply;
    try {
      if (target !== undefined) {
        service = JSON_SERVICES.find((s) => target.startsWith(s.prefix))?.service ?? credentialScopeService(auth) ?? 'unknown';
        operation = target.slice(target.indexOf('.') + 1);
        reply = handleJson(state, faults, service, operation, raw, auth);
        if (JSON_SERVICES.find((s) => s.service === service)?.json10) reply = asJson10(reply);
      } else {
        const q = QueryParams.parse(raw);
        operation = q.str('Action') ?? 'unknown';
        service = credentialScopeService(auth) ?? (q.str('Version') === '2015-12-01' ? 'elasticloadbalancing' : 'ec2');
        reply = handleQuery(state, faults, service, operation, q, auth);
      }
    } catch (err) {
      console.error('[ecs-sim] internal error', err);
      reply = jsonError('ServerException', err instanceof Error ? err.message : String(err), 500);
    }
    const ua = header(req, 'user-agent');
    log.push({ service, operation, status: reply.hold === 'hang' ? 0 : reply.status, at: Date.now(), ...(ua ? { userAgent: ua } : {}), ...(reply.hold ? { fault: reply.hold } : {}) });
    // A long-running demo would grow the log forever: keep the most recent half when full.
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG / 2);
    if (reply.hold) {
      held.add(res);
      res.on('close', () => held.delete(res));
      if (reply.hold === 'stall') {
        res.writeHead(200, { 'content-type': reply.contentType, 'content-length': 4096, 'x-amzn-requestid': uuid() });
        res.flushHeaders();
      }
      return;
    }
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': uuid(),
      ...reply.headers,
    });
    res.end(reply.body);
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function handleJson(state: SimState, faults: FaultTable, service: string, operation: string, raw: string, auth: string | undefined): Reply {
  if (auth === undefined) return jsonError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const table = JSON_SERVICES.find((s) => s.service === service)?.handlers;
  const handler = table && Object.hasOwn(table, operation) ? table[operation] : undefined;
  if (!handler) return jsonError('UnknownOperationException', `Operation ${operation} is not supported by this simulator.`, 400);
  const fault = faults.check(service, operation);
  if (fault === 'hang' || fault === 'stall') return { ...jsonReply(200, {}), hold: fault };
  if (fault) {
    const [code, status] = FAULT_CODES[service as ServiceName][fault];
    const message = fault === 'deny' ? `User: arn:aws:iam::${state.accountId}:user/test is not authorized to perform: ${service}:${operation}` : fault === 'throttle' ? 'Rate exceeded' : 'Internal server error (injected fault)';
    return jsonError(code, message, status);
  }
  try {
    let body: unknown;
    try {
      body = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new ApiError('SerializationException', 'Request body is not valid JSON');
    }
    return jsonReply(200, handler(state, Params.from(body)));
  } catch (err) {
    if (err instanceof ApiError) return jsonError(err.code, err.message, err.status);
    throw err;
  }
}

function handleQuery(state: SimState, faults: FaultTable, service: string, action: string, q: QueryParams, auth: string | undefined): Reply {
  const isElb = service === 'elasticloadbalancing';
  const xml = (status: number, body: string): Reply => ({ status, body, contentType: 'text/xml;charset=UTF-8' });
  const fail = (code: string, message: string, status: number): Reply => xml(status, isElb ? elbError(code, message, status) : ec2Error(code, message));
  if (service !== 'ec2' && !isElb) return fail('InvalidAction', `Service ${service} is not simulated.`, 400);
  if (auth === undefined) return fail(isElb ? 'MissingAuthenticationToken' : 'AuthFailure', 'Request is missing Authentication Token', isElb ? 403 : 401);
  const table = isElb ? ELB_HANDLERS : EC2_HANDLERS;
  const handler = Object.hasOwn(table, action) ? table[action] : undefined;
  if (!handler) return fail('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
  const fault = faults.check(service, action);
  if (fault === 'hang' || fault === 'stall') return { ...xml(200, ''), hold: fault };
  if (fault) {
    const [code, status] = FAULT_CODES[service as ServiceName][fault];
    const message = fault === 'deny' ? `You are not authorized to perform this operation. User: arn:aws:iam::${state.accountId}:user/test is not authorized to perform: ${service}:${action}` : fault === 'throttle' ? 'Rate exceeded' : 'An internal error has occurred (injected fault)';
    return fail(code, message, status);
  }
  try {
    const body = handler(state, q);
    return xml(200, isElb ? elbReply(action, body) : ec2Reply(action, body));
  } catch (err) {
    if (err instanceof ApiError) return fail(err.code, err.message, err.status);
    throw err;
  }
}
