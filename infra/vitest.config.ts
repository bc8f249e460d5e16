import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Terraform is slow on a shared 2-core machine: a local deploy took 20 s idle, 80 s under load.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
