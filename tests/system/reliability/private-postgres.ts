import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedServer, freePort, startEmbeddedServer } from '../../../apps/backend/src/db/embedded-server.ts';

/**
 * A PostgreSQL server of the soak's own (the embedded binaries, in a temporary folder, on a fixed free
 * port), so the restart scenario can stop and start it without taking down the server other runs use.
 */
export interface PrivatePostgres {
  /** The server's maintenance database, e.g. postgres://postgres:…@127.0.0.1:54123/postgres */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-soak-pg-'));
  const dataDir = path.join(dir, 'pg');
  const port = await freePort();
  const launch = () => startEmbeddedServer({ dataDir, port, throwaway: true, settings: { max_connections: 200 } });
  let server: EmbeddedServer | undefined = await launch();
  return {
    url: server.url,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await launch();
    },
    async remove() {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
