import { defineConfig } from 'vitest/config';

// Tests named *.db.test.ts need a database: they run on one PostgreSQL server for the whole run (an
// embedded one started by the global setup, or TEST_DATABASE_URL), a database of their own each.
// Every other *.test.ts is a plain unit test.
const dbTests = [
  'apps/*/src/**/*.db.test.ts',
  'apps/*/test/**/*.db.test.ts',
  'packages/*/src/**/*.db.test.ts',
  'tests/**/*.db.test.ts',
];
const unitTests = [
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'tests/**/*.test.ts',
  // the web app's component tests (jsdom, chosen per file)
  'apps/web/src/**/*.test.tsx',
];

const shared = { testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: unitTests, exclude: dbTests } },
      { test: { ...shared, name: 'db', include: dbTests, globalSetup: ['apps/backend/test/global-setup.ts'] } },
      // the web UI in Debian's Chromium against the whole system started as `npm start` does (embedded PostgreSQL)
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
