import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'api/**/*.test.ts', 'addon/**/*.test.ts'],
    testTimeout: 30_000,
    // Two files at a time even on two cores (Vitest's default is one fewer than the cores): most
    // of the suite's time is spent waiting on PostgreSQL, child servers, workerd and Chromium.
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Tests never reach the internet: every `mogul serve` they start (children inherit this)
    // leaves the reference exchange rates alone; the rates' own tests serve a file locally.
    env: { MOGUL_ECB_URL: 'off' },
  },
});
