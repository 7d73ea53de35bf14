/**
 * Just enough of Kubernetes' protobuf encoding to read the bodies kubectl sends as
 * `application/vnd.kubernetes.protobuf` (authorization reviews): the `k8s\0` envelope
 * (runtime.Unknown: 1 typeMeta, 2 raw) and protobuf wire format fields.
 */

type Fields = Map<number, (number | Buffer)[]>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
}

export function decodeFields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: number | Buffer;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
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

/** The raw object bytes inside a `k8s\0` runtime.Unknown envelope. */
export function unwrapEnvelope(body: Buffer): Buffer {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('missing k8s protobuf magic');
  return bytesField(decodeFields(body.subarray(4)), 2) ?? Buffer.alloc(0);
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
