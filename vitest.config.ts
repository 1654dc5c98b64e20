import { defineConfig } from 'vitest/config';

// The BFF suite runs on PGlite always and, when DATABASE_URL is set (CI), again on that Postgres server.
// `*.pg.test.ts` need several real connections (concurrent workers) and run on Postgres only.
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'bff:pglite',
          include: ['test/bff/**/*.test.ts'],
          exclude: ['test/bff/**/*.pg.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(onPostgres
        ? [{ extends: true as const, test: { name: 'bff:postgres', include: ['test/bff/**/*.test.ts'], env: { TEST_DB: 'postgres' } } }]
        : []),
      // One file at a time: each `npm start` rebuilds dist/telkit, which another file's server may be serving.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
