// Log lines as text: React escapes them (no dangerouslySetInnerHTML anywhere), so a line holding
// markup shows that markup. A separate file so that its escaping is tested without a browser.
import type { KeptLine } from '@/lib/views/logs';

export function LogLines({ lines, showPod, timestamps }: { lines: KeptLine[]; showPod: boolean; timestamps: boolean }) {
  return (
    <pre aria-label="Log lines" data-testid="log-lines" tabIndex={0} className="max-h-[70vh] min-h-24 overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-[12px] leading-5">
      {lines.map((l) => (
        <div key={l.seq} data-testid="log-line" className={`whitespace-pre-wrap [overflow-wrap:anywhere] ${l.error ? 'text-bad' : ''}`}>
          {showPod && <span className="text-k8s" data-testid="log-pod">{l.pod} </span>}
          {timestamps && l.t && <span className="text-muted" data-testid="log-time">{l.t} </span>}
          {l.error ? `could not read this log: ${l.line}` : l.line}
        </div>
      ))}
    </pre>
  );
}
