// A small tokenizer for the raw view's YAML (as the `yaml` package writes it) and JSON (as
// JSON.stringify(…, null, 2) writes it): enough to colour keys, strings, numbers, booleans/null
// and punctuation. The UI renders tokens as text nodes (never as HTML), so nothing needs escaping.

export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'comment' | 'text';
export interface Token {
  kind: TokenKind;
  text: string;
}

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b|\b(true|false|null)\b|([{}[\],:])|(\s+)|([^\s"{}[\],:]+)/g;

function jsonLine(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(JSON_TOKEN)) {
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'punct', text: m[2] });
    } else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'literal', text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'punct', text: m[5] });
    else out.push({ kind: 'text', text: m[0] });
  }
  return out;
}

function yamlScalar(text: string): TokenKind {
  if (/^(?:true|false|null|~)$/.test(text)) return 'literal';
  if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return 'number';
  return 'string';
}

// indent, optional "- " markers, then `key:` (plain or quoted) and the rest, or a bare value.
const YAML_LINE = /^(\s*)((?:-\s+)*)(?:((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^:#]*?))(:)(?=\s|$))?(\s*)(.*)$/;

function yamlLine(line: string): Token[] {
  if (/^\s*#/.test(line)) return [{ kind: 'comment', text: line }];
  const m = YAML_LINE.exec(line);
  if (!m) return [{ kind: 'text', text: line }];
  const [, indent, dashes, key, colon, gap, rest] = m;
  const out: Token[] = [];
  if (indent) out.push({ kind: 'text', text: indent });
  if (dashes) out.push({ kind: 'punct', text: dashes });
  if (key !== undefined) {
    out.push({ kind: 'key', text: key });
    out.push({ kind: 'punct', text: colon });
  }
  if (gap) out.push({ kind: 'text', text: gap });
  if (rest) out.push({ kind: /^[|>][-+]?$/.test(rest) || /^[{[]\]?}?$/.test(rest) ? 'punct' : yamlScalar(rest), text: rest });
  return out;
}

/**
 * One token list per line. A YAML block scalar (`key: |`) keeps its lines as strings, so a value
 * that happens to contain `a: b` is not coloured as a key.
 */
export function highlight(text: string, format: 'yaml' | 'json'): Token[][] {
  const lines = text.replace(/\n$/, '').split('\n');
  if (format === 'json') return lines.map(jsonLine);
  const out: Token[][] = [];
  let blockIndent = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) {
      out.push([{ kind: 'string', text: line }]);
      continue;
    }
    blockIndent = -1;
    const tokens = yamlLine(line);
    out.push(tokens);
    if (/:\s*[|>][-+]?\s*$/.test(line)) blockIndent = indent;
  }
  return out;
}
