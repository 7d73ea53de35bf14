// Where long machine text (images, ARNs, kubectl and aws commands) may wrap on a narrow screen.
// Browsers break after every hyphen, so "--task-definition" or "shop-web:1.8.2" split in the middle
// of a word on a phone. Instead: lines stay lines, words break only at spaces, and a word too long
// for a line breaks after "/" (images, paths, URLs); only a segment longer than that breaks anywhere.
// The text itself is never changed, so copying and find-in-page see exactly what the engine said.

export type WrapToken =
  | { kind: 'text'; text: string; nowrap: boolean }
  /** A break opportunity (<wbr>) inside a long word. */
  | { kind: 'break' };

/** A word up to this many characters never breaks inside (a flag, a short image, a file name). */
export const KEEP_WHOLE = 32;

function word(w: string, out: WrapToken[]): void {
  if (w.length <= KEEP_WHOLE) {
    out.push({ kind: 'text', text: w, nowrap: true });
    return;
  }
  const segments = w.split(/(?<=\/)/);
  segments.forEach((s, i) => {
    if (i > 0) out.push({ kind: 'break' });
    out.push({ kind: 'text', text: s, nowrap: s.length <= KEEP_WHOLE });
  });
}

export function wrapTokens(text: string): WrapToken[] {
  const out: WrapToken[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ kind: 'text', text: '\n', nowrap: false });
    for (const part of line.split(/( +)/)) {
      if (!part) continue;
      if (part.startsWith(' ')) out.push({ kind: 'text', text: part, nowrap: false });
      else word(part, out);
    }
  });
  return out;
}
