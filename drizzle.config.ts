import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './bff/db/schema/index.ts',
  out: './bff/db/migrations',
});
