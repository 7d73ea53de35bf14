import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine, gzipOf, gzipPiece } from './gzip-pieces';

describe('gzip from pieces', () => {
  it('crc32 is gzip\'s (the trailer zlib writes) and combines like crc32 over the concatenation', () => {
    const a = Buffer.from('{"instances":[');
    const b = Buffer.from('x'.repeat(70_000) + '"é"]}');
    expect(crc32(a)).toBe(gzipSync(a).readUInt32LE(gzipSync(a).length - 8));
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    expect(crc32Combine(crc32(a), crc32(Buffer.alloc(0)), 0)).toBe(crc32(a));
  });

  it('pieces compressed separately decompress (zlib) to their concatenation', () => {
    const parts = ['{"a":', JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: `pod-${i}`, ready: i % 3 === 0 }))), ',"b":[]', '}', ''];
    const body = gzipOf(parts.map((p) => gzipPiece(Buffer.from(p))));
    expect(gunzipSync(body).toString()).toBe(parts.join(''));
    expect(body.length).toBeLessThan(parts.join('').length / 5);
    // A cached piece reused in a second body (the point of the pieces) is still valid there.
    const piece = gzipPiece(Buffer.from(parts[1]));
    expect(gunzipSync(gzipOf([gzipPiece(Buffer.from('[')), piece, gzipPiece(Buffer.from(',')), piece, gzipPiece(Buffer.from(']'))])).toString()).toBe(`[${parts[1]},${parts[1]}]`);
  });
});
