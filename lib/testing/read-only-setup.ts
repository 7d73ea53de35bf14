// vitest setup file: after each test file, audit every simulator the file started (lib/sim/registry):
// a request Parallax's adapters sent that was not a read fails the file.
import { afterAll } from 'vitest';
import { forgetSimulators } from '@/lib/sim/registry';
import { auditSimulators } from './read-only';

afterAll(() => {
  const writes = auditSimulators();
  forgetSimulators();
  if (writes.length) throw new Error(`read-only audit: Parallax sent requests that are not reads:\n${writes.join('\n')}`);
});
