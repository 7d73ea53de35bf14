'use client';
// Long ARNs and image references: cut in the middle (the start says what it is, the end which one),
// the full value on hover (title) and a copy button. Pure CSS: the head shrinks with an ellipsis, the
// tail keeps its width, so it fits whatever space the layout gives it.
import { useState } from 'react';
import { copyText } from './clipboard';

/** Where to cut: keep the last path or ARN segment (name, tag, digest), at most `max` characters. */
export function tailOf(text: string, max = 24): string {
  const cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf(':', text.length - 2));
  const tail = cut > 0 && text.length - cut <= max ? text.slice(cut) : text.slice(-Math.min(max, Math.floor(text.length / 2)));
  return tail.length >= text.length ? '' : tail;
}

/** Two overlapping sheets (an SVG: the copy glyphs of Unicode are missing from many fonts). */
function CopyIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" width="11" height="11" fill="none" stroke="currentColor" strokeWidth="1.5" className="inline-block align-[-1px]">
      <rect x="5" y="5" width="9" height="9" rx="1.5" />
      <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
    </svg>
  );
}

export function MiddleTruncate({ text, copy = true, className = '' }: { text: string; copy?: boolean; className?: string }) {
  const [copied, setCopied] = useState(false);
  const tail = tailOf(text);
  const head = text.slice(0, text.length - tail.length);
  return (
    <span className={`inline-flex min-w-0 max-w-full items-baseline align-bottom font-mono text-[12px] ${className}`} title={text} data-full={text}>
      <span className="truncate">{head}</span>
      <span className="shrink-0 whitespace-pre">{tail}</span>
      {copy && (
        <button
          type="button"
          aria-label={copied ? 'Copied' : `Copy ${text}`}
          title={copied ? 'Copied' : 'Copy'}
          className="ml-1 shrink-0 rounded px-0.5 font-sans text-[11px] text-muted hover:bg-surface-2 hover:text-fg"
          onClick={(e) => {
            e.stopPropagation();
            void copyText(text).then((ok) => { if (ok) { setCopied(true); setTimeout(() => setCopied(false), 1_200); } });
          }}
        >
          {copied ? '✓' : <CopyIcon />}
        </button>
      )}
    </span>
  );
}
