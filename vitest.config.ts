import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits for a screen or a server to catch up: a loaded 2-core CI machine took more than the default second.
    expect: { poll: { timeout: 10_000 } },
    // Browser tests start servers and Chromium; keep them from fighting the unit tests for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
