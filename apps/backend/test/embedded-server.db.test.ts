import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_MAJOR, freePort, startEmbeddedServer } from '../src/db/embedded-server.ts';
import { startBackendService } from '../src/server.ts';

// The embedded server as `npm start` uses it: each test a DATA_DIR of its own in a temporary folder.
const folders: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-embedded-'));
  folders.push(dir);
  return dir;
};
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (await check()) return;
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

describe('the embedded PostgreSQL server', () => {
  it('initialises on first start, keeps its data across a restart, and asks for a password', async () => {
    const dataDir = path.join(newDataDir(), 'pg');
    const first = await startEmbeddedServer({ dataDir, throwaway: true });
    await query(first.url, 'create table kept (note text); insert into kept values ($$still here$$)');
    await first.stop();

    const second = await startEmbeddedServer({ dataDir, throwaway: true });
    cleanups.push(() => second.stop());
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
    expect((await query(second.url, 'show server_version'))[0].server_version).toMatch(
      new RegExp(`^${EMBEDDED_MAJOR}\\.`),
    );
    // another account on the machine cannot walk in without the password kept beside the cluster
    const withoutPassword = new URL(second.url);
    withoutPassword.password = '';
    await expect(query(withoutPassword.toString(), 'select 1')).rejects.toThrow(/password/i);
  });

  it('starts over a postmaster.pid left by a server that was killed', async () => {
    const dataDir = path.join(newDataDir(), 'pg');
    const server = await startEmbeddedServer({ dataDir, throwaway: true });
    await server.stop();
    // what a kill -9 of the whole machine leaves: a lock naming a process that is gone
    writeFileSync(path.join(dataDir, 'postmaster.pid'), '999999\n/nowhere\n0\n5432\n');
    const again = await startEmbeddedServer({ dataDir, throwaway: true });
    cleanups.push(() => again.stop());
    expect(await query(again.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('does not outlive a parent killed with SIGKILL', async () => {
    const dataDir = path.join(newDataDir(), 'pg');
    const script = fileURLToPath(new URL('./embedded-server-child.ts', import.meta.url));
    const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
    });
    expect(started).toMatch(/^ready/);
    const pid = postmasterPid(dataDir);
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    await until('the server stops after its parent is killed', () => !alive(pid));
    // and the next start finds the folder ready for it
    const next = await startEmbeddedServer({ dataDir, throwaway: true });
    cleanups.push(() => next.stop());
    expect(await query(next.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('says in one line when its port is in use', async () => {
    const port = await freePort();
    const sockets = new Set<Socket>();
    const taken: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => taken.close(resolve));
    });
    const dataDir = path.join(newDataDir(), 'pg');
    await expect(startEmbeddedServer({ dataDir, port, throwaway: true })).rejects.toThrow(
      `The embedded PostgreSQL server did not start: port ${port} is in use`,
    );
  });

  it('refuses a data folder from another PostgreSQL major version, saying what to do', async () => {
    const dataDir = path.join(newDataDir(), 'pg');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '16\n');
    await expect(startEmbeddedServer({ dataDir })).rejects.toThrow(
      `${dataDir} holds a PostgreSQL 16 database; this version runs PostgreSQL ${EMBEDDED_MAJOR}. Upgrade it with pg_upgrade`,
    );
  });

  it('refuses a DATA_DIR it cannot write to', async () => {
    // a file where the folder should be: even root cannot create anything beneath it
    const file = path.join(newDataDir(), 'not-a-folder');
    writeFileSync(file, '');
    await expect(startEmbeddedServer({ dataDir: path.join(file, 'pg') })).rejects.toThrow(
      new RegExp(`^DATA_DIR ${file} is not writable \\(E[A-Z]+\\): choose another DATA_DIR or fix its permissions\\.$`),
    );
  });
});

describe('the Backend on the embedded default', () => {
  const env = async (dataDir: string) => ({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    BRAIN_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
  });

  it('answers 503 while its server is killed under it, and recovers when the server is back', async () => {
    const dataDir = newDataDir();
    const backend = await startBackendService(await env(dataDir));
    cleanups.push(() => backend.stop());
    const health = async () => (await fetch(`${backend.url}/api/health`)).status;
    const login = async () =>
      (
        await fetch(`${backend.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: `Asha-${Math.random().toString(36).slice(2, 8)}` }),
        })
      ).status;
    expect(await login()).toBe(200);

    const pid = postmasterPid(path.join(dataDir, 'pg'));
    process.kill(pid, 'SIGKILL');
    await until('health reports the lost database', async () => (await health()) === 503);
    // the server is started again on the same port; pools find it there
    await until('logins work again', async () => (await login()) === 200);
    expect(postmasterPid(path.join(dataDir, 'pg'))).not.toBe(pid);
  });

  it('refuses to start beside the data of the PGlite version, saying what to do', async () => {
    const dataDir = newDataDir();
    mkdirSync(path.join(dataDir, 'pglite'));
    await expect(startBackendService(await env(dataDir))).rejects.toThrow(
      /holds data from an earlier version \(embedded PGlite\), which this version no longer reads/,
    );
  });
});
