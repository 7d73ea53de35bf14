/** The protobuf decoder against bodies captured from kubectl 1.32 (fixtures/capture-protobuf.mts). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAccessReview, decodeObject, readEnvelope, UnsupportedProtobuf } from './protobuf';
import { PROTOBUF_KINDS } from './proto-schema';
import { canonicalJson } from './types';

const DIR = path.join(__dirname, 'fixtures', 'protobuf');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.pb')).map((f) => f.slice(0, -3));

/** Protobuf wire encoding, to build bodies the captures do not contain. */
function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return out;
}
const field = (n: number, v: Buffer | number): Buffer =>
  Buffer.isBuffer(v) ? Buffer.from([...varint(n * 8 + 2), ...varint(v.length), ...v]) : Buffer.from([...varint(n * 8), ...varint(v)]);
const str = (s: string) => Buffer.from(s);
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([Buffer.from('k8s\0', 'binary'), field(1, Buffer.concat([field(1, str(apiVersion)), field(2, str(kind))])), field(2, raw)]);

describe('protobuf bodies kubectl 1.32 sends', () => {
  it('has a capture for every kind of the table', () => {
    const kinds = new Set(fixtures.map((f) => readEnvelope(readFileSync(path.join(DIR, `${f}.pb`))).kind));
    // Pods come as JSON from `kubectl run`; every other kind of the table has a captured body.
    expect([...kinds].sort()).toEqual(PROTOBUF_KINDS.map((k) => k.kind).filter((k) => k !== 'Pod').sort());
  });

  it.each(fixtures)('%s decodes to what kubectl --dry-run=client -o json prints', (name) => {
    const decoded = decodeObject(readFileSync(path.join(DIR, `${name}.pb`)));
    const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
    expect(canonicalJson(decoded)).toBe(canonicalJson(expected));
  });

  it('keeps explicit zeros of pointer fields and negative numbers', () => {
    const idle = decodeObject(readFileSync(path.join(DIR, 'deployment-zero-replicas.pb')));
    expect(idle.spec.replicas).toBe(0);
    expect(decodeObject(readFileSync(path.join(DIR, 'priorityclass-negative.pb'))).value).toBe(-5);
    const pdb = decodeObject(readFileSync(path.join(DIR, 'poddisruptionbudget.pb')));
    expect(pdb.spec.minAvailable).toBe('50%');
    expect(decodeObject(readFileSync(path.join(DIR, 'poddisruptionbudget-max-unavailable.pb'))).spec.maxUnavailable).toBe(1);
  });
});

describe('protobuf decoder edges', () => {
  it('names a field the tables do not know instead of dropping it', () => {
    const body = envelope('v1', 'ConfigMap', Buffer.concat([field(1, field(1, str('x'))), field(99, 1)]));
    expect(() => decodeObject(body)).toThrow(new UnsupportedProtobuf('the simulator does not decode field 99 of core.v1.ConfigMap from protobuf'));
  });

  it('refuses kinds outside the table', () => {
    expect(() => decodeObject(envelope('apps/v1', 'StatefulSet', Buffer.alloc(0)))).toThrow(UnsupportedProtobuf);
  });

  it('refuses bodies without the k8s magic and truncated fields', () => {
    expect(() => decodeObject(Buffer.from('{"kind":"ConfigMap"}'))).toThrow('missing k8s protobuf magic');
    const cut = envelope('v1', 'ConfigMap', field(1, field(1, str('name'))));
    expect(() => decodeObject(cut.subarray(0, cut.length - 2))).toThrow(/truncated/);
  });

  it('decodes 64-bit negatives, packed repeated ints and the zero time', () => {
    const podSpec = Buffer.concat([field(4, -1), field(14, field(4, Buffer.from([...varint(1000), ...varint(2000)])))]);
    const pod = decodeObject(envelope('v1', 'Pod', Buffer.concat([field(1, field(8, Buffer.alloc(0))), field(2, podSpec)])));
    expect(pod).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { terminationGracePeriodSeconds: -1, securityContext: { supplementalGroups: [1000, 2000] } } });
  });

  it('still reads SelfSubjectAccessReviews (kubectl auth can-i)', () => {
    const attrs = Buffer.concat([field(1, str('shop')), field(2, str('list')), field(5, str('secrets'))]);
    const body = envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', Buffer.concat([field(1, Buffer.alloc(0)), field(2, field(1, attrs))]));
    expect(decodeAccessReview(body)).toEqual({ spec: { resourceAttributes: { namespace: 'shop', verb: 'list', resource: 'secrets' } } });
  });
});
