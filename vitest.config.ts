import { defineConfig } from 'vitest/config'

// CI has two cores; vitest's default on two is one worker (cores - 1), which leaves one idle.
const WORKERS = 2

export default defineConfig({
  test: {
    environment: 'node',
    maxWorkers: WORKERS,
    projects: [
      {
        // The engine, the content and the tooling in plain Node. Their files share one module
        // cache per worker (isolate: false): each isolated file re-imported the engine and mathjs,
        // most of this project's time. They mock nothing and leave no global state behind.
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/browser/**', 'tests/app/**', '**/node_modules/**'],
          isolate: false,
        },
      },
      {
        // The page's components, stores and worker client, in jsdom. Isolated: they mock modules.
        extends: true,
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.ts', 'tests/app/**/*.test.tsx'],
        },
      },
      {
        // End-to-end tests in Chromium against the production build (built once, served on
        // loopback by the global setup). They run after the unit tests (groupOrder), so they do
        // not compete with them, two files at a time: a file keeps a core busy about a quarter of
        // its time (it mostly waits for the page), and two at once took a third less time.
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 30_000,
          // Outputs come from a worker; on a busy machine they can take seconds.
          expect: { poll: { timeout: 15_000 } },
          maxWorkers: WORKERS,
          // Two files at once on two cores: a page waiting on its worker can miss a poll under
          // that load (seen: 2 of 1,266 tests in one of three full runs, each passing alone).
          // One retry keeps a slow moment from failing CI; a test that fails twice still fails.
          retry: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
