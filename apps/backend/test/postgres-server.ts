import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedServer } from '../src/db/embedded-server.ts';

/**
 * The PostgreSQL server tests create their databases on: `TEST_DATABASE_URL` or `TEST_POSTGRES_URL`
 * when given (a server of your own, e.g. the machine's), otherwise an embedded server started for
 * the run in a temporary folder, durability off, removed at the end. No test needs a system PostgreSQL.
 */
export interface TestServer {
  /** The maintenance database's URL: tests create and drop their own databases beside it. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export function givenServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.TEST_POSTGRES_URL || undefined;
}

export async function startTestServer(): Promise<TestServer> {
  const given = givenServerUrl();
  if (given) return { url: given, embedded: false, stop: async () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-test-pg-'));
  const server = await startEmbeddedServer({
    dataDir: path.join(dir, 'pg'),
    throwaway: true,
    // every test file's pools (app, pg-boss, processes) on one server, two workers at once
    settings: { max_connections: 400 },
  });
  return {
    url: server.url,
    embedded: true,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
