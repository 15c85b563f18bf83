import type { Connection } from './connection.ts';
import { ApiError, CliError } from './errors.ts';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** A student's access token instead of the admin token (the demo talks as its students). */
  token?: string;
}

export interface BackendClient {
  readonly url: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

const REQUEST_TIMEOUT_MS = 60_000;

// the Backend is not there (or not yet): the usual reason is that `npm start` is not running
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNRESET']);

/** JSON over HTTP with the admin token; every failure becomes a one-line `CliError`. */
export function createBackendClient(connection: Connection): BackendClient {
  const { url } = connection;

  async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const target = new URL(`${url}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? connection.token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(target, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(url, error);
    }
  }

  return {
    url,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const response = await send(method, path, options);
      const text = await response.text();
      const body = parseJson(text);
      if (!response.ok) throw apiError(response, body, options.token === undefined);
      if (body === NOT_JSON) {
        throw new CliError(`${method} ${url}${path} did not answer JSON: is ${url} the Backend?`);
      }
      return body as T;
    },
  };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function apiError(response: Response, body: unknown, withAdminToken: boolean): ApiError {
  const detail = (body as { detail?: unknown } | null)?.detail;
  const said = typeof detail === 'string' ? detail : `the Backend answered ${response.status} ${response.statusText}`;
  const hint =
    withAdminToken && (response.status === 401 || response.status === 403)
      ? ' (check --token or COACH_ADMIN_TOKEN)'
      : '';
  return new ApiError(response.status, `${said}${hint}`);
}

function unreachable(url: string, error: unknown): CliError {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new CliError(`the Backend at ${url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && UNREACHABLE.has(cause.code)) {
    return new CliError(`cannot reach the Backend at ${url} — is \`npm start\` running?`);
  }
  const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new CliError(`cannot reach the Backend at ${url}: ${reason}`);
}
