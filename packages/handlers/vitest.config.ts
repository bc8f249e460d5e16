import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // handler logs and EMF metric lines are JSON lines on stdout; the tests assert on
    // responses (tests/metrics.test.ts passes its own metric sink)
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', LAMBDA_STATS_METRICS: 'off' },
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
