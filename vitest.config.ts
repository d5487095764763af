import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    testTimeout: 20000,
    // Some tests drive real processes (kubectl, etcd, the kernel) on a loaded two-core CI
    // machine; a second attempt absorbs their timing, a real bug fails both.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 600000,
  },
});
