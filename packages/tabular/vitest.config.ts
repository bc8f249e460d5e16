import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The property tests take about a second on an idle core; a CI
    // machine running every package's suite at once can be 10x slower. The
    // limit guards against hangs, not speed (benchmarks measure speed).
    testTimeout: 60_000,
  },
});
