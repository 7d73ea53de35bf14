import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'deploy/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    // The read-only audit over the whole suite: Parallax's requests to any simulator must be reads.
    setupFiles: ['lib/testing/read-only-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Simulators bind loopback ports; files run in parallel workers, each with its own ports.
    pool: 'forks',
  },
});
