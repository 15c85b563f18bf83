import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type Database, openDatabase, queueConnection } from '@coach/data';
import type { Secrets } from '@coach/runtime';
import { type JobQueue, startQueue } from '@coach/runtime';
import type { FastifyBaseLogger, RouteOptions } from 'fastify';
import { createApp, createAppContext } from '../src/app.ts';
import type { ZodApp } from '../src/app-context.ts';
import { startBackgroundWork } from '../src/background-work.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { freshDatabase } from './database.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestBackend {
  url: string;
  app: ZodApp;
  database: Database;
  queue: JobQueue;
  config: Config;
  adminToken: string;
  internalToken: string;
  /** The HMAC key of students' access tokens, for tests that issue their own (expired, forged …). */
  tokenSecret: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Stands between the app and the real queue, e.g. to make an enqueue fail; `backend.queue` stays the real one. */
  wrapQueue?: (queue: JobQueue) => JobQueue;
  /** Where request logs go (none when absent). */
  logger?: FastifyBaseLogger;
  /** Told about every route the Backend registers. */
  onRoute?: (route: RouteOptions) => void;
  /** The built web UI to serve; apps/web/dist when absent. */
  webRoot?: string;
  /** Another Backend whose database and secrets this one shares, as a second replica would. */
  replicaOf?: TestBackend;
}

/** A Backend on a fresh database of the kind under test, listening on a free loopback port. */
export async function startBackend(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<TestBackend> {
  const config: Config = {
    ...loadConfig({}),
    loginRateLimitPerMinute: 10_000,
    loginAddressRateLimitPerMinute: 10_000,
    messageRateLimitPerMinute: 10_000,
    personaCorrectionRateLimitPerHour: 10_000,
    // no Brain runs in these tests: the health probe must fail fast
    brainUrl: 'http://127.0.0.1:9',
    ...overrides,
  };
  const { replicaOf } = options;
  const secrets: Secrets = {
    adminToken: replicaOf?.adminToken ?? `admin-${randomBytes(16).toString('hex')}`,
    internalToken: replicaOf?.internalToken ?? `internal-${randomBytes(16).toString('hex')}`,
    tokenSecret: replicaOf?.tokenSecret ?? randomBytes(32).toString('hex'),
    fromDataDir: [],
  };
  // a replica's pool closes with it; the database itself goes with the Backend that created it
  const database = replicaOf
    ? await openDatabase({ databaseUrl: replicaOf.database.connectionString })
    : await freshDatabase();
  const queue = await startQueue(queueConnection(database));
  const context = createAppContext({ config, secrets, database, queue: options.wrapQueue?.(queue) ?? queue });
  const app = await createApp(context, options);
  // as the server starts it: dead letters and the generation schedule beside the HTTP app
  const stopBackgroundWork = await startBackgroundWork(context, app.log);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    url,
    app,
    database,
    queue,
    config,
    adminToken: secrets.adminToken,
    internalToken: secrets.internalToken,
    tokenSecret: secrets.tokenSecret,
    request,
    async close() {
      await stopBackgroundWork();
      await app.close();
      await queue.stop();
      await database.close();
    },
  };
}

export interface Student {
  id: number;
  token: string;
  name: string | null;
}

/** Logs a new student in by name and returns their id and access token. */
export async function givenStudent(backend: TestBackend, name = 'Asha'): Promise<Student> {
  const response = await backend.request('POST', '/api/auth/login', { body: { identifier: name } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.user.id, token: response.body.access_token, name: response.body.user.name };
}

export async function givenConversation(backend: TestBackend, student: Student, title?: string): Promise<number> {
  const response = await backend.request('POST', '/api/conversations', {
    token: student.token,
    body: title ? { title } : {},
  });
  if (response.status !== 201) throw new Error(`create conversation failed: ${response.status}`);
  return response.body.id;
}

export async function givenMessage(
  backend: TestBackend,
  student: Student,
  conversationId: number,
  content = 'Why is the sky blue?',
  purpose = 'test',
) {
  const response = await backend.request('POST', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
    body: { content, purpose },
  });
  if (response.status !== 200)
    throw new Error(`post message failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.message as { id: number; content: string; is_user: boolean; timestamp: string };
}
