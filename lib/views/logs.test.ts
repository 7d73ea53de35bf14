import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LogLines } from '@/components/log-lines';
import { parseImage, type Container } from '@/lib/model';
import { addRecords, EMPTY_LOG, filterLines, logContainers, parseRecords, splitTimestamp, timeKey } from './logs';

describe('log records', () => {
  it('splits the RFC 3339 (nano) timestamp off a line, and leaves a line without one whole', () => {
    expect(splitTimestamp('2026-01-01T00:00:01.123456789Z GET / 200')).toEqual({ t: '2026-01-01T00:00:01.123456789Z', line: 'GET / 200' });
    expect(splitTimestamp('2026-01-01 not a stamp')).toEqual({ line: '2026-01-01 not a stamp' });
  });

  it('orders pods\' lines by time to the nanosecond, whatever order they arrive in; equal times keep arrival order', () => {
    expect(timeKey('2026-01-01T01:00:00.5+01:00') < timeKey('2026-01-01T00:00:00.6Z')).toBe(true);
    let log = addRecords(EMPTY_LOG, [
      { pod: 'a', t: '2026-01-01T00:00:00.000000003Z', line: 'a3' },
      { pod: 'b', t: '2026-01-01T00:00:00.000000001Z', line: 'b1' },
      { pod: 'a', t: '2026-01-01T00:00:00.000000002Z', line: 'a2' },
    ]);
    log = addRecords(log, [{ pod: 'b', t: '2026-01-01T00:00:00.000000002Z', line: 'b2' }, { pod: 'c', error: 'waiting' }]);
    expect(log.lines.map((l) => l.line)).toEqual(['b1', 'a2', 'b2', 'a3', 'waiting']);
    expect(log.lines.at(-1)?.error).toBe(true);
  });

  it('keeps only the newest lines (bounded memory), counting what it dropped', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ pod: 'p', t: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, line: `l${i}` }));
    const log = addRecords(addRecords(EMPTY_LOG, many.slice(0, 8), 10), many.slice(8), 10);
    expect(log.lines).toHaveLength(10);
    expect(log.lines[0].line).toBe('l2');
    expect(log.dropped).toBe(2);
  });

  it('filters by text (case-insensitive) or pod; parses NDJSON keeping an unfinished line for later', () => {
    const log = addRecords(EMPTY_LOG, [{ pod: 'web-1', line: 'GET /Health' }, { pod: 'web-2', line: 'POST /cart' }]);
    expect(filterLines(log.lines, 'health').map((l) => l.pod)).toEqual(['web-1']);
    expect(filterLines(log.lines, 'web-2').map((l) => l.line)).toEqual(['POST /cart']);
    expect(filterLines(log.lines, '  ')).toHaveLength(2);
    const { records, rest } = parseRecords('{"pod":"a","line":"x"}\nnot json\n{"pod":"b","li');
    expect(records).toEqual([{ pod: 'a', line: 'x' }]);
    expect(rest).toBe('{"pod":"b","li');
  });
});

describe('LogLines', () => {
  it('renders a line holding markup as text: the markup is escaped, never parsed', () => {
    const log = addRecords(EMPTY_LOG, [{ pod: 'web-<i>1</i>', t: '2026-01-01T00:00:00Z', line: '<script>alert(1)</script><img src=x onerror=alert(2)>' }]);
    const html = renderToStaticMarkup(createElement(LogLines, { lines: log.lines, showPod: true, timestamps: true }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('2026-01-01T00:00:00Z');
    // Timestamps and pods only when asked.
    const bare = renderToStaticMarkup(createElement(LogLines, { lines: log.lines, showPod: false, timestamps: false }));
    expect(bare).not.toContain('2026-01-01');
    expect(bare).not.toContain('web-');
  });
});

describe('logContainers', () => {
  const c = (name: string, role: 'main' | 'init' | 'sidecar', logging?: Container['logging']): Container => ({
    name, role, image: parseImage('x:1'), command: [], args: [], ports: [], env: [], envFrom: [], effectiveEnv: [], requests: {}, limits: {}, health: [], mounts: [], essential: role === 'main', ...(logging ? { logging } : {}),
  });
  it('ECS: each container with where its log goes when it is not awslogs; opens on the first one read; no init containers', () => {
    const got = logContainers('ecs', [
      c('migrate', 'init', { driver: 'awslogs', group: '/ecs/m' }),
      c('log_router', 'sidecar', { driver: 'json-file' }),
      c('app', 'main', { driver: 'awsfirelens', destination: 'Name=cloudwatch' }),
      c('api', 'main', { driver: 'awslogs', group: '/ecs/api', streamPrefix: 'ecs' }),
    ]);
    expect(got.initial).toBe('api');
    expect(got.containers).toEqual([
      { name: 'log_router', note: 'container log_router sends its logs with the json-file driver on its host; Parallax reads CloudWatch Logs (awslogs) only' },
      { name: 'app', note: 'container app sends its logs with FireLens to Name=cloudwatch; Parallax reads CloudWatch Logs (awslogs) only' },
      { name: 'api' },
    ]);
  });
  it('Kubernetes: every container is read (the kubelet keeps their logs)', () => {
    expect(logContainers('kubernetes', [c('web', 'main'), c('proxy', 'sidecar')])).toEqual({ containers: [{ name: 'web' }, { name: 'proxy' }], initial: 'web' });
  });
});
