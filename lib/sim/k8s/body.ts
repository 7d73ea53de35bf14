/**
 * Content negotiation as the API server does it: object bodies (create, update) as JSON, YAML or
 * protobuf (the `k8s\0` envelope kubectl's typed clients send, decoded for the kinds of
 * proto-schema.ts); any other Content-Type answers 415 and an Accept the simulator cannot
 * produce answers 406, both as a Status, never a parse error.
 */
import type { IncomingMessage } from 'node:http';
import { decodeObject, UnsupportedProtobuf } from './protobuf';
import { readBodyBytes } from './http';
import { ApiError } from './types';
import { parseBody } from './write';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const OBJECT_TYPES = ['application/json', 'application/yaml', PROTOBUF];

function mediaType(header: string | undefined): string {
  return (header ?? 'application/json').split(';')[0].trim().toLowerCase();
}

export function unsupportedMediaType(accepted: string[], detail?: string): ApiError {
  const base = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return new ApiError(415, 'UnsupportedMediaType', detail ? `${base} (${detail})` : base);
}

/** A create/update body as its JSON object. */
export async function readObjectBody(req: IncomingMessage): Promise<unknown> {
  const type = mediaType(req.headers['content-type']);
  if (!OBJECT_TYPES.includes(type)) {
    req.resume();
    throw unsupportedMediaType(OBJECT_TYPES);
  }
  const raw = await readBodyBytes(req);
  if (type !== PROTOBUF) return parseBody(raw.toString('utf8'), type);
  if (raw.length === 0) throw new ApiError(400, 'BadRequest', 'the body of the request was empty');
  try {
    return decodeObject(raw);
  } catch (e) {
    if (e instanceof UnsupportedProtobuf) throw unsupportedMediaType(['application/json', 'application/yaml'], e.message);
    throw new ApiError(400, 'BadRequest', `the body of the request was in an unknown format: ${(e as Error).message}`);
  }
}

/**
 * Whether the simulator can answer in a type the Accept header allows: it writes JSON (also for
 * YAML requests; YAML is a superset), and plain text for pod logs.
 */
export function acceptable(accept: string | undefined, produces: string[] = ['application/json', 'application/yaml']): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const t = mediaType(part);
    return t === '*/*' || produces.includes(t) || produces.some((p) => t === `${p.split('/')[0]}/*`);
  });
}

export function notAcceptable(): ApiError {
  return new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}
