import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'api/**/*.test.ts', 'addon/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
