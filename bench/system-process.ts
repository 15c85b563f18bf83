import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, processTree, running, type TreeMemory, treeMemory } from './process-tree.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SystemProcess {
  url: string;
  adminToken: string;
  pid: number;
  /** The node process's resident set, and the whole tree's (node, the embedded server) proportional set. */
  memory(): TreeMemory;
  /** CPU time the system's node process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** A fresh, empty DATA_DIR. */
export function benchDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'coach-bench-'));
}

/**
 * Runs the whole system as `npm start` does, in a child process, on a free port pair: on
 * `databaseUrl`, or without one on its embedded server in DATA_DIR/pg.
 */
export async function startSystemProcess(options: {
  databaseUrl?: string | undefined;
  /** DATA_DIR, e.g. one whose embedded database was loaded beforehand; removed on stop. */
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
    [...profile, '--max-semi-space-size=8', path.join(root, 'apps/cli/src/bin.ts'), 'start'],
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
    await sleep(200);
  }
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { adminToken: string };
  return {
    url,
    adminToken: options.env?.COACH_ADMIN_TOKEN ?? secrets.adminToken,
    pid: child.pid!,
    memory: () => treeMemory(child.pid!),
    cpuSeconds: () => cpuSeconds(child.pid!),
    async stop() {
      const tree = processTree(child.pid!);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      // the embedded server stops after the system (or once its pipe closes): its data dir goes after it
      for (let waited = 0; waited < 10_000 && tree.some(running); waited += 100) await sleep(100);
      for (const pid of tree.filter(running)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
