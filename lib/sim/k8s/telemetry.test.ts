/** The log line and usage generators: pure functions of source, seed and time (no sleeps, no server). */
import { describe, expect, it } from 'vitest';
import { formatLine, lineIntervalMs, linesUpTo, LOG_RETENTION_LINES, logLine, rfc3339Nano, type LogSource } from '../telemetry/log-lines';
import { containerUsage, nodeUsage, sampleTime, usageQuantities } from './usage';
import type { KubeObject } from './types';

const T0 = Date.UTC(2026, 0, 1, 12);
const nginx: LogSource = { namespace: 'shop', pod: 'web-1', container: 'main', image: 'nginx:1.27', instance: 0, startedAt: T0 };

describe('log lines', () => {
  it('are the same for the same seed and differ across seeds, containers and instances', () => {
    const a = linesUpTo(nginx, 1, T0 + 60_000).lines;
    expect(linesUpTo(nginx, 1, T0 + 60_000).lines).toEqual(a);
    expect(linesUpTo(nginx, 2, T0 + 60_000).lines.map((l) => l.text)).not.toEqual(a.map((l) => l.text));
    expect(linesUpTo({ ...nginx, instance: 1 }, 1, T0 + 60_000).lines[0].text).not.toBe(a[0].text);
  });

  it('follow the image: an nginx access log, a JSON app log, postgres server lines', () => {
    expect(logLine(nginx, 1, 0).text).toMatch(/^10\.244\.\d+\.\d+ - - \[01\/Jan\/2026:12:00:0\d \+0000\] "(GET|POST) \/\S* HTTP\/1\.1" \d{3} \d+ "-" ".+"$/);
    const app = JSON.parse(logLine({ ...nginx, image: 'ghcr.io/acme/orders:2.1' }, 1, 3).text);
    expect(app).toMatchObject({ level: expect.stringMatching(/info|warn|error/), pod: 'web-1', status: expect.any(Number) });
    expect(logLine({ ...nginx, image: 'postgres:16' }, 1, 0).text).toMatch(/^2026-01-01 12:00:0\d\.\d{3} UTC \[\d+\] LOG: {2}checkpoint/);
  });

  it('are in time order, within the window up to now, and arrive at the container pace', () => {
    const now = T0 + 120_000;
    const { lines, next } = linesUpTo(nginx, 1, now);
    const pace = lineIntervalMs(nginx, 1);
    expect(lines.length).toBe(next);
    expect(Math.abs(lines.length - 120_000 / pace)).toBeLessThanOrEqual(1);
    for (let i = 1; i < lines.length; i++) expect(lines[i].at).toBeGreaterThan(lines[i - 1].at);
    expect(lines.at(-1)!.at).toBeLessThanOrEqual(now);
    expect(logLine(nginx, 1, next).at).toBeGreaterThan(now);
  });

  it('tail and since select the last lines; retention caps old history', () => {
    const now = T0 + 600_000;
    const all = linesUpTo(nginx, 1, now).lines;
    expect(linesUpTo(nginx, 1, now, { tailLines: 3 }).lines).toEqual(all.slice(-3));
    expect(linesUpTo(nginx, 1, now, { tailLines: 0 }).lines).toEqual([]);
    const since = linesUpTo(nginx, 1, now, { since: now - 10_000 }).lines;
    expect(since).toEqual(all.filter((l) => l.at >= now - 10_000));
    expect(linesUpTo(nginx, 1, T0 + 86_400_000 * 3).lines).toHaveLength(LOG_RETENTION_LINES);
    expect(linesUpTo(nginx, 1, T0 - 1).lines).toEqual([]);
  });

  it('a terminated instance stops at its end with a line saying why', () => {
    const crashed = { ...nginx, image: 'redis:7', startedAt: T0, finishedAt: T0 + 30_000 };
    const { lines } = linesUpTo(crashed, 1, T0 + 3_600_000);
    expect(lines.at(-1)!.at).toBeLessThanOrEqual(T0 + 30_000);
    expect(lines.at(-1)!.text).toMatch(/# Can't handle RDB format/);
    expect(lines.slice(0, -1).every((l) => !l.text.includes('RDB format'))).toBe(true);
  });

  it('timestamps read as RFC3339Nano, trailing zeros trimmed as Go prints them', () => {
    expect(rfc3339Nano({ at: Date.UTC(2026, 0, 1, 0, 0, 1, 5), nanos: 120_000 })).toBe('2026-01-01T00:00:01.00512Z');
    expect(rfc3339Nano({ at: Date.UTC(2026, 0, 1), nanos: 0 })).toBe('2026-01-01T00:00:00Z');
    expect(formatLine({ at: T0, nanos: 1, text: 'x' }, true)).toBe('2026-01-01T12:00:00.000000001Z x\n');
    expect(formatLine({ at: T0, nanos: 1, text: 'x' }, false)).toBe('x\n');
  });
});

const pod = (name: string, resources: object, node = 'n1'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { nodeName: node, containers: [{ name: 'main', resources }] },
  status: { phase: 'Running' },
});

describe('usage', () => {
  it('stays below limits and near requests, deterministically per sample window', () => {
    const p = pod('web-1', { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '150m', memory: '160Mi' } });
    const c = p.spec.containers[0];
    for (let t = T0; t < T0 + 3_600_000; t += 60_000) {
      const u = containerUsage(p, c, 1, t);
      expect(u.cpu).toBeGreaterThan(0);
      expect(u.cpu).toBeLessThanOrEqual(135);
      expect(u.bytes).toBeLessThanOrEqual(0.9 * 160 * 2 ** 20);
    }
    expect(containerUsage(p, c, 1, sampleTime(T0 + 7_000))).toEqual(containerUsage(p, c, 1, sampleTime(T0 + 14_000)));
    expect(containerUsage(p, c, 2, T0)).not.toEqual(containerUsage(p, c, 1, T0));
  });

  it('moves over the hour', () => {
    const p = pod('api-1', {});
    const cpu = Array.from({ length: 12 }, (_, i) => containerUsage(p, p.spec.containers[0], 1, T0 + i * 300_000).cpu);
    expect(Math.max(...cpu) / Math.min(...cpu)).toBeGreaterThan(1.2);
  });

  it('a node adds its running pods to the system share and stays below allocatable', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '2', memory: '4Gi' } } };
    const idle = nodeUsage(node, [], 1, T0);
    const p = pod('big', { requests: { cpu: '1500m', memory: '3Gi' } });
    const busy = nodeUsage(node, [p, pod('elsewhere', { requests: { cpu: '1' } }, 'n2')], 1, T0);
    expect(busy.cpu).toBeGreaterThan(idle.cpu);
    expect(busy.cpu).toBeLessThanOrEqual(1800);
    expect(busy.bytes).toBeLessThanOrEqual(0.9 * 4 * 2 ** 30);
    expect(usageQuantities({ cpu: 12.5, bytes: 2048 * 1024 })).toEqual({ cpu: '12500000n', memory: '2048Ki' });
  });
});
