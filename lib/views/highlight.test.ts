import { describe, expect, it } from 'vitest';
import { highlight, type Token } from './highlight';

const kinds = (line: Token[]) => line.filter((t) => t.kind !== 'text').map((t) => `${t.kind}:${t.text}`);

describe('highlight', () => {
  it('tokenizes YAML keys, scalars, list markers and block scalars without losing a character', () => {
    const yaml = 'metadata:\n  name: web\n  labels:\n    "app.kubernetes.io/name": web\nspec:\n  replicas: 3\n  paused: false\n  args:\n    - --port=8080\n  script: |\n    a: b\n    echo hi\nstatus: {}\n';
    const lines = highlight(yaml, 'yaml');
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n') + '\n').toBe(yaml);
    expect(kinds(lines[1])).toEqual(['key:name', 'punct::', 'string:web']);
    expect(kinds(lines[3])).toEqual(['key:"app.kubernetes.io/name"', 'punct::', 'string:web']);
    expect(kinds(lines[5])).toEqual(['key:replicas', 'punct::', 'number:3']);
    expect(kinds(lines[6])).toEqual(['key:paused', 'punct::', 'literal:false']);
    expect(kinds(lines[8])).toEqual(['punct:- ', 'string:--port=8080']);
    // Inside the block scalar, "a: b" is text of the value, not a key.
    expect(kinds(lines[10])).toEqual(['string:    a: b']);
    expect(kinds(lines[12])).toEqual(['key:status', 'punct::', 'punct:{}']);
  });

  it('tokenizes JSON keys apart from string values', () => {
    const json = JSON.stringify({ serviceName: 'web', desiredCount: 2, enableExecuteCommand: false, tags: [], x: null, note: 'a: "b"' }, null, 2);
    const lines = highlight(json, 'json');
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(json);
    expect(kinds(lines[1])).toEqual(['key:"serviceName"', 'punct::', 'string:"web"', 'punct:,']);
    expect(kinds(lines[2])).toEqual(['key:"desiredCount"', 'punct::', 'number:2', 'punct:,']);
    expect(kinds(lines[3])).toEqual(['key:"enableExecuteCommand"', 'punct::', 'literal:false', 'punct:,']);
    expect(kinds(lines[6])).toEqual(['key:"note"', 'punct::', 'string:"a: \\"b\\""']);
  });
});
