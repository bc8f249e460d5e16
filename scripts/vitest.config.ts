import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end suites start moto, Terraform and worker processes, each on
    // free ports in its own temporary directory, so two files run at a time.
    // One at a time, this suite was the critical path of `make test` (16.5
    // of 18 min, 2026-12-07): the other packages' suites end in about 6 min
    // and left a core idle for the rest. Applies and plans take tens of
    // seconds each, minutes on a loaded 2-core machine; the limits guard
    // against hangs, not speed.
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
