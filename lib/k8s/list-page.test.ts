// The list page's body checks (the HTTP path, paging and faults are covered in source.test.ts and faults-held.test.ts).
import { describe, expect, it } from 'vitest';
import { parseListPage } from './list-page';

describe('parseListPage', () => {
  it('returns the list as the server sent it: plain JSON, timestamps as strings, continue as `continue`', () => {
    const body = JSON.stringify({
      kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '42', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ' },
      items: [{ metadata: { name: 'a', namespace: 'n', creationTimestamp: '2026-01-02T03:04:05Z' } }],
    });
    const page = parseListPage(body, 'https://k', '/api/v1/pods');
    expect(page.metadata).toEqual({ resourceVersion: '42', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ' });
    expect((page.items![0] as { metadata: { creationTimestamp: unknown } }).metadata.creationTimestamp).toBe('2026-01-02T03:04:05Z');
  });

  it('a body that is not a list is an error of the list (retried), never an empty list', () => {
    expect(() => parseListPage('{"items":', 'https://k', '/api/v1/pods')).toThrow(/list \/api\/v1\/pods: the answer is not JSON/);
    expect(() => parseListPage('{"items":{}}', 'https://k', '/api/v1/pods')).toThrow('list /api/v1/pods: the answer is not a list');
    expect(() => parseListPage('null', 'https://k', '/api/v1/pods')).toThrow('list /api/v1/pods: the answer is not a list');
  });
});
