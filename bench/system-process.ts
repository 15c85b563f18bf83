import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SystemProcess {
  url: string;
  adminToken: string;
  pid: number;
  /** Resident set size of the system's process, in MiB. */
  rssMiB(): number;
  /** CPU time the system's process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** A database for one bench run: a fresh PostgreSQL database, or nothing (embedded PGlite). */
export async function benchDatabase(kind: 'pglite' | 'postgres', serverUrl: string) {
  if (kind === 'pglite') return { url: undefined, drop: async () => {} };
  const name = `coach_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh, empty DATA_DIR. */
export function benchDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'coach-bench-'));
}

/** Runs the whole system as `npm start` does, in a child process, on a free port pair. */
export async function startSystemProcess(options: {
  databaseUrl?: string | undefined;
  /** DATA_DIR, e.g. one whose PGlite database was loaded beforehand; removed on stop. */
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<SystemProcess> {
  const dataDir = options.dataDir ?? benchDataDir();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // BENCH_CPU_PROF=<dir>: the system process writes a V8 CPU profile there when it stops
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    // as `npm start` runs it (package.json: a young generation of 8 MiB semi-spaces)
    [...profile, '--max-semi-space-size=8', path.join(root, 'packages/cli/src/bin.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        BRAIN_PORT: String(port + 1),
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
        LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
        MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the system exited with ${child.exitCode} during start`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (waited > 60_000) throw new Error('the system did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { adminToken: string };
  return {
    url,
    adminToken: options.env?.COACH_ADMIN_TOKEN ?? secrets.adminToken,
    pid: child.pid!,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    cpuSeconds() {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux)
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
