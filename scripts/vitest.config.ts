import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end suites start moto, Terraform and worker processes: one file
    // at a time. Applies and plans take tens of seconds each, minutes on a
    // loaded 2-core machine; the limits guard against hangs, not speed.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
