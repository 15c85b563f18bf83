import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { testServerUrl } from '../../../apps/backend/test/database.ts';
import { type Api, httpApi, type Query, queryPostgres } from './api.ts';

/**
 * The system as production runs it on PostgreSQL: the Backend and each Brain a process of its own
 * (`node apps/backend/src/main.ts`, `node apps/brain/src/main.ts`) on a fresh database, so a Brain can
 * be killed with SIGKILL in the middle of its work.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServiceProcess {
  pid: number;
  /** What the process wrote to stdout and stderr, for the message of a failing test. */
  output(): string;
  /** SIGKILL: no shutdown, no goodbye to pg-boss. Resolves once the process is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ProcessSystem {
  api: Api;
  query: Query;
  databaseUrl: string;
  backend: ServiceProcess;
  brainUrl: string;
  /** Starts a Brain process on the Brain port (one at a time: the health route probes that port). */
  startBrain(env?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export async function startProcessSystem(
  options: { serverUrl?: string; backendEnv?: Record<string, string> } = {},
): Promise<ProcessSystem> {
  const serverUrl = options.serverUrl ?? testServerUrl();
  const onServer = <T>(work: (client: pg.Client) => Promise<T>) => withServer(serverUrl, work);
  const name = `coach_reliability_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-reliability-'));
  const [port, brainPort] = [await freePort(), await freePort()];
  const tokens = {
    adminToken: `admin-${randomBytes(16).toString('hex')}`,
    internalToken: `internal-${randomBytes(16).toString('hex')}`,
  };
  const common = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    BRAIN_PORT: String(brainPort),
    COACH_ADMIN_TOKEN: tokens.adminToken,
    COACH_INTERNAL_TOKEN: tokens.internalToken,
    COACH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  };
  const api = httpApi(`http://127.0.0.1:${port}`, tokens);
  const brainUrl = `http://127.0.0.1:${brainPort}`;
  const children: ServiceProcess[] = [];
  const query = queryPostgres(databaseUrl);

  const backend = spawnService('apps/backend/src/main.ts', {
    ...common,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.backendEnv,
  });
  children.push(backend);
  await until(
    `the Backend (${backend.output()})`,
    async () => (await api.request('GET', '/api/health')).status === 200,
  );

  return {
    api,
    query,
    databaseUrl,
    backend,
    brainUrl,
    async startBrain(env = {}) {
      const brain = spawnService('apps/brain/src/main.ts', { ...common, BACKEND_URL: api.url, ...env });
      children.push(brain);
      await until(`a Brain (${brain.output()})`, async () => {
        const answer = await fetch(`${brainUrl}/health`).catch(() => undefined);
        return answer?.status === 200;
      });
      return brain;
    },
    async stop() {
      for (const child of children.reverse()) await child.stop();
      await query.close();
      await onServer((client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `node <script> [args]` from the repo's root, its output kept for a failing test's message. */
export function spawnService(script: string, env: Record<string, string>, args: string[] = []): ServiceProcess {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    pid: child.pid!,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(150)) {
    if (await ready().catch(() => false)) return;
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
