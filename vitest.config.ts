import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Browser tests start servers and Chromium; keep them from fighting the unit tests for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
