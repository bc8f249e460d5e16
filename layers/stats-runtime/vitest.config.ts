import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // some tests start child processes; the CI machine is shared
    testTimeout: 60_000,
  },
});
