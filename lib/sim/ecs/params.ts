// Typed access to a JSON 1.1 request body. Everything arriving over the wire is `unknown`
// until narrowed here; a wrong type is reported the way AWS reports it (400, SerializationException).
import { ApiError, invalidParameter } from './errors';

export type Json = Record<string, unknown>;
export interface Tag {
  key: string;
  value?: string;
}

const wrongType = (key: string, want: string): ApiError =>
  new ApiError('SerializationException', `Expected ${want} for field '${key}'`);

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Params {
  constructor(readonly raw: Json) {}

  static from(v: unknown): Params {
    if (v === undefined || v === null) return new Params({});
    if (!isObject(v)) throw new ApiError('SerializationException', 'Request body must be a JSON object');
    return new Params(v);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw wrongType(key, 'string');
    return v;
  }

  reqStr(key: string, code = 'InvalidParameterException'): string {
    const v = this.str(key);
    if (v === undefined || v === '') throw new ApiError(code, `${key} can not be blank.`);
    return v;
  }

  int(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(key, 'integer');
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw wrongType(key, 'boolean');
    return v;
  }

  obj(key: string): Json | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw wrongType(key, 'structure');
    return v;
  }

  strList(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw wrongType(key, 'list of strings');
    return v;
  }

  objList(key: string): Json[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every(isObject)) throw wrongType(key, 'list of structures');
    return v;
  }

  /** ECS tags are `{key, value}` (lowercase); Application Auto Scaling uses a map. */
  tags(key = 'tags'): Tag[] {
    const list = this.objList(key) ?? [];
    return list.map((t) => {
      if (typeof t.key !== 'string') throw invalidParameter('Tag key must be a string');
      return typeof t.value === 'string' ? { key: t.key, value: t.value } : { key: t.key };
    });
  }
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Offset pagination behind an opaque token. AWS rejects maxResults outside 1..max with
 * InvalidParameterException (ECS) / ValidationException (Auto Scaling): the caller picks.
 */
export function paginate<T>(
  all: T[],
  token: string | undefined,
  maxResults: number | undefined,
  opts: { def: number; max: number; errorCode?: string; field?: string },
): Page<T> {
  const field = opts.field ?? 'maxResults';
  const code = opts.errorCode ?? 'InvalidParameterException';
  if (maxResults !== undefined && (maxResults < 1 || maxResults > opts.max)) {
    throw new ApiError(code, `${field} must be between 1 and ${opts.max}.`);
  }
  let offset = 0;
  if (token !== undefined && token !== '') {
    const decoded = decodeToken(token);
    if (decoded === undefined) throw new ApiError(code, 'Invalid nextToken value.');
    offset = decoded;
  }
  const size = maxResults ?? opts.def;
  const items = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encodeToken(offset + size) : undefined;
  return next === undefined ? { items } : { items, nextToken: next };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString('base64');
}

function decodeToken(token: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (isObject(parsed) && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    /* fall through: not one of ours */
  }
  return undefined;
}
