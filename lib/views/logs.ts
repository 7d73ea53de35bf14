// Log records as the logs route sends them (NDJSON, one per line) and the browser keeps them: pure
// functions used on the server (splitting the timestamp) and in the browser (ordering, bounding, filtering).
import { defaultLogContainer, loggingNote, readsCloudWatchLogs, type Container } from '@/lib/model';

/** One line of one pod's log (`t`: its RFC 3339 time), or a pod whose log could not be read. */
export type LogRecord = { pod: string; t?: string; line: string } | { pod: string; error: string };

/**
 * The container a log view opens on: the first running one, else the first. An instance lists its
 * init containers first (and does not mark them), and their log is rarely the one wanted.
 */
export function defaultContainer(containers: { name: string; state: string }[]): string | undefined {
  return (containers.find((c) => c.state === 'running') ?? containers[0])?.name;
}

/** A container a log view offers; `note` says where its log goes when Parallax does not read it (ECS). */
export interface LogContainer {
  name: string;
  note?: string;
}

/**
 * The containers of a template a log view offers (init containers left out), ECS ones with their
 * "where the log goes" note when not awslogs; the view opens on the one defaultLogContainer names.
 */
export function logContainers(platform: 'kubernetes' | 'ecs', containers: Container[]): { containers: LogContainer[]; initial?: string } {
  const offered = containers.filter((c) => c.role !== 'init').map((c): LogContainer => (
    platform === 'ecs' && !readsCloudWatchLogs(c.logging) ? { name: c.name, note: loggingNote(c.name, c.logging) } : { name: c.name }));
  const initial = platform === 'ecs' ? defaultLogContainer(containers.filter((c) => c.role !== 'init')) : containers.find((c) => c.role !== 'init');
  return { containers: offered, initial: initial?.name };
}

/** Lines kept in the browser per view: older ones are dropped (and a note says so). */
export const BROWSER_LINES_MAX = 5_000;

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** "2026-01-01T00:00:00.123456789Z text" (the timestamps=true form) into its time and text. */
export function splitTimestamp(raw: string): { t?: string; line: string } {
  const m = TS.exec(raw);
  return m ? { t: m[1], line: raw.slice(m[0].length) } : { line: raw };
}

/** A sort key from an RFC 3339 time with up to nanoseconds (Date.parse keeps milliseconds only). */
export function timeKey(t: string | undefined): string {
  if (!t) return '';
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m) return t;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  return Number.isNaN(ms) ? t : `${new Date(ms).toISOString().slice(0, 19)}.${(m[2] ?? '').padEnd(9, '0')}`;
}

export interface KeptLine {
  /** Arrival number: a stable key and the tie-break between equal times. */
  seq: number;
  pod: string;
  t?: string;
  key: string;
  line: string;
  error?: boolean;
}

export interface KeptLog {
  lines: KeptLine[];
  /** Lines dropped to stay within the bound. */
  dropped: number;
  seq: number;
}

export const EMPTY_LOG: KeptLog = { lines: [], dropped: 0, seq: 0 };

/**
 * Adds records in time order (pods' lines arrive interleaved by arrival, not by time), then keeps
 * the newest `max`. Usually each line is the newest, so the insertion point is found from the end.
 */
export function addRecords(log: KeptLog, records: LogRecord[], max = BROWSER_LINES_MAX): KeptLog {
  if (!records.length) return log;
  const lines = log.lines.slice();
  let seq = log.seq;
  for (const r of records) {
    const kept: KeptLine = 'error' in r
      ? { seq: seq++, pod: r.pod, key: lines.at(-1)?.key ?? '', line: r.error, error: true }
      : { seq: seq++, pod: r.pod, ...(r.t ? { t: r.t } : {}), key: timeKey(r.t), line: r.line };
    let at = lines.length;
    while (at > 0 && kept.key && lines[at - 1].key > kept.key) at--;
    lines.splice(at, 0, kept);
  }
  const over = Math.max(0, lines.length - max);
  return { lines: over ? lines.slice(over) : lines, dropped: log.dropped + over, seq };
}

/** Lines containing the text (case-insensitive); all lines for an empty filter. */
export function filterLines(lines: KeptLine[], text: string): KeptLine[] {
  const needle = text.trim().toLowerCase();
  return needle ? lines.filter((l) => l.line.toLowerCase().includes(needle) || l.pod.toLowerCase().includes(needle)) : lines;
}

/** Parses NDJSON text; returns the records and the unfinished rest. A malformed line is skipped. */
export function parseRecords(text: string): { records: LogRecord[]; rest: string } {
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  const records: LogRecord[] = [];
  for (const p of parts) {
    if (!p) continue;
    try {
      const r = JSON.parse(p) as LogRecord;
      if (r && typeof r.pod === 'string') records.push(r);
    } catch {
      // not a record: skipped
    }
  }
  return { records, rest };
}
