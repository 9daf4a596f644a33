import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/browser/**', '**/node_modules/**'],
        },
      },
      {
        // End-to-end tests in Chromium against the production build, served on loopback by the
        // global setup. They run after the unit tests (groupOrder), one file at a time, so that
        // they do not compete for the CPU with each other or with the unit tests.
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 30_000,
          // Outputs come from a worker; on a busy machine they can take seconds.
          expect: { poll: { timeout: 15_000 } },
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
