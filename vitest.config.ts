import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs two projects: `node` (unit tests, ingestion against real MCP servers, the CLI)
 * and `e2e` (the built site in real Chromium; its globalSetup builds the site once and serves it on
 * loopback). `npm test -- --project node` runs the fast part alone.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          // expect.poll gives up after 1 s by default: too short for a fetch and a render on a loaded
          // 2-core machine. Polls wait for a final value, so a longer bound only matters when failing.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
