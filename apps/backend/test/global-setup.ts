import type { TestProject } from 'vitest/node';
import { buildTemplateDatabase, dropTemplateDatabase } from './database.ts';
import { startTestServer } from './postgres-server.ts';

/**
 * One PostgreSQL server for the whole run (embedded unless TEST_DATABASE_URL / TEST_POSTGRES_URL
 * names one) and one migrated template database that every test file's fresh database is copied from.
 * Test workers find both in the environment they inherit.
 */
export default async function setup(_project: TestProject) {
  const server = await startTestServer();
  process.env.TEST_POSTGRES_URL = server.url;
  const template = await buildTemplateDatabase(server.url);
  process.env.TEST_TEMPLATE_DATABASE = template;
  return async () => {
    await dropTemplateDatabase(server.url, template).catch(() => {});
    await server.stop();
  };
}
