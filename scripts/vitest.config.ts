import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The moto-backed tests run Terraform (apply, plans): seconds each.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
