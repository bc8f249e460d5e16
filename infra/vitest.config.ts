import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Terraform is slow on a shared 2-core machine: a local deploy took 20 s idle, 80 s under load.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One file at a time: the emulator deploy and terraform validate each want the cores.
    fileParallelism: false,
  },
});
