import { defineConfig } from 'vitest/config';

/** The site's e2e suite on its own: `npx vitest run --config tests/e2e/vitest.e2e.config.ts`. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 200_000,
    pool: 'forks',
    // As in vitest.config.ts: expect.poll's default 1 s bound is too short on a loaded machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
