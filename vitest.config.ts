import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One run, four projects. The real mail stack is started once for the whole run by
 * test/servers/global-setup.ts (and stopped again unless it was already running).
 */
export default defineConfig({
  test: {
    globalSetup: ['test/servers/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'interop',
          include: ['test/interop/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
