/** Response helpers: every answer is JSON with `Content-Type: application/json`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type KubeStatus } from './types';

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  at: number;
  /** The client's User-Agent (read-only audits attribute requests by it). */
  userAgent?: string;
  /** The injected fault this request got, if any. */
  fault?: string;
  /** Which of the server's connections it came on (1, 2, ... in accept order): shows whether clients reuse them. */
  connection?: number;
}

const records = new WeakMap<ServerResponse, RequestRecord>();

export function track(res: ServerResponse, rec: RequestRecord): void {
  records.set(res, rec);
}

/** Notes on the request's record that it was answered with an injected fault. */
export function markFault(res: ServerResponse, fault: string): void {
  const rec = records.get(res);
  if (rec) rec.fault = fault;
}

export function head(res: ServerResponse, status: number, headers: Record<string, string>): void {
  const rec = records.get(res);
  if (rec) rec.status = status;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
}

export function sendJson(res: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  head(res, status, { 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const e = err instanceof ApiError ? err : new ApiError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  sendJson(res, e.code, e.toStatus());
}

/** Starts a chunked streaming response (watch). */
export function startStream(res: ServerResponse): void {
  head(res, 200, { 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
}

export function statusBody(code: number, reason: string, message: string): KubeStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const MAX_BODY = 32 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
