import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.ts';

/** Where the Backend is and the admin token to call it with. */
export interface Connection {
  url: string;
  token: string;
}

export interface ConnectionOptions {
  url?: string | undefined;
  token?: string | undefined;
}

type Env = Record<string, string | undefined>;

/** `BACKEND_URL`, else the port `npm start` listens on (`PORT`, 5000). */
export function defaultBackendUrl(env: Env = process.env): string {
  return env.BACKEND_URL || `http://127.0.0.1:${env.PORT || 5000}`;
}

/** Where `npm start` keeps the admin token it generated when `COACH_ADMIN_TOKEN` was not set. */
export function secretsFile(env: Env = process.env): string {
  return path.resolve(env.DATA_DIR || './data', 'secrets.json');
}

/** `--url` and `--token` first, then the environment, then the token `npm start` saved in `DATA_DIR`. */
export function resolveConnection(options: ConnectionOptions, env: Env = process.env): Connection {
  return { url: backendUrl(options.url ?? defaultBackendUrl(env)), token: adminToken(options.token, env) };
}

function backendUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be the Backend's address, like http://127.0.0.1:5000 (got "${raw}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must start with http:// or https:// (got "${raw}").`);
  }
  return url.toString().replace(/\/+$/, '');
}

function adminToken(fromOption: string | undefined, env: Env): string {
  const token = fromOption || env.COACH_ADMIN_TOKEN || storedAdminToken(secretsFile(env));
  if (token) return token;
  throw new UsageError(
    `no admin token: pass --token <token>, set COACH_ADMIN_TOKEN (npm start prints it), or set DATA_DIR to the folder where npm start keeps secrets.json (looked in ${secretsFile(env)}).`,
  );
}

function storedAdminToken(file: string): string | undefined {
  try {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const token = (stored as { adminToken?: unknown } | null)?.adminToken;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    // no file (never started here) or not ours: the caller says how to pass the token
    return undefined;
  }
}
