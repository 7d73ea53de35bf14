import { describe, expect, it } from 'vitest';
import { wrapTokens, type WrapToken } from './wrap';

const text = (tokens: WrapToken[]) => tokens.map((t) => (t.kind === 'break' ? '' : t.text)).join('');

describe('wrapTokens', () => {
  it('keeps words whole (no break at their hyphens) and breaks at spaces and lines', () => {
    const cmd = 'aws ecs describe-task-definition --task-definition shop-web:1\naws ecs update-service --cluster shop';
    const tokens = wrapTokens(cmd);
    expect(text(tokens)).toBe(cmd);
    expect(tokens.filter((t) => t.kind === 'text' && t.nowrap).map((t) => (t as { text: string }).text)).toContain('--task-definition');
    expect(tokens).toContainEqual({ kind: 'text', text: '\n', nowrap: false });
    expect(tokens.some((t) => t.kind === 'break')).toBe(false);
  });

  it('a long image or URL breaks after its slashes; a segment too long for that anywhere', () => {
    const image = 'ghcr.io/parallax-demo/shop-web:1.8.2-with-a-long-suffix';
    const tokens = wrapTokens(image);
    expect(text(tokens)).toBe(image);
    expect(tokens).toEqual([
      { kind: 'text', text: 'ghcr.io/', nowrap: true }, { kind: 'break' },
      { kind: 'text', text: 'parallax-demo/', nowrap: true }, { kind: 'break' },
      { kind: 'text', text: 'shop-web:1.8.2-with-a-long-suffix', nowrap: false },
    ]);
  });
});
