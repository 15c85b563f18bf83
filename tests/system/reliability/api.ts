import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@coach/data';
import { sql } from 'drizzle-orm';
import pg from 'pg';

/**
 * What a reliability scenario needs of a running system, whether it runs in this process (the test
 * harness) or as separate processes: the Backend's HTTP API and read access to its database.
 */

export interface ApiAnswer {
  status: number;
  body: any;
}

export interface Api {
  url: string;
  adminToken: string;
  internalToken: string;
  request(method: string, path: string, options?: { token?: string | null; body?: unknown }): Promise<ApiAnswer>;
}

/** Rows of a read-only query against the system's database. */
export type Query = (text: string) => Promise<Record<string, any>[]>;

/** The Backend at `url`, called over HTTP; a connection refused or reset counts as status 0. */
export function httpApi(url: string, tokens: { adminToken: string; internalToken: string }): Api {
  return {
    url,
    ...tokens,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        return { status: response.status, body };
      } catch (error) {
        return { status: 0, body: { detail: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
}

/** Queries through the harness's own database handle. */
export function queryThrough(database: Database): Query {
  return async (text) => {
    const result = (await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, any>[] };
    return result.rows;
  };
}

/** Queries on a PostgreSQL database of its own connection (for systems running as processes). */
export function queryPostgres(connectionString: string): Query & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => {});
  const query = async (text: string) => (await pool.query(text)).rows;
  return Object.assign(query, { close: () => pool.end() });
}

export interface Student {
  id: number;
  token: string;
}

export async function loginStudent(api: Api, name: string): Promise<Student> {
  const response = await api.request('POST', '/api/auth/login', { body: { identifier: name } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.user.id, token: response.body.access_token };
}

export async function newConversation(api: Api, student: Student): Promise<number> {
  const response = await api.request('POST', '/api/conversations', { token: student.token, body: {} });
  if (response.status !== 201) throw new Error(`new conversation failed: ${response.status}`);
  return response.body.id;
}

/** How a chat turn ended, as the student's client sees it. */
export type TurnOutcome =
  | { kind: 'replied'; messageId: number }
  | { kind: 'failed'; messageId: number; detail: string }
  | { kind: 'stuck'; messageId: number }
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'unexpected'; messageId: number; status: number; detail: string };

/** Sends a message, then polls its response route like the web client until it is not 202 any more. */
export async function chatTurn(
  api: Api,
  student: Student,
  conversationId: number,
  content: string,
  boundMs: number,
): Promise<TurnOutcome> {
  const sent = await api.request('POST', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
    body: { content },
  });
  if (sent.status !== 200) return { kind: 'refused', status: sent.status, detail: String(sent.body?.detail) };
  const messageId: number = sent.body.message.id;
  return awaitTurn(api, student, messageId, boundMs);
}

export async function awaitTurn(api: Api, student: Student, messageId: number, boundMs: number): Promise<TurnOutcome> {
  for (const deadline = Date.now() + boundMs; Date.now() < deadline; await sleep(100)) {
    const answer = await api.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    if (answer.status === 202 || answer.status === 0) continue;
    if (answer.status === 200) return { kind: 'replied', messageId };
    const detail = String(answer.body?.detail ?? '');
    if (answer.status === 502 && detail !== '') return { kind: 'failed', messageId, detail };
    // 503 while the database restarts is the truth, not an answer: keep polling
    if (answer.status === 503) continue;
    return { kind: 'unexpected', messageId, status: answer.status, detail };
  }
  return { kind: 'stuck', messageId };
}

/** How a generation job ended, as an operator following it sees it. */
export type JobOutcome =
  | { kind: 'completed'; jobId: number; job: any }
  | { kind: 'failed'; jobId: number; job: any; error: string }
  | { kind: 'stuck'; jobId: number };

export async function awaitJob(api: Api, jobId: number, boundMs: number): Promise<JobOutcome> {
  for (const deadline = Date.now() + boundMs; Date.now() < deadline; await sleep(100)) {
    const job = await api.request('GET', `/api/tasks/jobs/${jobId}`, { token: api.adminToken });
    if (job.status !== 200) continue;
    if (job.body.state === 'completed') return { kind: 'completed', jobId, job: job.body };
    if (job.body.state === 'failed')
      return { kind: 'failed', jobId, job: job.body, error: String(job.body.error ?? '') };
  }
  return { kind: 'stuck', jobId };
}

/** Counts 5xx answers, except the response route's 502: that one is how a failed turn is told. */
export function countingFiveHundreds(api: Api): { api: Api; fiveHundreds(): number } {
  let count = 0;
  return {
    api: {
      ...api,
      async request(method, path, options) {
        const answer = await api.request(method, path, options);
        const failedTurn = answer.status === 502 && /^\/api\/messages\/\d+\/response$/.test(path);
        if (answer.status >= 500 && !failedTurn) count++;
        return answer;
      },
    },
    fiveHundreds: () => count,
  };
}
