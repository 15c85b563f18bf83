import { defineConfig } from 'vitest/config';

// Tests named *.db.test.ts need a database: they run twice, on embedded PGlite and on the
// machine's PostgreSQL. Every other *.test.ts is a plain unit test and runs once.
const dbTests = [
  'apps/*/src/**/*.db.test.ts',
  'apps/*/test/**/*.db.test.ts',
  'packages/*/src/**/*.db.test.ts',
  'packages/*/test/**/*.db.test.ts',
];
const pgOnlyTests = ['apps/*/test/**/*.pg.test.ts'];
const unitTests = [
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  // the web app's component tests (jsdom, chosen per file)
  'apps/web/src/**/*.test.tsx',
];

const shared = { testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: unitTests, exclude: [...dbTests, ...pgOnlyTests] } },
      { test: { ...shared, name: 'pglite', include: dbTests, env: { TEST_DATABASE: 'pglite' } } },
      // *.pg.test.ts: Backend and Brain as processes sharing PostgreSQL, which PGlite cannot do
      {
        test: {
          ...shared,
          name: 'postgres',
          include: [...dbTests, ...pgOnlyTests],
          env: { TEST_DATABASE: 'postgres' },
        },
      },
      // the web UI in Debian's Chromium against the whole system started as `npm start` does (PGlite)
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          env: { TEST_DATABASE: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
