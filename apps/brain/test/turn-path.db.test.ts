import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { storeTurnReply, type TurnReply } from '@coach/data';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, type SentStatement } from '../../../bench/query-counter.ts';
import { givenConversation, givenStudent, startBackend, type TestBackend } from '../../backend/test/harness.ts';
import { type RunningBrain, startBrainService } from '../src/server.ts';
import { readBody } from './openai-test-server.ts';

// The built-in Brain reads and stores a chat turn in the database itself. It still reaches the Backend
// over HTTP for the rest (prompts at start, generation): here through a proxy that refuses the internal
// turn routes, which an external Brain would use, so a turn that called them would fail.
const TURN_ROUTES = /\/api\/internal\/(conversations\/\d+\/turn_context|brain_response|brain_failure)/;
const quiet: FastifyBaseLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const refused: string[] = [];
let proxy: Server;
let backend: TestBackend;
let brain: RunningBrain;
beforeAll(async () => {
  backend = await startBackend();
  proxy = createServer(async (req, res) => {
    const body = await readBody(req);
    if (TURN_ROUTES.test(req.url ?? '')) {
      refused.push(req.url ?? '');
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ detail: 'the internal turn routes are out of reach' }));
    }
    const answer = await fetch(`${backend.url}${req.url}`, {
      method: req.method,
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      body: body === '' ? undefined : body,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  brain = await startBrainService({
    env: {},
    database: backend.database,
    queue: backend.queue,
    tokens: { internalToken: backend.internalToken, adminToken: backend.adminToken },
    logger: quiet,
    config: { port: 0, host: '127.0.0.1', backendUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
  });
});
afterAll(async () => {
  await brain?.stop();
  await backend?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
});

/** The coach's reply, asked for once and held until it is stored, as the web client asks. */
function heldPoll(token: string, messageId: number) {
  return backend.request<{ id: number; content: string }>('GET', `/api/messages/${messageId}/response?wait=20`, {
    token,
  });
}

async function send(token: string, conversationId: number, content: string) {
  const sent = await backend.request('POST', `/api/conversations/${conversationId}/messages`, {
    token,
    body: { content },
  });
  expect(sent.status).toBe(200);
  return sent.body.message.id as number;
}

describe("a chat turn's path", () => {
  it('answers with the internal turn routes out of reach of the built-in Brain', async () => {
    const student = await givenStudent(backend, 'Direct');
    const conversationId = await givenConversation(backend, student);
    const messageId = await send(student.token, conversationId, 'Why do volcanoes erupt?');

    const reply = await heldPoll(student.token, messageId);

    expect(reply.status).toBe(200);
    expect(reply.body.content).toContain('volcano');
    expect(refused).toEqual([]);
    const steps = await backend.request('GET', `/api/messages/${reply.body.id}/pipeline_steps`, {
      token: student.token,
    });
    expect(steps.status).toBe(200);
    expect(steps.body.length).toBeGreaterThan(0);
  });

  it('completes the chat-turn job in the transaction that stores the reply', async () => {
    const student = await givenStudent(backend, 'Settled');
    const conversationId = await givenConversation(backend, student);
    const messageId = await send(student.token, conversationId, 'How do bees make honey?');
    expect((await heldPoll(student.token, messageId)).status).toBe(200);

    const { rows } = await backend.database.pool.query(
      `select state, output from pgboss.job where name = 'chat-turn' and singleton_key = $1`,
      [`message:${messageId}`],
    );
    expect(rows).toEqual([{ state: 'completed', output: { answered: true } }]);
  });

  it('costs at most 5 transactions from the POST until the student has the reply', async () => {
    const student = await givenStudent(backend, 'Counted');
    const conversationId = await givenConversation(backend, student);
    // the first turn warms up what is read once (queue settings, prompts)
    expect((await heldPoll(student.token, await send(student.token, conversationId, 'Hi'))).status).toBe(200);
    const queries = countQueries();
    try {
      const messageId = await send(student.token, conversationId, 'Why is the sea salty?');
      expect((await heldPoll(student.token, messageId)).status).toBe(200);
      const turn = queries.log().filter((statement, i, all) => !waiting(statement, all.slice(0, i)));
      expect(transactionsIn(turn), transactionsSent(turn).join('\n')).toBeLessThanOrEqual(5);
    } finally {
      queries.stop();
    }
  });
});

describe('storing a reply', () => {
  const replyTo = (messageId: number, userId: number, conversationId: number): TurnReply => ({
    userId,
    conversationId,
    userMessageId: messageId,
    content: 'Because rivers carry salt to it.',
    pipelineData: { steps: [] },
    promptVersionId: null,
  });

  it('stores nothing when the work in its transaction fails, and stores it once when tried again', async () => {
    const student = await givenStudent(backend, 'Crashing');
    const conversationId = await givenConversation(backend, student);
    // a `test` message is stored without a chat turn: only the calls below answer it
    const sent = await backend.request('POST', `/api/conversations/${conversationId}/messages`, {
      token: student.token,
      body: { content: 'Why is the sea salty?', purpose: 'test' },
    });
    const reply = replyTo(sent.body.message.id, student.id, conversationId);
    const db = backend.database.db;

    // the job's completion fails (the process dies before commit): the reply goes with it
    await expect(
      storeTurnReply(db, reply, async () => {
        throw new Error('the Brain stopped before its commit');
      }),
    ).rejects.toThrow('the Brain stopped');
    expect(await repliesTo(sent.body.message.id)).toBe(0);

    // the retry and a late duplicate racing it: one reply, one of them told it is a duplicate
    const [first, second] = await Promise.all([storeTurnReply(db, reply), storeTurnReply(db, reply)]);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    expect(first.reply.id).toBe(second.reply.id);
    expect(await repliesTo(sent.body.message.id)).toBe(1);
  });
});

async function repliesTo(messageId: number): Promise<number> {
  const { rows } = await backend.database.pool.query(
    'select (select count(*) from messages where responds_to_message_id = $1)::int as replies, (select count(*) from message_pipeline_data d join messages m on m.id = d.message_id where m.responds_to_message_id = $1)::int as data',
    [messageId],
  );
  expect(rows[0].data).toBe(rows[0].replies);
  return rows[0].replies;
}

/**
 * What the system sends while it waits, not for this turn: the queue's own work (other queues' polls,
 * supervision), a poll of the chat-turn queue that claimed nothing, and the held poll's periodic
 * re-look (the same statement as its first look), which a slow machine may need.
 */
function waiting(statement: SentStatement, before: SentStatement[]): boolean {
  const { text } = statement;
  if (/pgboss\./i.test(text) && !text.includes("'chat-turn'") && !/^\s*with (ins|results) as/i.test(text)) return true;
  if (text.includes("'chat-turn'") && statement.rows === 0) return true;
  return /"replies"/.test(text) && before.some((earlier) => earlier.text === text);
}

/** Each transaction's first statement, for a failure's message. */
function transactionsSent(statements: SentStatement[]): string[] {
  const open = new Set<number>();
  return statements.flatMap(({ text, connection, rows }) => {
    if (open.has(connection)) {
      if (/^(commit|rollback|end)\b/i.test(text)) open.delete(connection);
      return [];
    }
    if (/^begin\b/i.test(text)) open.add(connection);
    return [`${connection}: ${text.replace(/\s+/g, ' ').slice(0, 100)} (${rows} rows)`];
  });
}

/** Transactions as the server commits them: a BEGIN … COMMIT block once, a statement outside one once. */
function transactionsIn(statements: Array<{ text: string; connection: number }>): number {
  const open = new Set<number>();
  let transactions = 0;
  for (const { text, connection } of statements) {
    if (/^begin\b/i.test(text)) open.add(connection);
    else if (/^(commit|rollback|end)\b/i.test(text)) {
      if (open.delete(connection)) transactions++;
    } else if (!open.has(connection)) transactions++;
  }
  return transactions;
}
