/**
 * Injected API faults, for the fault-matrix tests and the soak bench: what a broken network, an
 * overloaded or misbehaving API server does to reads. Writes are never faulted, so tests can
 * still seed and change objects while reads fail.
 */
import type { ServerResponse } from 'node:http';
import { head, sendJson, startStream, statusBody } from './http';
import { storageKey, type ResourceDef } from './resources';

export type ReadVerb = 'get' | 'list' | 'watch';

export type KubeFault =
  /** Answer a Status with this code (429 and 503 with a Retry-After header when given). */
  | { type: 'status'; code: number; reason?: string; message?: string; retryAfterSeconds?: number }
  /** Accept the request and never answer: no status line, no headers. */
  | { type: 'hang' }
  /** 200 and headers, then nothing: a list body that never comes, a watch with no event or bookmark. */
  | { type: 'stall' }
  /** List: the body cut off halfway (a connection dropped mid-transfer). */
  | { type: 'truncate' }
  /** List: a 200 whose body is not JSON (a proxy's error page). */
  | { type: 'garbage' }
  /** Watch: the next events written are garbled into lines that do not decode (each event is lost). */
  | { type: 'malformedEvent' }
  /** Watch: an ERROR event with 410 Expired at once, whatever the resourceVersion. List: 410 on a continue token. */
  | { type: 'expire' }
  /** Close the connection without an answer. */
  | { type: 'reset' };

export interface FaultRule {
  /** Resource plural (`pods`) or storage key (`deployments.apps`; only this for `pods.metrics.k8s.io`); every resource when absent. */
  resource?: string;
  /** Read verbs affected; all reads when absent. */
  verb?: ReadVerb | ReadVerb[];
  fault: KubeFault;
  /** Requests (or garbled events) affected before the rule removes itself; unlimited when absent. */
  times?: number;
}

interface Active extends FaultRule {
  left: number;
}

export class FaultSwitch {
  private rules: Active[] = [];

  inject(rule: FaultRule): () => void {
    const active: Active = { ...rule, left: rule.times ?? Infinity };
    this.rules.push(active);
    return () => this.remove(active);
  }

  clear(): void {
    this.rules = [];
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  /** The fault that applies to this request, consuming one use (malformedEvent is consumed per event). */
  match(def: ResourceDef, verb: ReadVerb, q: URLSearchParams): KubeFault | undefined {
    for (const r of this.rules) {
      if (!applies(r, def, verb)) continue;
      if (r.fault.type === 'malformedEvent') continue;
      // `expire` on a list only concerns continue tokens: first pages are served.
      if (r.fault.type === 'expire' && verb === 'list' && !q.get('continue')) continue;
      if (--r.left <= 0) this.remove(r);
      return r.fault;
    }
    return undefined;
  }

  /** Whether the next watch event of this resource is to be garbled (consumes one use). */
  garble(def: ResourceDef): boolean {
    const r = this.rules.find((x) => x.fault.type === 'malformedEvent' && applies(x, def, 'watch'));
    if (!r) return false;
    if (--r.left <= 0) this.remove(r);
    return true;
  }

  private remove(r: Active): void {
    this.rules = this.rules.filter((x) => x !== r);
  }
}

function applies(r: FaultRule, def: ResourceDef, verb: ReadVerb): boolean {
  // A computed resource (metrics.k8s.io) answers only to its storage key: a `pods` fault is about core pods.
  if (r.resource && r.resource !== storageKey(def) && (def.computed || r.resource !== def.name)) return false;
  const verbs = r.verb === undefined ? undefined : Array.isArray(r.verb) ? r.verb : [r.verb];
  return !verbs || verbs.includes(verb);
}

/** A watch event line cut in the middle of its object: valid UTF-8, invalid JSON. */
export function garbled(line: string): string {
  return `${line.slice(0, Math.max(1, Math.floor(line.length / 2)))}\n`;
}

/**
 * Answers `res` with the fault. `body` renders the real answer for faults that mangle it
 * (truncate). Open responses are added to `open` so that the simulator's stop() ends them.
 */
export function answerWithFault(res: ServerResponse, fault: KubeFault, verb: ReadVerb, def: ResourceDef, open: Set<ServerResponse>, body: () => string): void {
  const hold = () => {
    open.add(res);
    res.on('close', () => open.delete(res));
  };
  switch (fault.type) {
    case 'status': {
      const reason = fault.reason ?? (fault.code === 429 ? 'TooManyRequests' : fault.code === 410 ? 'Expired' : fault.code >= 500 ? 'InternalError' : 'BadRequest');
      const message = fault.message ?? (fault.code === 429 ? 'Too many requests, please try again later.' : `injected fault: ${fault.code} ${reason}`);
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      sendJson(res, fault.code, statusBody(fault.code, reason, message), headers);
      return;
    }
    case 'hang':
      hold();
      return;
    case 'stall':
      startStream(res);
      hold();
      return;
    case 'truncate': {
      const text = body();
      head(res, 200, { 'Content-Length': String(Buffer.byteLength(text)) });
      // Half the declared length, then the connection ends: the client sees a cut-off body.
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
      return;
    }
    case 'garbage':
      sendJson(res, 200, '<html><body>502 Bad Gateway</body></html>');
      return;
    case 'expire':
      if (verb === 'watch') {
        startStream(res);
        const status = statusBody(410, 'Expired', `too old resource version: injected fault on ${storageKey(def)}`);
        res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
        return;
      }
      sendJson(res, 410, statusBody(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'));
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'malformedEvent':
      return;
  }
}
