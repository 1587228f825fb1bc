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
        },
      },
    ],
  },
});
