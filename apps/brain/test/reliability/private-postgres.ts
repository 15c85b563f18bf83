import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.ts';

/**
 * A PostgreSQL server of the soak's own (initdb in a temporary folder, on a free port), so the restart
 * scenario can stop and start it without taking down the machine's server that other test runs use.
 * Needs the machine's PostgreSQL binaries; as root it runs them as the `postgres` user, as Debian does.
 */
export interface PrivatePostgres {
  /** The server's maintenance database, e.g. postgres://postgres@127.0.0.1:54123/postgres */
  url: string;
  stop(): void;
  start(): void;
  remove(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const version = readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  if (!version) throw new Error('no PostgreSQL binaries in /usr/lib/postgresql');
  const bin = (name: string) => `/usr/lib/postgresql/${version}/bin/${name}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-soak-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const postgresUser = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const postgresGroup = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, postgresUser, postgresGroup);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: 'ignore',
    });
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => run(bin('pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']),
    stop: () => run(bin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    remove() {
      try {
        server.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}
