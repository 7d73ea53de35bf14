'use client';
// The Logs tab of a Kubernetes pod or ECS task (one instance) or of a workload (all its pods or tasks,
// interleaved by time, each line marked with its instance): GET /api/logs read as a stream (NDJSON
// records) and pulled as it renders; leaving the tab or changing an option aborts the request, which
// ends the cluster's stream (ECS: the CloudWatch Logs polling). The browser keeps at most
// BROWSER_LINES_MAX lines (newest), so a long follow stays bounded. An ECS container whose log
// Parallax does not read (not awslogs) shows where its log goes instead.
import { useEffect, useMemo, useRef, useState } from 'react';
import { addRecords, BROWSER_LINES_MAX, EMPTY_LOG, filterLines, parseRecords, type KeptLog, type LogContainer } from '@/lib/views/logs';
import { LogLines } from './log-lines';

const TAILS = [100, 500, 1000, 5000];
type Status = { state: 'reading' | 'following' | 'ended' } | { state: 'error' | 'elsewhere'; message: string };

export function LogsView({ id, platform, containers, initial, multiPod }: {
  id: string;
  platform: 'kubernetes' | 'ecs';
  containers: LogContainer[];
  initial?: string;
  multiPod: boolean;
}) {
  const [container, setContainer] = useState(initial ?? containers[0]?.name ?? '');
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(false);
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [filter, setFilter] = useState('');
  const [reload, setReload] = useState(0);
  const [log, setLog] = useState<KeptLog>(EMPTY_LOG);
  const [status, setStatus] = useState<Status>({ state: 'reading' });
  const box = useRef<HTMLDivElement>(null);
  const note = containers.find((c) => c.name === container)?.note;
  const instanceWord = platform === 'ecs' ? 'task' : 'pod';

  useEffect(() => {
    const abort = new AbortController();
    setLog(EMPTY_LOG);
    // A container whose log goes elsewhere is not asked for: the note says where.
    if (note) return setStatus({ state: 'elsewhere', message: note });
    setStatus({ state: 'reading' });
    const q = new URLSearchParams({ id, tail: String(tail) });
    if (container) q.set('container', container);
    if (previous) q.set('previous', '1');
    if (follow) q.set('follow', '1');
    void (async () => {
      try {
        const res = await fetch(`/api/logs?${q}`, { signal: abort.signal, cache: 'no-store' });
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          // 501: Parallax does not read where this log goes (an ECS driver other than awslogs).
          return setStatus({ state: res.status === 501 ? 'elsewhere' : 'error', message: body.error ?? `HTTP ${res.status}` });
        }
        if (follow) setStatus({ state: 'following' });
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let rest = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const parsed = parseRecords(rest + decoder.decode(value, { stream: true }));
          rest = parsed.rest;
          setLog((l) => addRecords(l, parsed.records));
        }
        setStatus({ state: 'ended' });
      } catch (e) {
        if (!abort.signal.aborted) setStatus({ state: 'error', message: (e as Error).message });
      }
    })();
    return () => abort.abort();
  }, [id, container, tail, follow, previous, reload, note]);

  const shown = useMemo(() => filterLines(log.lines, filter), [log.lines, filter]);
  // Following: stay at the bottom unless the reader scrolled up.
  useEffect(() => {
    const pre = box.current?.querySelector('pre');
    if (follow && pre && pre.scrollHeight - pre.scrollTop - pre.clientHeight < 80) pre.scrollTop = pre.scrollHeight;
  }, [shown, follow]);

  return (
    <section aria-label="Logs" data-testid="logs-view" className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs text-muted">
        {containers.length > 1 && (
          <label className="flex items-center gap-1">container
            <select data-testid="log-container" value={container} onChange={(e) => setContainer(e.target.value)} className="rounded border border-line bg-surface px-1 py-0.5 text-fg">
              {containers.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
            </select>
          </label>
        )}
        {status.state !== 'elsewhere' && <>
        <label className="flex items-center gap-1">last
          <select data-testid="log-tail" value={tail} onChange={(e) => setTail(Number(e.target.value))} className="rounded border border-line bg-surface px-1 py-0.5 text-fg">
            {TAILS.map((n) => <option key={n} value={n}>{n.toLocaleString('en-US')}</option>)}
          </select>
          lines{multiPod ? ` per ${instanceWord}` : ''}
        </label>
        <label className="flex cursor-pointer items-center gap-1"><input type="checkbox" data-testid="log-follow" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-[var(--accent)]" />follow live</label>
        {/* ECS has no "previous container": a restarted task is a new task with its own stream. */}
        {platform === 'kubernetes' && <label className="flex cursor-pointer items-center gap-1"><input type="checkbox" data-testid="log-previous" checked={previous} onChange={(e) => setPrevious(e.target.checked)} className="accent-[var(--accent)]" />previous container</label>}
        <label className="flex cursor-pointer items-center gap-1"><input type="checkbox" data-testid="log-timestamps" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} className="accent-[var(--accent)]" />timestamps</label>
        <input type="search" data-testid="log-filter" aria-label="Filter lines" placeholder="filter lines" value={filter} onChange={(e) => setFilter(e.target.value)} className="w-full min-w-0 rounded border border-line bg-surface px-2 py-0.5 text-fg sm:w-auto sm:max-w-64 sm:flex-1" />
        <button type="button" onClick={() => setReload((n) => n + 1)} className="rounded border border-line px-2 py-0.5 hover:text-fg">Reload</button>
        </>}
      </div>
      {/* A log Parallax does not read: only the container choice and the note where it goes. */}
      <p className="text-xs text-muted" data-testid="log-status" aria-live="polite">
        {status.state === 'reading' ? 'Reading…' : status.state === 'following' ? 'Following: new lines appear as they are written.' : status.state === 'ended' ? `${log.lines.length.toLocaleString('en-US')} lines read.` : ''}
        {filter && ` ${shown.length.toLocaleString('en-US')} match the filter.`}
        {log.dropped > 0 && ` Only the newest ${BROWSER_LINES_MAX.toLocaleString('en-US')} lines are kept here (${log.dropped.toLocaleString('en-US')} older dropped).`}
      </p>
      {status.state === 'error' && <div role="alert" className="rounded-md border border-bad/40 bg-bad-bg px-3 py-2 text-sm text-bad">Could not read the log: {status.message}</div>}
      {status.state === 'elsewhere' && <p data-testid="log-elsewhere" className="rounded-md border border-line px-3 py-2 text-sm text-muted">Not read here: {status.message}.</p>}
      <div ref={box}>
        {shown.length > 0 || (status.state !== 'error' && status.state !== 'elsewhere') ? <LogLines lines={shown} showPod={multiPod} timestamps={timestamps} /> : null}
      </div>
    </section>
  );
}
