/**
 * Kubernetes' protobuf encoding, as far as reading the bodies kubectl sends as
 * `application/vnd.kubernetes.protobuf`: the `k8s\0` envelope (runtime.Unknown: 1 typeMeta
 * {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType), protobuf wire format
 * fields, and objects decoded to their JSON form through the field tables of proto-schema.ts.
 */
import { kindEntry, messageFields, type FieldSpec } from './proto-schema';
import type { Dict } from './types';

type Fields = Map<number, (number | Buffer)[]>;

/** Varints are unsigned 64-bit; int32/int64 fields are two's complement (negatives take 10 bytes). */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [Number(BigInt.asIntN(64, result)), pos];
    shift += 7n;
  }
}

export function decodeFields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Math.floor(key / 8);
    if (field === 0) throw new Error('invalid field number 0');
    const wire = key & 7;
    let value: number | Buffer;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      if (len < 0 || p2 + len > buf.length) throw new Error('truncated length-delimited field');
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
    const l = out.get(field) ?? [];
    l.push(value);
    out.set(field, l);
  }
  return out;
}

export function bytesField(f: Fields, n: number): Buffer | undefined {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v : undefined;
}

export function stringField(f: Fields, n: number): string | undefined {
  return bytesField(f, n)?.toString('utf8');
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Buffer;
}

/** The type and raw object bytes inside a `k8s\0` runtime.Unknown envelope. */
export function readEnvelope(body: Buffer): Envelope {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('missing k8s protobuf magic');
  const unknown = decodeFields(body.subarray(4));
  const encoding = stringField(unknown, 3);
  if (encoding) throw new Error(`unsupported contentEncoding ${encoding}`);
  const typeMeta = decodeFields(bytesField(unknown, 1) ?? Buffer.alloc(0));
  return { apiVersion: stringField(typeMeta, 1) ?? '', kind: stringField(typeMeta, 2) ?? '', raw: bytesField(unknown, 2) ?? Buffer.alloc(0) };
}

export function unwrapEnvelope(body: Buffer): Buffer {
  return readEnvelope(body).raw;
}

/** Thrown for a type or field the tables do not cover; the server answers it 415. */
export class UnsupportedProtobuf extends Error {}

/** A `k8s\0` body of a kind in PROTOBUF_KINDS as the JSON object kubectl would have sent. */
export function decodeObject(body: Buffer): Dict {
  const env = readEnvelope(body);
  const entry = kindEntry(env.apiVersion, env.kind);
  if (!entry) throw new UnsupportedProtobuf(`the simulator does not decode ${env.kind || 'an untyped object'} (${env.apiVersion}) from protobuf`);
  return { apiVersion: env.apiVersion, kind: env.kind, ...decodeMessage(entry.message, env.raw) };
}

function zero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

/** One message to its JSON form: zero values dropped unless the field keeps them. */
export function decodeMessage(key: string, buf: Buffer): Dict {
  const table = messageFields(key);
  const out: Dict = {};
  for (const [n, values] of decodeFields(buf)) {
    const spec = table.get(n);
    if (!spec) throw new UnsupportedProtobuf(`the simulator does not decode field ${n} of ${key} from protobuf`);
    if (spec.inline) {
      for (const v of values) Object.assign(out, decodeMessage(spec.type, asBytes(v, key, spec)));
      continue;
    }
    if (spec.type.startsWith('map<')) {
      const map: Dict = (out[spec.json] ??= {});
      for (const v of values) {
        const entry = decodeFields(asBytes(v, key, spec));
        map[stringField(entry, 1) ?? ''] = decodeValue(spec.type.slice(4, -1), entry.get(2)?.[0] ?? Buffer.alloc(0), key, spec);
      }
      continue;
    }
    // Repeated scalars may come packed (one length-delimited run of varints).
    const items = spec.repeated && spec.type.startsWith('int') && values.length === 1 && Buffer.isBuffer(values[0]) ? unpack(values[0]) : values;
    const decoded = items.map((v) => decodeValue(spec.type, v, key, spec));
    if (spec.repeated) out[spec.json] = decoded;
    else {
      const v = decoded[decoded.length - 1];
      if (v === null || (zero(v) && !spec.keepZero)) continue;
      out[spec.json] = v;
    }
  }
  return out;
}

function unpack(buf: Buffer): number[] {
  const out: number[] = [];
  for (let pos = 0; pos < buf.length; ) {
    const [v, p] = readVarint(buf, pos);
    out.push(v);
    pos = p;
  }
  return out;
}

function asBytes(v: number | Buffer, key: string, spec: FieldSpec): Buffer {
  if (!Buffer.isBuffer(v)) throw new UnsupportedProtobuf(`field ${spec.json} of ${key}: expected a length-delimited value`);
  return v;
}

function decodeValue(type: string, v: number | Buffer, key: string, spec: FieldSpec): unknown {
  switch (type) {
    case 'int32':
    case 'int64':
    case 'bool':
      if (Buffer.isBuffer(v)) throw new UnsupportedProtobuf(`field ${spec.json} of ${key}: expected a varint`);
      return type === 'bool' ? v !== 0 : v;
    case 'string':
      return asBytes(v, key, spec).toString('utf8');
    case 'bytes':
      return asBytes(v, key, spec).toString('base64');
    case 'Quantity':
      return stringField(decodeFields(asBytes(v, key, spec)), 1) ?? '0';
    case 'IntOrString': {
      // intstr.IntOrString: 1 type (0 Int, 1 String), 2 intVal, 3 strVal.
      const f = decodeFields(asBytes(v, key, spec));
      return f.get(1)?.[0] === 1 ? (stringField(f, 3) ?? '') : Number(f.get(2)?.[0] ?? 0);
    }
    case 'Time': {
      // metav1.Time: 1 seconds, 2 nanos; the zero time is JSON null.
      const seconds = Number(decodeFields(asBytes(v, key, spec)).get(1)?.[0] ?? 0);
      return seconds === 0 ? null : new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    }
    default:
      return decodeMessage(type, asBytes(v, key, spec));
  }
}

/** SelfSubjectAccessReview (2: spec -> 1: resourceAttributes) as its JSON form. */
export function decodeAccessReview(body: Buffer): Record<string, unknown> {
  const review = decodeFields(unwrapEnvelope(body));
  const spec = decodeFields(bytesField(review, 2) ?? Buffer.alloc(0));
  const ra = bytesField(spec, 1);
  if (!ra) return { spec: {} };
  const f = decodeFields(ra);
  const names = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
  const attrs: Record<string, string> = {};
  for (let i = 1; i < names.length; i++) {
    const v = stringField(f, i);
    if (v !== undefined) attrs[names[i]] = v;
  }
  return { spec: { resourceAttributes: attrs } };
}
