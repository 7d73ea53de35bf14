import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParallaxConfig } from '@/lib/config/parallax-file';
import { PROJECT_ROOT } from './root';

describe('parallax.example.yaml', () => {
  it('is a valid config file (the README points at it)', () => {
    const file = path.join(PROJECT_ROOT, 'parallax.example.yaml');
    const r = parseParallaxConfig(fs.readFileSync(file, 'utf8'), file);
    expect(r.errors).toEqual([]);
    expect(r.drift?.pairs).toHaveLength(1);
    expect(r.drift?.ignore.map((i) => i.field)).toEqual(['replicas', 'env.BUILD_*']);
  });
});
